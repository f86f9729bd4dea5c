import type { EdgeKind, FlowNode } from '@event-flows/model';
import type { EditorState } from '../store/index.ts';
import type { CanvasColours } from './canvasColours.ts';
import { edgeHandles } from './flowElements.ts';
import { visibleFlowRect, type FlowRect } from './miniMapLayout.ts';
import { handleCentres, nodeSize } from './nodeGeometry.ts';

const edgeKinds: readonly EdgeKind[] = ['subscribe', 'publish', 'dlq'];
/** The corner radius of a node's shape, in flow units, as the full node's border (8 px). */
const cornerRadius = 8;

function overlaps(view: FlowRect, left: number, top: number, right: number, bottom: number): boolean {
  return right >= view.x && left <= view.x + view.width && bottom >= view.y && top <= view.y + view.height;
}

function handleCentre(node: FlowNode, handleId: string): { x: number; y: number } {
  const centre = handleCentres[node.kind].get(handleId);
  return { x: node.position.x + (centre?.x ?? 0), y: node.position.y + (centre?.y ?? 0) };
}

/**
 * Draws the flow in low detail onto `context`, a canvas as large as React Flow's pane (times
 * `pixelRatio`) at its `transform`: every edge in view as a straight line from handle to handle in
 * its kind's colour, then every node in view as a rounded shape in its kind's colour (a DLQ topic in
 * the dead-letter colour), the selected ones outlined. What lies outside the view is skipped.
 */
export function drawFarFlow(
  context: CanvasRenderingContext2D,
  editor: EditorState,
  transform: readonly [number, number, number],
  view: { width: number; height: number; pixelRatio: number },
  colours: CanvasColours,
): void {
  const [x, y, zoom] = transform;
  const ratio = view.pixelRatio;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);
  const visible = visibleFlowRect(transform, view.width, view.height);

  // One path per colour, stroked or filled once: a few calls for thousands of lines and shapes.
  const lines = new Map(edgeKinds.map((kind) => [kind, new Path2D()]));
  for (const edge of editor.graph.edges) {
    const source = editor.nodesById.get(edge.source);
    const target = editor.nodesById.get(edge.target);
    if (!source || !target) continue;
    const ends = edgeHandles[edge.kind];
    const from = handleCentre(source, ends.source);
    const to = handleCentre(target, ends.target);
    if (!overlaps(visible, Math.min(from.x, to.x), Math.min(from.y, to.y), Math.max(from.x, to.x), Math.max(from.y, to.y))) continue;
    const line = lines.get(edge.kind) as Path2D;
    line.moveTo(from.x, from.y);
    line.lineTo(to.x, to.y);
  }
  context.lineWidth = 1 / zoom;
  context.globalAlpha = 0.6;
  for (const kind of edgeKinds) {
    context.strokeStyle = colours[kind];
    context.stroke(lines.get(kind) as Path2D);
  }

  const shapes = { algorithm: new Path2D(), topic: new Path2D(), dlqTopic: new Path2D() };
  // Corners under a pixel wide are not seen: plain rectangles then, which are quicker to fill.
  const radius = cornerRadius * zoom >= 1 ? cornerRadius : 0;
  for (const node of editor.graph.nodes) {
    const { width, height } = nodeSize[node.kind];
    const { x: left, y: top } = node.position;
    if (!overlaps(visible, left, top, left + width, top + height)) continue;
    const shape = node.kind === 'algorithm' ? 'algorithm' : editor.dlqTopicIds.has(node.id) ? 'dlqTopic' : 'topic';
    if (radius > 0) shapes[shape].roundRect(left, top, width, height, radius);
    else shapes[shape].rect(left, top, width, height);
  }
  context.globalAlpha = 1;
  for (const shape of ['algorithm', 'topic', 'dlqTopic'] as const) {
    context.fillStyle = colours[shape];
    context.fill(shapes[shape]);
  }

  if (editor.selection.nodeIds.size > 0) {
    const outlines = new Path2D();
    const margin = 3 / zoom;
    for (const id of editor.selection.nodeIds) {
      const node = editor.nodesById.get(id);
      if (!node) continue;
      const { width, height } = nodeSize[node.kind];
      outlines.roundRect(node.position.x - margin, node.position.y - margin, width + 2 * margin, height + 2 * margin, cornerRadius + margin);
    }
    context.lineWidth = 2 / zoom;
    context.strokeStyle = colours.selected;
    context.stroke(outlines);
  }
}

/** The topmost node whose shape contains the flow point `at` (the last drawn wins), if any. */
export function nodeAt(nodes: readonly FlowNode[], at: { x: number; y: number }): FlowNode | undefined {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as FlowNode;
    const { width, height } = nodeSize[node.kind];
    if (at.x >= node.position.x && at.x <= node.position.x + width && at.y >= node.position.y && at.y <= node.position.y + height) return node;
  }
  return undefined;
}
