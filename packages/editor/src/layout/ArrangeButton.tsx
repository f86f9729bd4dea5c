import { Panel, useReactFlow } from '@xyflow/react';
import { useEditorActions, useEditorStore, useEditorStoreApi } from '../store/index.ts';
import { layoutGraph } from './layoutGraph.ts';

/**
 * A canvas panel with the "Arrange" command: lays the flow out automatically as one undo step and
 * fits it into view. Render it inside the canvas (a child of `FlowCanvas`); hidden when read-only.
 */
export function ArrangeButton() {
  const store = useEditorStoreApi();
  const actions = useEditorActions();
  const readOnly = useEditorStore((s) => s.readOnly);
  const empty = useEditorStore((s) => s.graph.nodes.length === 0);
  const { fitView } = useReactFlow();
  if (readOnly) return null;
  return (
    <Panel position="top-right">
      <button
        type="button"
        className="efs-canvas-button"
        disabled={empty}
        onClick={() => {
          actions.moveNodes(layoutGraph(store.getState().graph));
          void fitView({ minZoom: 0.25, maxZoom: 1 });
        }}
      >
        Arrange
      </button>
    </Panel>
  );
}
