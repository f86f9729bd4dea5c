import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { boundsOf, useEditorStoreApi, type NodeMove } from '../store/index.ts';
import { startArrange, type ArrangeJob } from './arrangeJob.ts';
import { layoutRequestOf, type LayoutPlace } from './layoutRequest.ts';

/** What is arranged: the whole flow, or only the selected nodes. */
export type ArrangeScope = 'flow' | 'selection';

/** An arrange in progress: what it arranges, and the share of the layout done so far (0 to 1). */
export interface ArrangeRun {
  scope: ArrangeScope;
  nodes: number;
  done: number;
}

/** Room around the flow when the view is fitted to it, as a share of the canvas. */
const fitPadding = 0.1;

/**
 * "Arrange" in a worker: `start` lays out the flow (or the selection) off the main thread, with its
 * progress in `running`, then
 * moves the nodes as one undo step and fits the view to every node; `cancel` stops the worker and
 * leaves every node where it was. One arrange at a time; leaving the editor cancels it.
 */
export function useArrange() {
  const store = useEditorStoreApi();
  const { fitBounds } = useReactFlow();
  const job = useRef<ArrangeJob | null>(null);
  const [running, setRunning] = useState<ArrangeRun | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => () => job.current?.cancel(), []);

  const start = useCallback(
    (scope: ArrangeScope) => {
      if (job.current) return;
      const { graph, selection } = store.getState();
      const only = scope === 'selection' ? selection.nodeIds : undefined;
      const request = layoutRequestOf(graph, only);
      if (request.nodes.length === 0) return;
      const current = startArrange(request, (done) => {
        if (job.current === current) setRunning((run) => run && { ...run, done });
      });
      job.current = current;
      setFailure(null);
      setRunning({ scope, nodes: request.nodes.length, done: 0 });
      void current.outcome.then((outcome) => {
        job.current = null;
        setRunning(null);
        if (outcome.status === 'failed') setFailure(outcome.reason);
        if (outcome.status !== 'placed') return;
        const state = store.getState();
        state.actions.moveNodes(only ? nearOldPlace(outcome.places, state.graph.nodes) : movesOf(outcome.places));
        const bounds = boundsOf(store.getState().graph.nodes);
        if (bounds) void fitBounds(bounds, { padding: fitPadding });
      });
    },
    [store, fitBounds],
  );

  const cancel = useCallback(() => job.current?.cancel(), []);
  return { running, failure, start, cancel };
}

function movesOf(places: readonly LayoutPlace[]): NodeMove[] {
  return places.map((p) => ({ id: p.id, position: { x: p.x, y: p.y } }));
}

/** The places shifted so that the arranged nodes keep the top-left corner they had together before. */
function nearOldPlace(places: readonly LayoutPlace[], nodes: readonly { id: string; position: { x: number; y: number } }[]): NodeMove[] {
  const placed = new Set(places.map((p) => p.id));
  const before = nodes.filter((n) => placed.has(n.id));
  if (before.length === 0) return [];
  const dx = Math.min(...before.map((n) => n.position.x)) - Math.min(...places.map((p) => p.x));
  const dy = Math.min(...before.map((n) => n.position.y)) - Math.min(...places.map((p) => p.y));
  return places.map((p) => ({ id: p.id, position: { x: p.x + dx, y: p.y + dy } }));
}
