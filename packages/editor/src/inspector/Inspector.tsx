import { countOf } from '@event-flows/model';
import { useId } from 'react';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { AlgorithmInspector } from './AlgorithmInspector.tsx';
import { EdgeInspector } from './EdgeInspector.tsx';
import { TopicInspector } from './TopicInspector.tsx';
import { Button } from '../ui/Button.tsx';

/**
 * The settings of the selected node or edge. Every change is a store action (one undo step); in a
 * read-only editor the settings are shown but cannot be changed.
 */
export function Inspector() {
  const headingId = useId();
  const selection = useEditorStore((s) => s.selection);
  const nodesById = useEditorStore((s) => s.nodesById);
  const edges = useEditorStore((s) => s.graph.edges);
  const readOnly = useEditorStore((s) => s.readOnly);
  const actions = useEditorActions();
  const count = selection.nodeIds.size + selection.edgeIds.size;
  const [nodeId] = selection.nodeIds;
  const [edgeId] = selection.edgeIds;
  const node = count === 1 && nodeId !== undefined ? nodesById.get(nodeId) : undefined;
  const edge = count === 1 && edgeId !== undefined ? edges.find((e) => e.id === edgeId) : undefined;

  let body;
  if (count === 0) body = <p className="efs-panel__empty">Select a node or an edge to see its settings.</p>;
  else if (node?.kind === 'algorithm') body = <AlgorithmInspector key={node.id} node={node} />;
  else if (node?.kind === 'topic') body = <TopicInspector key={node.id} node={node} />;
  else if (edge) body = <EdgeInspector key={edge.id} edge={edge} />;
  else
    body = (
      <>
        <p>
          {selectedWords(selection.nodeIds.size, selection.edgeIds.size)} selected.
        </p>
        <Button variant="danger" onClick={() => actions.deleteSelection()} disabled={readOnly}>
          Delete selection
        </Button>
      </>
    );

  return (
    <section className="efs-inspector" aria-labelledby={headingId}>
      <h2 id={headingId} className="efs-panel__heading">
        Inspector
      </h2>
      <fieldset className="efs-inspector__body" disabled={readOnly}>
        {body}
      </fieldset>
    </section>
  );
}

/** "2 nodes", "1 node and 1 edge", "3 edges": what is selected, without a part that counts nothing. */
function selectedWords(nodes: number, edges: number): string {
  const parts = [nodes > 0 ? countOf(nodes, 'node') : '', edges > 0 ? countOf(edges, 'edge') : ''].filter(Boolean);
  return parts.join(' and ');
}
