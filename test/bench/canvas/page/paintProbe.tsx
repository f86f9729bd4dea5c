import type { FlowGraph, FlowNode } from '@event-flows/model';
import type { PaintResult } from '../benchApi.ts';

/** The size a node is drawn at and how many handles it has, per subject. */
export interface NodeShape {
  size(node: FlowNode): { width: number; height: number };
  handles(node: FlowNode): number;
  /** An extra condition on the node, e.g. React Flow's internals saying it is measured. */
  measured?(nodeId: string): boolean;
}

interface ViewportTransform {
  x: number;
  y: number;
  zoom: number;
  key: string;
}

const transformPattern = /translate\(\s*(-?[\d.e+-]+)px\s*,\s*(-?[\d.e+-]+)px\s*\)\s*scale\(\s*([\d.e+-]+)\s*\)/;

/** React Flow's viewport transform, read from the inline style it sets (no style recalculation). */
function readViewport(viewport: HTMLElement): ViewportTransform | null {
  const key = viewport.style.transform;
  const match = transformPattern.exec(key);
  if (!match) return null;
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]), key };
}

interface Check {
  viewportKey: string;
  visibleNodes: number;
  renderedNodes: number;
  zoom: number;
}

/**
 * Whether every node inside the viewport is painted with its size and handles measured: its element
 * exists, React Flow made it visible (it keeps a node `visibility: hidden` until it has dimensions,
 * measured or declared), its handle elements are there, and the subject's own condition holds.
 */
function checkVisibleNodes(graph: FlowGraph, shape: NodeShape): Check | null {
  const pane = document.querySelector<HTMLElement>('.react-flow');
  const viewportElement = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!pane || !viewportElement) return null;
  const viewport = readViewport(viewportElement);
  if (!viewport || pane.clientWidth === 0) return null;
  const left = -viewport.x / viewport.zoom;
  const top = -viewport.y / viewport.zoom;
  const right = left + pane.clientWidth / viewport.zoom;
  const bottom = top + pane.clientHeight / viewport.zoom;
  const elements = new Map<string, HTMLElement>();
  for (const element of pane.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const id = element.dataset.id;
    if (id !== undefined) elements.set(id, element);
  }
  let visibleNodes = 0;
  for (const node of graph.nodes) {
    const { width, height } = shape.size(node);
    const inside =
      node.position.x < right && node.position.x + width > left && node.position.y < bottom && node.position.y + height > top;
    if (!inside) continue;
    visibleNodes++;
    const element = elements.get(node.id);
    if (!element || element.style.visibility !== 'visible') return null;
    if (element.querySelectorAll('.react-flow__handle').length < shape.handles(node)) return null;
    if (shape.measured && !shape.measured(node.id)) return null;
  }
  if (visibleNodes === 0) return null;
  return { viewportKey: viewport.key, visibleNodes, renderedNodes: elements.size, zoom: viewport.zoom };
}

/**
 * Resolves with the first paint, timed from `startedAt` (a `performance.now()` taken just before
 * mounting): checked once per animation frame; when every visible node is ready, the next frame's
 * callback is the moment after that paint. It counts only if the viewport has not moved by then
 * (an initial fit that moves the viewport afterwards restarts the wait).
 */
export function waitForFirstPaint(graph: FlowGraph, shape: NodeShape, startedAt: number, timeoutMs = 180_000): Promise<PaintResult> {
  return new Promise((resolve, reject) => {
    let pending: Check | null = null;
    const frame = (now: number) => {
      const check = checkVisibleNodes(graph, shape);
      if (pending && check && check.viewportKey === pending.viewportKey) {
        resolve({
          firstPaintMs: now - startedAt,
          visibleNodes: check.visibleNodes,
          renderedNodes: check.renderedNodes,
          zoom: check.zoom,
        });
        return;
      }
      pending = check;
      if (now - startedAt > timeoutMs) {
        reject(new Error(`the visible nodes were not painted within ${timeoutMs} ms`));
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
