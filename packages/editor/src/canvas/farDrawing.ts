import type { EdgeKind, FlowGroup, FlowNode } from '@event-flows/model';
import type { Neighbourhood } from '../find/neighbourhood.ts';
import { drawCollapsedGroups, drawGroupFrames, type GroupOutlines } from '../groups/groupOutlines.ts';
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

/**
 * How far outside the flow's boxes the drawing reaches, in screen pixels: a group's name above its
 * frame (12 px and 4 px of room), wider than a search hit's ring (6 px out, 5 px wide) and the
 * selection outline (3 px out, 2 px wide).
 */
const outlineReach = 16;

/**
 * What the far drawing must show of a flow whose nodes and group frames lie in `flowBounds`
 * (`null`: no nodes) when `visible` is in view at `zoom`: the flow's part in view, with what is
 * drawn around its boxes (outlines, rings, names).
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

/** What finding one's way adds to the drawing far out: groups, and focus mode's neighbourhood. */
export interface FarWayFinding {
  /** The groups as shown (`groupOutlines` of the shown graph), or `null` when there are none. */
  groups: GroupOutlines | null;
  /** In focus mode, the nodes and edges shown; everything else is dimmed. */
  inFocus: Neighbourhood | null;
  /** While the search box is open, the nodes it finds and the current one; they are ringed. */
  hits: { ids: ReadonlySet<string>; current: string | undefined } | null;
}

/** How strongly what focus mode leaves out is drawn (its CSS dims nodes to 0.25, edges to 0.12). */
const dimmed = { node: 0.25, edge: 0.12 } as const;

/**
 * Draws the part `area` of the flow in low detail at `zoom` onto `context`, whose canvas is
 * `area` times `zoom` times `pixelRatio` pixels large: expanded groups' frames, every edge in it as
 * a straight line from handle to handle in its kind's colour, then every node in it as a rounded
 * shape in its kind's colour (a DLQ topic in the dead-letter colour), the selected ones outlined. A
 * collapsed group is one box in place of its nodes, their edges drawn to its sides; in focus mode
 * what is left out is dimmed; the open search's hits are ringed. What lies outside `area` is skipped.
 */
