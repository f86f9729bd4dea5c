import { useEditorStore } from '../store/index.ts';

/**
 * What an empty canvas says: how to start, for a person who may edit; that the flow is empty, for a
 * viewer. Nothing once the flow has a node. It lets drops through to the canvas beneath it.
 */
export function EmptyCanvasHint() {
  const empty = useEditorStore((s) => s.graph.nodes.length === 0);
  const readOnly = useEditorStore((s) => s.readOnly);
  if (!empty) return null;
  return (
    <p className="efs-empty-canvas" role="note">
      {readOnly ? 'This flow is empty.' : 'Drag an algorithm or a topic from the palette, or make a New topic.'}
    </p>
  );
}
