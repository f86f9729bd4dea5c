import { countOf } from '@event-flows/model';
import { useReactFlow } from '@xyflow/react';
import { useEditorStore, useEditorStoreApi } from '../store/index.ts';
import { useFind, useFindActions } from './FindProvider.tsx';
import { focusHops, neighbourhood } from './neighbourhood.ts';
import { Button } from '../ui/Button.tsx';

const hopChoices = Array.from({ length: focusHops.max - focusHops.min + 1 }, (_, i) => focusHops.min + i);

/**
 * Focus mode's controls: "Focus" on the one selected node shows it and its neighbours and dims the
 * rest; while focused, how many hops to show (1–3) and "Exit focus" (or Escape on the canvas).
 * Entering focus mode or widening it brings the neighbourhood into view.
 */
export function FocusControls() {
  const store = useEditorStoreApi();
  const focus = useFind((s) => s.focus);
  const find = useFindActions();
  const selected = useEditorStore((s) => (s.selection.nodeIds.size === 1 ? [...s.selection.nodeIds][0] : undefined));
  const focused = useEditorStore((s) => (focus ? s.nodesById.get(focus.nodeId) : undefined));
  const { fitView } = useReactFlow();

  const show = (nodeId: string, hops: number) => {
    const near = neighbourhood(store.getState().graph, nodeId, hops);
    void fitView({ nodes: [...near.nodeIds].map((id) => ({ id })), padding: 0.2, maxZoom: 1, duration: 0 });
  };

  const active = focus && focused ? focus : null;
  const name = !focused ? '' : focused.kind === 'algorithm' ? focused.algorithm : focused.topic;
  // One toggle button whether focused or not, so that keyboard focus stays on it when it is pressed.
  return (
    <div role="group" aria-label="Focus mode" className={active ? 'efs-find__focus-bar' : 'efs-find__focus-group'}>
      {active ? (
        <>
          <span className="efs-find__focus-name" title={name}>
            Focus on <strong>{name}</strong>
          </span>
          <span className="efs-find__hops" aria-hidden="true">
            within
          </span>
          {hopChoices.map((hops) => (
            <Button
              key={hops}
              size="small"
              className="efs-find__button efs-find__hop"
              aria-label={`Within ${countOf(hops, 'hop')}`}
              aria-pressed={active.hops === hops}
              onClick={() => {
                find.setFocusHops(hops);
                show(active.nodeId, hops);
              }}
            >
              {hops}
            </Button>
          ))}
          <span className="efs-find__hops" aria-hidden="true">
            hops
          </span>
        </>
      ) : null}
      <Button
        key="toggle"
        className="efs-find__button efs-find__focus"
        disabled={!active && !selected}
        title={active ? 'Show the whole flow again (Escape)' : selected ? 'Show the selected node and its neighbours; dim the rest' : 'Select one node to focus on it'}
        onClick={() => {
          if (active) find.exitFocus();
          else if (selected) {
            find.focusOn(selected);
            show(selected, focusHops.initial);
          }
        }}
      >
        {active ? 'Exit focus' : 'Focus'}
      </Button>
    </div>
  );
}
