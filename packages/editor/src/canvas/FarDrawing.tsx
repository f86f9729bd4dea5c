import { useStoreApi, type ColorMode } from '@xyflow/react';
import { memo, useLayoutEffect, useRef } from 'react';
import { useFindStoreApi } from '../find/index.ts';
import { useEditorStoreApi } from '../store/index.ts';
import { readCanvasColours } from './canvasColours.ts';
import { drawFarFlow } from './farDrawing.ts';
import { farWayFindingOf } from './farWayFinding.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';

/**
 * The flow in low detail: one `<canvas>` under React Flow's nodes, redrawn at most once per frame
 * when the view, the document or the selection changes (see drawFarFlow). A few thousand DOM nodes
 * and SVG edges repainted on every pan step were what made a zoomed-out large flow pan at 10 frames
 * a second; one canvas costs one element. React Flow's node elements stay above it, empty, so
 * clicking, selecting and dragging nodes work as in full detail. Groups, focus mode's dimming and
 * the open search's hits are drawn too (see farWayFinding).
 */
export const FarDrawing = memo(function FarDrawing({ colorMode }: { colorMode: ColorMode }) {
  const editor = useEditorStoreApi();
  const flow = useStoreApi<FlowNodeView, FlowEdgeView>();
  const find = useFindStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  // A layout effect: the first drawing is there in the frame that switches to low detail, not one later.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const colours = readCanvasColours(canvas);
    const wayFinding = farWayFindingOf();
    let frame = 0;
    const paint = () => {
      frame = 0;
      const { transform, width, height } = flow.getState();
      const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
      if (canvas.width !== width * pixelRatio || canvas.height !== height * pixelRatio) {
        canvas.width = width * pixelRatio;
        canvas.height = height * pixelRatio;
      }
      const state = editor.getState();
      drawFarFlow(context, state, transform, { width, height, pixelRatio }, colours, wayFinding(state, find.getState()));
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(paint);
    };
    paint();
    const stopEditor = editor.subscribe((next, previous) => {
      if (next.graph !== previous.graph || next.selection !== previous.selection || next.dlqTopicIds !== previous.dlqTopicIds || next.viewCollapsed !== previous.viewCollapsed) schedule();
    });
    const stopFind = find.subscribe((next, previous) => {
      if (next.focus !== previous.focus || next.searchOpen !== previous.searchOpen || next.query !== previous.query || next.currentHit !== previous.currentHit) schedule();
    });
    const stopFlow = flow.subscribe((next, previous) => {
      if (next.transform !== previous.transform || next.width !== previous.width || next.height !== previous.height) schedule();
    });
    return () => {
      stopEditor();
      stopFlow();
      stopFind();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, flow, find, colorMode]);

  return <canvas ref={canvasRef} className="react-flow__container efs-far-drawing" aria-hidden="true" />;
});
