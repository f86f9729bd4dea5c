import { countOf } from '@event-flows/model';
import { Panel } from '@xyflow/react';
import { useEditorStore } from '../store/index.ts';
import { useArrange, type ArrangeRun } from './useArrange.ts';
import { Button } from '../ui/Button.tsx';

/**
 * A canvas panel with the "Arrange" command, and "Arrange selection" when two or more nodes are
 * selected: lays the flow (or the selection) out in a worker, with its progress and a Cancel, then
 * moves the nodes as one undo step and fits every node into view. Render it inside the canvas (a
 * child of `FlowCanvas`); hidden when read-only.
 */
export function ArrangeButton() {
  const readOnly = useEditorStore((s) => s.readOnly);
  const empty = useEditorStore((s) => s.graph.nodes.length === 0);
  const selected = useEditorStore((s) => s.selection.nodeIds.size);
  const { running, failure, start, cancel } = useArrange();
  if (readOnly) return null;
  return (
    <Panel position="top-right" className="efs-arrange">
      {running ? (
        <ArrangeProgress run={running} onCancel={cancel} />
      ) : (
        <>
          <Button disabled={empty} onClick={() => start('flow')}>
            Arrange
          </Button>
          {selected >= 2 ? (
            <Button onClick={() => start('selection')}>
              Arrange selection
            </Button>
          ) : null}
        </>
      )}
      {failure ? (
        <p className="efs-arrange-failure" role="alert">
          Could not arrange: {failure}
        </p>
      ) : null}
    </Panel>
  );
}

/** An arrange in progress: what it arranges, how far it has got, and a Cancel. */
function ArrangeProgress({ run, onCancel }: { run: ArrangeRun; onCancel: () => void }) {
  const what = run.scope === 'selection' ? `${countOf(run.nodes, 'selected node')}` : countOf(run.nodes, 'node');
  return (
    <div className="efs-arrange-progress" role="status">
      <progress aria-label={`Arranging ${what}`} value={run.done} max={1} />
      <span>
        Arranging {what}… {Math.round(run.done * 100)} %
      </span>
      <Button size="small" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
