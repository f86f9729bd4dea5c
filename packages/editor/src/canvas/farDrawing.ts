import type { EdgeKind, FlowNode } from '@event-flows/model';
import type { EditorState } from '../store/index.ts';
import type { CanvasColours } from './canvasColours.ts';
import { edgeHandles } from './flowElements.ts';
import type { FlowRect } from './miniMapLayout.ts';
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

/** Whether `outer` contains all of `inner` (an empty `inner` is contained anywhere). */
function contains(outer: FlowRect, inner: FlowRect): boolean {
  if (inner.width <= 0 || inner.height <= 0) return true;
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** The part of `a` inside `b`; zero wide or high when they do not overlap. */
function intersection(a: FlowRect, b: FlowRect): FlowRect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
}

/** How far outside a node's box the drawing reaches, in screen pixels: the selection outline (3 px out, 2 px wide). */
const outlineReach = 4;

/**
 * What the far drawing must show of a flow whose nodes lie in `flowBounds` (`null`: no nodes) when
 * `visible` is in view at `zoom`: the flow's part in view, with its selection outlines.
 */
export function neededFlowRect(flowBounds: FlowRect | null, visible: FlowRect, zoom: number): FlowRect {
  if (!flowBounds) return { x: visible.x, y: visible.y, width: 0, height: 0 };
  const reach = outlineReach / zoom;
  const padded = { x: flowBounds.x - reach, y: flowBounds.y - reach, width: flowBounds.width + 2 * reach, height: flowBounds.height + 2 * reach };
  return intersection(padded, visible);
}

/** How far past the view the far drawing reaches, in screen pixels, so that a short pan needs no new drawing. */
export const farDrawingMargin = 256;

/**
 * The part of the flow to draw when `visible` is in view at `zoom`: the flow's part in view and
 * farDrawingMargin pixels more on every side, so a pan draws again only once it leaves that margin
 * (a margin of a share of the view would cost a large screen many more pixels at every zoom step).
 * When the whole flow is in view ("fit view") that is the whole flow: panning never draws again.
 */
export function farDrawingArea(flowBounds: FlowRect | null, visible: FlowRect, zoom: number): FlowRect {
  const margin = farDrawingMargin / zoom;
  const around = { x: visible.x - margin, y: visible.y - margin, width: visible.width + 2 * margin, height: visible.height + 2 * margin };
  return neededFlowRect(flowBounds, around, zoom);
}

/**
 * Whether a drawing of `drawn` (the area and zoom it was drawn at) still shows `needed` at `zoom`:
 * it must be of the same zoom (else it would be blurred or coarse) and hold all of `needed`.
 */
export function drawingStillShows(drawn: { area: FlowRect; zoom: number }, needed: FlowRect, zoom: number): boolean {
  return drawn.zoom === zoom && contains(drawn.area, needed);
}

/**
 * Draws the part `area` of the flow in low detail at `zoom` onto `context`, whose canvas is
 * `area` times `zoom` times `pixelRatio` pixels large: every edge in it as a straight line from
 * handle to handle in its kind's colour, then every node in it as a rounded shape in its kind's
 * colour (a DLQ topic in the dead-letter colour), the selected ones outlined. What lies outside
 * `area` is skipped.
 */
export function drawFarFlow(
  context: CanvasRenderingContext2D,
  editor: EditorState,
  area: FlowRect,
  zoom: number,
  pixelRatio: number,
  colours: CanvasColours,
): void {
  const scale = pixelRatio * zoom;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  context.setTransform(scale, 0, 0, scale, -area.x * scale, -area.y * scale);

  // One path per colour, stroked or filled once: a few calls for thousands of lines and shapes.
  const lines = new Map(edgeKinds.map((kind) => [kind, new Path2D()]));
  for (const edge of editor.graph.edges) {
    const source = editor.nodesById.get(edge.source);
    const target = editor.nodesById.get(edge.target);
    if (!source || !target) continue;
    const ends = edgeHandles[edge.kind];
    const from = handleCentre(source, ends.source);
    const to = handleCentre(target, ends.target);
    if (!overlaps(area, Math.min(from.x, to.x), Math.min(from.y, to.y), Math.max(from.x, to.x), Math.max(from.y, to.y))) continue;
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
    if (!overlaps(area, left, top, left + width, top + height)) continue;
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
