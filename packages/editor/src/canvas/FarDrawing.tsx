import { useStoreApi, type ColorMode } from '@xyflow/react';
import type { FlowGraph } from '@event-flows/model';
import { memo, useLayoutEffect, useRef } from 'react';
import { boundsOf, useEditorStoreApi, type EditorState, type FlowRect } from '../store/index.ts';
import { readCanvasColours } from './canvasColours.ts';
import { drawFarFlow, drawingStillShows, farDrawingArea, neededFlowRect } from './farDrawing.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';
import { visibleFlowRect } from './miniMapLayout.ts';

/** A drawing on the canvas: the part of the flow it shows, at which zoom, of which document and selection. */
interface Drawn {
  area: FlowRect;
  zoom: number;
  editor: Pick<EditorState, 'graph' | 'selection' | 'dlqTopicIds'>;
}

/**
 * The flow in low detail: one `<canvas>` under React Flow's nodes. It is drawn for a part of the
 * flow at one zoom (see farDrawingArea: the whole flow at "fit view") and moved with a CSS transform
 * as the view pans, so a pan step costs no drawing; it is drawn again, at most once per frame, when
 * the zoom, the document or the selection changes or a pan reaches past what it holds. A few
 * thousand DOM nodes and SVG edges repainted on every pan step were what made a zoomed-out large
 * flow pan at 10 frames a second; then 5,000 shapes drawn again on every step. React Flow's node
 * elements stay above it, empty, so clicking, selecting and dragging nodes work as in full detail.
 */
export const FarDrawing = memo(function FarDrawing({ colorMode }: { colorMode: ColorMode }) {
  const editor = useEditorStoreApi();
  const flow = useStoreApi<FlowNodeView, FlowEdgeView>();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  // A layout effect: the first drawing is there in the frame that switches to low detail, not one later.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const colours = readCanvasColours(canvas);
    let drawn: Drawn | null = null;
    // The nodes' bounds, found once per document rather than on every pan step.
    let boundsGraph: FlowGraph | null = null;
    let bounds: FlowRect | null = null;
    let frame = 0;

    const flowBounds = (graph: FlowGraph) => {
      if (graph !== boundsGraph) {
        boundsGraph = graph;
        bounds = boundsOf(graph.nodes);
      }
      return bounds;
    };

    // Puts the drawing where React Flow's transform has its part of the flow now.
    const place = () => {
      if (!drawn) return;
      const [x, y, zoom] = flow.getState().transform;
      canvas.style.transform = `translate(${x + drawn.area.x * zoom}px, ${y + drawn.area.y * zoom}px) scale(${zoom / drawn.zoom})`;
    };

    const draw = () => {
      frame = 0;
      const { transform, width, height } = flow.getState();
      const state = editor.getState();
      const zoom = transform[2];
      const area = farDrawingArea(flowBounds(state.graph), visibleFlowRect(transform, width, height), zoom);
      const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
      const pixelWidth = Math.ceil(area.width * zoom * pixelRatio);
      const pixelHeight = Math.ceil(area.height * zoom * pixelRatio);
      if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
        canvas.width = pixelWidth;
        canvas.height = pixelHeight;
        canvas.style.width = `${pixelWidth / pixelRatio}px`;
        canvas.style.height = `${pixelHeight / pixelRatio}px`;
      }
      drawFarFlow(context, state, area, zoom, pixelRatio, colours);
      drawn = { area, zoom, editor: state };
      place();
    };

    const schedule = () => {
      frame ||= requestAnimationFrame(draw);
    };

    // On a view change, the drawing moves at once; it is drawn again only when it no longer shows the view.
    const follow = () => {
      place();
      const { transform, width, height } = flow.getState();
      const needed = neededFlowRect(flowBounds(editor.getState().graph), visibleFlowRect(transform, width, height), transform[2]);
      if (!drawn || !drawingStillShows(drawn, needed, transform[2])) schedule();
    };

    draw();
    const stopEditor = editor.subscribe((next) => {
      const shown = drawn?.editor;
      if (next.graph !== shown?.graph || next.selection !== shown.selection || next.dlqTopicIds !== shown.dlqTopicIds) schedule();
    });
    const stopFlow = flow.subscribe((next, previous) => {
      if (next.transform !== previous.transform || next.width !== previous.width || next.height !== previous.height) follow();
    });
    return () => {
      stopEditor();
      stopFlow();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, flow, colorMode]);

  return (
    <div className="react-flow__container efs-far-drawing-frame" aria-hidden="true">
      <canvas ref={canvasRef} className="efs-far-drawing" />
    </div>
  );
});
