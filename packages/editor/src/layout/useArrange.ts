import type { FlowNode } from '@event-flows/model';
import { getViewportForBounds, useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { detailZooms } from '../canvas/detailLevel.ts';
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
 * The smallest zoom Arrange leaves a small flow at: the canvas draws node text in full above it
 * from either side (detailLevel.ts), so a title of 13 px is at least 6.5 px on screen.
 */
const readableZoom = detailZooms.fullAbove;
/**
 * A flow is small when, at the readable zoom, it is at most this many canvases wide and high: then
 * Arrange shows it from its start at that zoom (most of it in view) rather than fitting it smaller.
 */
const smallFlowCanvases = 2;
/** Room left of a flow shown from its start, in screen pixels. */
const startMargin = 24;

/**
 * "Arrange" in a worker: `start` lays out the flow (or the selection) off the main thread, with its
 * progress in `running`, then moves the nodes as one undo step and fits the view to every node (a
 * small flow that would fit only below a readable zoom is shown from its start at that zoom
 * instead); `cancel` stops the worker and
 * leaves every node where it was. One arrange at a time; leaving the editor cancels it.
 */
export function useArrange() {
  const store = useEditorStoreApi();
  const canvas = useStoreApi();
  const { fitBounds, setViewport } = useReactFlow();
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
        const nodes = store.getState().graph.nodes;
        const start = readableStart(nodes, canvas.getState());
        if (start) void setViewport(start);
        else {
          const bounds = boundsOf(nodes);
          if (bounds) void fitBounds(bounds, { padding: fitPadding });
        }
      });
    },
    [store, canvas, fitBounds, setViewport],
  );

  const cancel = useCallback(() => job.current?.cancel(), []);
  return { running, failure, start, cancel };
}

/**
 * For a small flow (see smallFlowCanvases) that fits the canvas only below the readable zoom: its
 * start (left end, centred from top to bottom when low enough) at that zoom. `undefined` when
 * fitting the whole flow keeps it readable, or the flow cannot fit in any readable way (it is larger):
 * then the view is fitted to it as before.
 */
function readableStart(nodes: readonly FlowNode[], canvas: { width: number; height: number; minZoom: number; maxZoom: number }): Viewport | undefined {
  const bounds = boundsOf(nodes);
  if (!bounds || canvas.width <= 0 || canvas.height <= 0) return undefined;
  const fit = getViewportForBounds(bounds, canvas.width, canvas.height, canvas.minZoom, canvas.maxZoom, fitPadding);
  if (fit.zoom >= readableZoom || fit.zoom < readableZoom / smallFlowCanvases) return undefined;
  const spareHeight = canvas.height - bounds.height * readableZoom;
  const y = spareHeight > 2 * startMargin ? spareHeight / 2 - bounds.y * readableZoom : startMargin - bounds.y * readableZoom;
  return { x: startMargin - bounds.x * readableZoom, y, zoom: readableZoom };
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