export function drawFarFlow(
  context: CanvasRenderingContext2D,
  editor: EditorState,
  area: FlowRect,
  zoom: number,
  pixelRatio: number,
  colours: CanvasColours,
  { groups, inFocus, hits }: FarWayFinding = { groups: null, inFocus: null, hits: null },
): void {
  const scale = pixelRatio * zoom;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  context.setTransform(scale, 0, 0, scale, -area.x * scale, -area.y * scale);
  const hidden = groups?.hidden;
  if (groups) drawGroupFrames(context, groups, zoom, colours);

  // One path per colour (and per strength in focus mode), stroked or filled once: a few calls for
  // thousands of lines and shapes.
  const lines = new Map(edgeKinds.map((kind) => [kind, new Path2D()]));
  const dimmedLines = new Map(edgeKinds.map((kind) => [kind, new Path2D()]));
  for (const edge of editor.graph.edges) {
    const source = editor.nodesById.get(edge.source);
    const target = editor.nodesById.get(edge.target);
    if (!source || !target) continue;
    // An edge of a collapsed group's node ends on the group's box, its way in on the left, out on the right.
    const sourceBox = hidden?.get(edge.source);
    const targetBox = hidden?.get(edge.target);
    if (sourceBox && sourceBox === targetBox) continue;
    const ends = edgeHandles[edge.kind];
    const from = sourceBox ? { x: sourceBox.x + sourceBox.width, y: sourceBox.y + sourceBox.height / 2 } : handleCentre(source, ends.source);
    const to = targetBox ? { x: targetBox.x, y: targetBox.y + targetBox.height / 2 } : handleCentre(target, ends.target);
    if (!overlaps(area, Math.min(from.x, to.x), Math.min(from.y, to.y), Math.max(from.x, to.x), Math.max(from.y, to.y))) continue;
    const line = (inFocus && !inFocus.edgeIds.has(edge.id) ? dimmedLines : lines).get(edge.kind) as Path2D;
    line.moveTo(from.x, from.y);
    line.lineTo(to.x, to.y);
  }
  context.lineWidth = 1 / zoom;
  for (const [paths, alpha] of [[lines, 0.6], [dimmedLines, 0.6 * dimmed.edge]] as const) {
    context.globalAlpha = alpha;
    for (const kind of edgeKinds) {
      context.strokeStyle = colours[kind];
      context.stroke(paths.get(kind) as Path2D);
    }
  }

  const newShapes = () => ({ algorithm: new Path2D(), topic: new Path2D(), dlqTopic: new Path2D() });
  const shapes = newShapes();
  const dimmedShapes = newShapes();
  // Corners under a pixel wide are not seen: plain rectangles then, which are quicker to fill.
  const radius = cornerRadius * zoom >= 1 ? cornerRadius : 0;
  for (const node of editor.graph.nodes) {
    if (hidden?.has(node.id)) continue;
    const { width, height } = nodeSize[node.kind];
    const { x: left, y: top } = node.position;
    if (!overlaps(area, left, top, left + width, top + height)) continue;
    const shape = node.kind === 'algorithm' ? 'algorithm' : editor.dlqTopicIds.has(node.id) ? 'dlqTopic' : 'topic';
    const path = (inFocus && !inFocus.nodeIds.has(node.id) ? dimmedShapes : shapes)[shape];
    if (radius > 0) path.roundRect(left, top, width, height, radius);
    else path.rect(left, top, width, height);
  }
  for (const [paths, alpha] of [[shapes, 1], [dimmedShapes, dimmed.node]] as const) {
    context.globalAlpha = alpha;
    for (const shape of ['algorithm', 'topic', 'dlqTopic'] as const) {
      context.fillStyle = colours[shape];
      context.fill(paths[shape]);
    }
  }
  context.globalAlpha = 1;
  if (groups) {
    // In focus mode, a collapsed group is dimmed unless one of its nodes is in focus.
    const inView = (g: FlowGroup) => !inFocus || g.nodeIds.some((id) => inFocus.nodeIds.has(id));
    drawCollapsedGroups(context, { ...groups, collapsed: groups.collapsed.filter(({ group }) => inView(group)) }, zoom, colours);
    context.globalAlpha = dimmed.node;
    drawCollapsedGroups(context, { ...groups, collapsed: groups.collapsed.filter(({ group }) => !inView(group)) }, zoom, colours);
    context.globalAlpha = 1;
  }

  if (editor.selection.nodeIds.size > 0) {
    const outlines = new Path2D();
    const margin = 3 / zoom;
    for (const id of editor.selection.nodeIds) {
      const node = editor.nodesById.get(id);
      if (!node || hidden?.has(id)) continue;
      const { width, height } = nodeSize[node.kind];
      outlines.roundRect(node.position.x - margin, node.position.y - margin, width + 2 * margin, height + 2 * margin, cornerRadius + margin);
    }
    context.lineWidth = 2 / zoom;
    context.strokeStyle = colours.selected;
    context.stroke(outlines);
  }
  if (hits) drawHitRings(context, editor, hits, zoom, colours.searchHit, hidden);
}

/** Rings around the search's hits, outside the selection's outline: the current hit's wider. */
function drawHitRings(context: CanvasRenderingContext2D, editor: EditorState, hits: NonNullable<FarWayFinding['hits']>, zoom: number, colour: string, hidden: ReadonlyMap<string, unknown> | undefined): void {
  const rings = new Path2D();
  const current = new Path2D();
  const margin = 6 / zoom;
  for (const id of hits.ids) {
    const node = editor.nodesById.get(id);
    if (!node || hidden?.has(id)) continue;
    const { width, height } = nodeSize[node.kind];
    (id === hits.current ? current : rings).roundRect(node.position.x - margin, node.position.y - margin, width + 2 * margin, height + 2 * margin, cornerRadius + margin);
  }
  context.strokeStyle = colour;
  context.lineWidth = 3 / zoom;
  context.stroke(rings);
  context.lineWidth = 5 / zoom;
  context.stroke(current);
}

/**
 * The topmost node whose shape contains the flow point `at` (the last drawn wins), if any; nodes in
 * `hidden` (those of collapsed groups, not drawn) are passed over.
 */
export function nodeAt(nodes: readonly FlowNode[], at: { x: number; y: number }, hidden?: ReadonlyMap<string, unknown>): FlowNode | undefined {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as FlowNode;
    if (hidden?.has(node.id)) continue;
    const { width, height } = nodeSize[node.kind];
    if (at.x >= node.position.x && at.x <= node.position.x + width && at.y >= node.position.y && at.y <= node.position.y + height) return node;
  }
  return undefined;
}
