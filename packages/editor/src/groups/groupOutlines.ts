import { groupCorner, type FlowGraph, type FlowGroup, type FlowNode } from '@event-flows/model';
import { groupFrame } from '../store/index.ts';
import { groupNodeSize } from './groupElements.ts';

/*
 * Groups as the canvas's <canvas> drawings (the mini map, low detail) show them: an expanded group as
 * a frame's outline with its name, a collapsed one as one box in place of its nodes.
 */

/** A rectangle in flow units. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where each group of a graph is drawn, and which nodes the collapsed ones hide. */
export interface GroupOutlines {
  /** Expanded groups and their frames. */
  frames: { group: FlowGroup; box: Box }[];
  /** Collapsed groups and their boxes, at their nodes' top-left corner. */
  collapsed: { group: FlowGroup; box: Box }[];
  /** The nodes hidden in a collapsed group, each with its group's box. */
  hidden: ReadonlyMap<string, Box>;
}

/** The outlines of `graph`'s groups (pass the graph as shown, `shownGraph`); `null` for a graph without groups. */
export function groupOutlines(graph: FlowGraph, nodesById: ReadonlyMap<string, FlowNode>): GroupOutlines | null {
  if (!graph.groups || graph.groups.length === 0) return null;
  const outlines: GroupOutlines = { frames: [], collapsed: [], hidden: new Map() };
  const hidden = new Map<string, Box>();
  for (const group of graph.groups) {
    if (!group.collapsed) {
      const box = groupFrame(group, nodesById);
      if (box) outlines.frames.push({ group, box });
      continue;
    }
    const corner = groupCorner(group, nodesById);
    if (!corner) continue;
    const box = { ...corner, ...groupNodeSize };
    outlines.collapsed.push({ group, box });
    for (const id of group.nodeIds) hidden.set(id, box);
  }
  outlines.hidden = hidden;
  return outlines;
}

/** The colours group outlines are drawn in. */
export interface GroupColours {
  /** A frame's outline, a collapsed group's box and their names (the theme's accent). */
  group: string;
  /** Text on a collapsed group's box. */
  onGroup: string;
}

/** Names are drawn this large on screen, in CSS pixels, and only where the group is wide enough for a few letters. */
const nameSize = 12;
const nameMinWidth = 48;

/**
 * Draws the expanded groups' frames onto `context` (set to flow units at `zoom`): a faint fill and a
 * dashed outline, with the group's name above its nodes where the frame is wide enough on screen.
 * Drawn before the nodes, so the frames lie behind them.
 */
export function drawGroupFrames(context: CanvasRenderingContext2D, outlines: GroupOutlines, zoom: number, colours: GroupColours): void {
  if (outlines.frames.length === 0) return;
  const path = new Path2D();
  for (const { box } of outlines.frames) path.rect(box.x, box.y, box.width, box.height);
  context.globalAlpha = 0.08;
  context.fillStyle = colours.group;
  context.fill(path);
  context.globalAlpha = 1;
  context.lineWidth = 1.5 / zoom;
  context.setLineDash([6 / zoom, 4 / zoom]);
  context.strokeStyle = colours.group;
  context.stroke(path);
  context.setLineDash([]);
  drawNames(context, outlines.frames, zoom, colours.group, 'above');
}

/** Draws the collapsed groups as boxes in the accent colour, with their names where readable. */
export function drawCollapsedGroups(context: CanvasRenderingContext2D, outlines: GroupOutlines, zoom: number, colours: GroupColours): void {
  if (outlines.collapsed.length === 0) return;
  const path = new Path2D();
  for (const { box } of outlines.collapsed) path.rect(box.x, box.y, box.width, box.height);
  context.fillStyle = colours.group;
  context.fill(path);
  drawNames(context, outlines.collapsed, zoom, colours.onGroup, 'inside');
}

/**
 * Each group's name at its box's top-left, `nameSize` pixels high on screen, cut to the box's width:
 * `above` a frame (its header is too thin far out to hold it clear of its nodes), `inside` a box.
 */
function drawNames(context: CanvasRenderingContext2D, groups: GroupOutlines['frames'], zoom: number, colour: string, where: 'above' | 'inside'): void {
  const size = nameSize / zoom;
  const inset = 4 / zoom;
  context.font = `600 ${size}px system-ui, sans-serif`;
  context.textBaseline = 'top';
  context.fillStyle = colour;
  for (const { group, box } of groups) {
    if (box.width * zoom < nameMinWidth) continue;
    const top = where === 'above' ? box.y - size - inset : box.y + inset;
    context.save();
    context.beginPath();
    context.rect(box.x, top, box.width, size + inset);
    context.clip();
    context.fillText(group.name, box.x + inset, top);
    context.restore();
  }
}
