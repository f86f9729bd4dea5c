import { useStoreApi, type ColorMode } from '@xyflow/react';
import { memo, useLayoutEffect, useRef } from 'react';
import { useEditorStoreApi } from '../store/index.ts';
import { readCanvasColours } from './canvasColours.ts';
import { drawFarFlow } from './farDrawing.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';

/**
 * The flow in low detail: one `<canvas>` under React Flow's nodes, redrawn at most once per frame
 * when the view, the document or the selection changes (see drawFarFlow). A few thousand DOM nodes
 * and SVG edges repainted on every pan step were what made a zoomed-out large flow pan at 10 frames
 * a second; one canvas costs one element. React Flow's node elements stay above it, empty, so
 * clicking, selecting and dragging nodes work as in full detail.
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
    let frame = 0;
    const paint = () => {
      frame = 0;
      const { transform, width, height } = flow.getState();
      const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
      if (canvas.width !== width * pixelRatio || canvas.height !== height * pixelRatio) {
        canvas.width = width * pixelRatio;
        canvas.height = height * pixelRatio;
      }
      drawFarFlow(context, editor.getState(), transform, { width, height, pixelRatio }, colours);
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(paint);
    };
    paint();
    const stopEditor = editor.subscribe((next, previous) => {
      if (next.graph !== previous.graph || next.selection !== previous.selection || next.dlqTopicIds !== previous.dlqTopicIds) schedule();
    });
    const stopFlow = flow.subscribe((next, previous) => {
      if (next.transform !== previous.transform || next.width !== previous.width || next.height !== previous.height) schedule();
    });
    return () => {
      stopEditor();
      stopFlow();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, flow, colorMode]);

  return <canvas ref={canvasRef} className="react-flow__container efs-far-drawing" aria-hidden="true" />;
});
