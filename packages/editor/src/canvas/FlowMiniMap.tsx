import { Panel, useReactFlow, useStoreApi, type ColorMode } from '@xyflow/react';
import { memo, useEffect, useRef, type PointerEvent } from 'react';
import { groupOutlines } from '../groups/groupOutlines.ts';
import { shownGraph, useEditorStoreApi, type EditorState } from '../store/index.ts';
import { readCanvasColours, type CanvasColours } from './canvasColours.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';
import { miniMapScale, miniMapSize, visibleFlowRect, type MiniMapScale } from './miniMapLayout.ts';
import { nodeSize } from './nodeGeometry.ts';

const { width, height } = miniMapSize;

function draw(
  canvas: HTMLCanvasElement,
  editor: EditorState,
  transform: readonly [number, number, number],
  view: { width: number; height: number },
  colours: CanvasColours,
): MiniMapScale | null {
  const context = canvas.getContext('2d');
  if (!context) return null;
  const visible = visibleFlowRect(transform, view.width, view.height);
  const scale = miniMapScale(editor.graph.nodes, visible, width, height);
  const ratio = canvas.width / width;
  const k = ratio / scale.unitsPerPixel;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  // Everything outside the visible part is veiled, as in React Flow's mini map.
  context.fillStyle = colours.mask;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.setTransform(k, 0, 0, k, -scale.originX * k, -scale.originY * k);
  context.clearRect(visible.x, visible.y, visible.width, visible.height);
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
    context.strokeStyle = colours.selected;
    context.lineWidth = 2 / k;
    for (const id of editor.selection.nodeIds) {
      const node = editor.nodesById.get(id);
      if (!node || groups?.hidden.has(id)) continue;
      const size = nodeSize[node.kind];
      context.strokeRect(node.position.x, node.position.y, size.width, size.height);
    }
  }
  return scale;
}

/**
 * The canvas's mini map: every node as a rectangle in its kind's colour (a collapsed group as one
 * box in the accent colour), the visible part unveiled.
 * Dragging on it moves the view there; the wheel zooms. It draws into one `<canvas>` at most once
 * per frame, so a 2,000-node flow costs one element and one store subscription, not one each.
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
    const paint = () => {
      frame = 0;
      const { transform, width: viewWidth, height: viewHeight } = flow.getState();
      scaleRef.current = draw(canvas, editor.getState(), transform, { width: viewWidth, height: viewHeight }, colours);
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
