import './find.css';
import { Panel } from '@xyflow/react';
import { CanvasSearch } from './CanvasSearch.tsx';
import { useFind, useFindActions } from './FindProvider.tsx';
import { FocusControls } from './FocusControls.tsx';
import { Button } from '../ui/Button.tsx';

/**
 * A canvas panel to find one's way in a big flow: the search box (Ctrl/⌘+F, or "Find") and focus
 * mode. Render it inside the canvas (a child of `FlowCanvas`), inside a `FindProvider`.
 */
export function FindPanel() {
  const searchOpen = useFind((s) => s.searchOpen);
  const find = useFindActions();
  return (
    <Panel position="top-center" className="efs-find">
      {searchOpen ? (
        <CanvasSearch />
      ) : (
        <Button className="efs-find__button" title="Find on canvas (Ctrl+F)" onClick={find.openSearch}>
          Find
        </Button>
      )}
      <FocusControls />
    </Panel>
  );
}
