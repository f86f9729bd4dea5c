import { Panel, useReactFlow, useStoreApi, type ColorMode } from '@xyflow/react';
import { memo, useEffect, useRef, type PointerEvent } from 'react';
import { groupOutlines } from '../groups/groupOutlines.ts';
import { boundsOf, shownGraph, useEditorStoreApi, type EditorState } from '../store/index.ts';
import { readCanvasColours, type CanvasColours } from './canvasColours.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';
import { miniMapScale, miniMapSize, visibleFlowRect, type FlowRect, type MiniMapScale } from './miniMapLayout.ts';
import { nodeSize } from './nodeGeometry.ts';

const { width, height } = miniMapSize;

/** Every node drawn into an image of about the mini map's size, with the flow rectangle it shows. */
interface NodeLayer {
  image: HTMLCanvasElement;
  /** The part of the flow the image shows, in flow units: the nodes' bounds. */
  bounds: FlowRect;
}

/**
 * Draws the nodes of `editor` (each a rectangle in its kind's colour, the selected ones outlined)
 * into `image`, sized to at most `pixels`; `null` when there are no nodes. Drawn once per document
 * and selection: a pan step then costs one image copy, not 5,000 rectangles.
 */
function drawNodeLayer(
  image: HTMLCanvasElement,
  editor: EditorState,
  pixels: { width: number; height: number },
  colours: CanvasColours,
): NodeLayer | null {
  const bounds = boundsOf(editor.graph.nodes);
  const context = image.getContext('2d');
  if (!bounds || !context) return null;
  const unitsPerPixel = Math.max(bounds.width / pixels.width, bounds.height / pixels.height, Number.EPSILON);
  const imageWidth = Math.max(1, Math.ceil(bounds.width / unitsPerPixel));
  const imageHeight = Math.max(1, Math.ceil(bounds.height / unitsPerPixel));
  if (image.width !== imageWidth || image.height !== imageHeight) {
    image.width = imageWidth;
    image.height = imageHeight;
  }
  const k = 1 / unitsPerPixel;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, imageWidth, imageHeight);
  context.setTransform(k, 0, 0, k, -bounds.x * k, -bounds.y * k);
  // One path per kind, filled once: thousands of fillRect calls cost more than the rest of a frame.
  // A collapsed group is one box in place of its nodes (see groupOutlines).
  const groups = groupOutlines(shownGraph(editor), editor.nodesById);
  const shapes = { algorithm: new Path2D(), topic: new Path2D(), group: new Path2D() };
  for (const node of editor.graph.nodes) {
    if (groups?.hidden.has(node.id)) continue;
    const size = nodeSize[node.kind];
    shapes[node.kind].rect(node.position.x, node.position.y, size.width, size.height);
  }
  for (const { box } of groups?.collapsed ?? []) shapes.group.rect(box.x, box.y, box.width, box.height);
  for (const kind of ['algorithm', 'topic', 'group'] as const) {
    context.fillStyle = colours[kind];
    context.fill(shapes[kind]);
  }
  if (editor.selection.nodeIds.size > 0) {
    const outlines = new Path2D();
    for (const id of editor.selection.nodeIds) {
      const node = editor.nodesById.get(id);
      if (!node || groups?.hidden.has(id)) continue;
      const size = nodeSize[node.kind];
      outlines.rect(node.position.x, node.position.y, size.width, size.height);
    }
    context.strokeStyle = colours.selected;
    context.lineWidth = 2 / k;
    context.stroke(outlines);
  }
  return { image, bounds };
}

function draw(
  canvas: HTMLCanvasElement,
  layer: NodeLayer | null,
  transform: readonly [number, number, number],
  view: { width: number; height: number },
  colours: CanvasColours,
): MiniMapScale | null {
  const context = canvas.getContext('2d');
  if (!context) return null;
  const visible = visibleFlowRect(transform, view.width, view.height);
  const scale = miniMapScale(layer?.bounds ?? null, visible, width, height);
  const ratio = canvas.width / width;
  const k = ratio / scale.unitsPerPixel;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  // Everything outside the visible part is veiled, as in React Flow's mini map.
  context.fillStyle = colours.mask;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.setTransform(k, 0, 0, k, -scale.originX * k, -scale.originY * k);
  context.clearRect(visible.x, visible.y, visible.width, visible.height);
  if (layer) context.drawImage(layer.image, layer.bounds.x, layer.bounds.y, layer.bounds.width, layer.bounds.height);
  return scale;
}

/**
 * The canvas's mini map: every node as a rectangle in its kind's colour (a collapsed group as one
 * box in the accent colour), the visible part unveiled.
 * Dragging on it moves the view there; the wheel zooms. It draws into one `<canvas>` at most once
 * per frame, so a 2,000-node flow costs one element and one store subscription, not one each; the
 * nodes are drawn once per document and selection (see drawNodeLayer), a pan step copies their image.
 */
export const FlowMiniMap = memo(function FlowMiniMap({ colorMode, ariaLabel }: { colorMode: ColorMode; ariaLabel: string }) {
  const editor = useEditorStoreApi();
  const flow = useStoreApi<FlowNodeView, FlowEdgeView>();
  const { setViewport, getViewport, zoomTo } = useReactFlow<FlowNodeView, FlowEdgeView>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scaleRef = useRef<MiniMapScale | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const colours = readCanvasColours(canvas);
    let frame = 0;
    // The nodes' image, drawn again only when the document or the selection changes.
    const image = document.createElement('canvas');
    let layer: NodeLayer | null = null;
    let layerOf: Pick<EditorState, 'graph' | 'selection' | 'viewCollapsed'> | null = null;
    const paint = () => {
      frame = 0;
      const state = editor.getState();
      if (state.graph !== layerOf?.graph || state.selection !== layerOf.selection || state.viewCollapsed !== layerOf.viewCollapsed) {
        layer = drawNodeLayer(image, state, { width: canvas.width, height: canvas.height }, colours);
        layerOf = state;
      }
      const { transform, width: viewWidth, height: viewHeight } = flow.getState();
      scaleRef.current = draw(canvas, layer, transform, { width: viewWidth, height: viewHeight }, colours);
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(paint);
    };
    paint();
    const stopEditor = editor.subscribe((next, previous) => {
      if (next.graph !== previous.graph || next.selection !== previous.selection || next.viewCollapsed !== previous.viewCollapsed) schedule();
    });
    const stopFlow = flow.subscribe((next, previous) => {
      if (next.transform !== previous.transform || next.width !== previous.width || next.height !== previous.height) schedule();
    });
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      void zoomTo(getViewport().zoom * Math.pow(2, -event.deltaY * 0.002));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      stopEditor();
      stopFlow();
      canvas.removeEventListener('wheel', onWheel);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, flow, colorMode, getViewport, zoomTo]);

  const centreOn = (event: PointerEvent<HTMLCanvasElement>) => {
    const scale = scaleRef.current;
    if (!scale) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = scale.originX + (event.clientX - box.left) * scale.unitsPerPixel;
    const y = scale.originY + (event.clientY - box.top) * scale.unitsPerPixel;
    const { width: viewWidth, height: viewHeight } = flow.getState();
    const { zoom } = getViewport();
    void setViewport({ x: viewWidth / 2 - x * zoom, y: viewHeight / 2 - y * zoom, zoom });
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap efs-minimap">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={ariaLabel}
        style={{ width, height, display: 'block', cursor: 'grab', touchAction: 'none' }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          centreOn(event);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) centreOn(event);
        }}
      />
    </Panel>
  );
});
