import { EventFlowsEditor, nodeHandles, nodeSize } from '@event-flows/editor';
import { demoMember, generateFlow } from '@event-flows/model';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import type { BenchApi, BenchSubject } from '../benchApi.ts';
import { benchFlow } from '../../model/benchFlow.ts';
import { BaselineFlow, baselineElements, type FlowStore } from './BaselineFlow.tsx';
import { DragRecorder } from './dragRecorder.tsx';
import { PanRecorder } from './panRecorder.ts';
import { waitForFirstPaint, type NodeShape } from './paintProbe.tsx';

/**
 * The bench page: `?subject=editor|baseline&nodes=2000&seed=42` mounts the editor or plain React
 * Flow for `generateFlow(nodes, seed)`, or with `&edges=7500` for the model bench's
 * `benchFlow(nodes, edges, seed)` (exactly that many edges, a quarter of the algorithms with a DLQ),
 * and leaves its figures on `window.efsBench`.
 */
const params = new URLSearchParams(location.search);
const subject: BenchSubject = params.get('subject') === 'baseline' ? 'baseline' : 'editor';
const nodeCount = Number(params.get('nodes') ?? 2000);
const seed = Number(params.get('seed') ?? 42);
const edgeCount = params.get('edges');
// The generated catalog knows and grants everything the flow uses, so the flow is valid (no
// diagnostics), as a real one would be; with demoCatalog() it would carry 5,000 diagnostics.
const { graph, catalog } = edgeCount === null ? generateFlow(nodeCount, seed) : benchFlow(nodeCount, Number(edgeCount), seed);

let flowStore: FlowStore | null = null;
// React Flow's default node is 150 px wide (its stylesheet) and about 36 px high with one line of label.
const defaultNodeSize = { width: 150, height: 36 };

const shape: NodeShape =
  subject === 'editor'
    ? { size: (node) => nodeSize[node.kind], handles: (node) => nodeHandles[node.kind].length }
    : {
        size: () => defaultNodeSize,
        handles: () => 2,
        measured: (id) => {
          const node = flowStore?.getState().nodeLookup.get(id);
          return !!node?.measured.width && !!node.measured.height && !!node.internals.handleBounds;
        },
      };

let recorder: DragRecorder | null = null;
let panRecorder: PanRecorder | null = null;

/** Whether pressing at (x, y) would land on the canvas's empty pane (not a node, edge or panel). */
function onEmptyPane(x: number, y: number): boolean {
  const element = document.elementFromPoint(x, y);
  return !!element?.closest('.react-flow') && !element.closest('.react-flow__node, .react-flow__edge, .react-flow__panel');
}

const api: BenchApi = {
  paint: null,
  error: null,
  pickDragTarget() {
    const pane = document.querySelector<HTMLElement>('.react-flow');
    if (!pane) throw new Error('no canvas');
    const area = pane.getBoundingClientRect();
    const centre = { x: area.x + area.width / 2, y: area.y + area.height / 2 };
    let best: { id: string; x: number; y: number; distance: number } | null = null;
    for (const element of pane.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = element.getBoundingClientRect();
      const id = element.dataset.id;
      const inside = r.left > area.left && r.top > area.top && r.right < area.right && r.bottom < area.bottom;
      if (!inside || id === undefined) continue;
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      const distance = Math.hypot(x - centre.x, y - centre.y);
      if (!best || distance < best.distance) best = { id, x, y, distance };
    }
    if (!best) throw new Error('no node lies fully inside the canvas');
    return { nodeId: best.id, x: best.x, y: best.y };
  },
  startDragRecording(nodeId) {
    const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
    if (!element) throw new Error(`node ${nodeId} is not on the canvas`);
    recorder = new DragRecorder(element);
  },
  stopDragRecording() {
    if (!recorder) throw new Error('not recording');
    const result = recorder.stop();
    recorder = null;
    return result;
  },
  pickPanPoint() {
    const pane = document.querySelector<HTMLElement>('.react-flow');
    if (!pane) throw new Error('no canvas');
    const area = pane.getBoundingClientRect();
    const centre = { x: area.x + area.width / 2, y: area.y + area.height / 2 };
    // Outward from the centre in rings of 4 px, until a point of empty pane turns up.
    for (let radius = 0; radius < Math.min(area.width, area.height) / 2; radius += 4) {
      for (let step = 0; step < Math.max(1, radius); step++) {
        const angle = (step / Math.max(1, radius)) * 2 * Math.PI;
        const x = Math.round(centre.x + radius * Math.cos(angle));
        const y = Math.round(centre.y + radius * Math.sin(angle));
        if (onEmptyPane(x, y)) return { x, y };
      }
    }
    throw new Error('no empty pane near the centre of the canvas');
  },
  startPanRecording() {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewport) throw new Error('no viewport');
    panRecorder = new PanRecorder(viewport);
  },
  stopPanRecording() {
    if (!panRecorder) throw new Error('not recording');
    const result = panRecorder.stop();
    panRecorder = null;
    return result;
  },
};
(window as unknown as { efsBench: BenchApi }).efsBench = api;

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
const baseline = subject === 'baseline' ? baselineElements(graph) : null;

// Everything above (graph generation, element conversion) is set-up; the clock starts at mounting.
const startedAt = performance.now();
createRoot(container).render(
  baseline ? (
    <BaselineFlow nodes={baseline.nodes} edges={baseline.edges} onStore={(store) => {
      flowStore = store;
    }} />
  ) : (
    <EventFlowsEditor graph={graph} catalog={catalog} actor={demoMember} />
  ),
);
waitForFirstPaint(graph, shape, startedAt).then(
  (paint) => (api.paint = paint),
  (error: unknown) => (api.error = error instanceof Error ? error.message : String(error)),
);
