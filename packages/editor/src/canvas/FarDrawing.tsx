import { useStoreApi, type ColorMode } from '@xyflow/react';
import type { FlowGraph } from '@event-flows/model';
import { memo, useLayoutEffect, useRef } from 'react';
import { useFindStoreApi } from '../find/index.ts';
import { boundsOf, useEditorStoreApi, type EditorState, type FlowRect } from '../store/index.ts';
import { readCanvasColours } from './canvasColours.ts';
import { drawFarFlow, drawingStillShows, farDrawingArea, neededFlowRect, type FarWayFinding } from './farDrawing.ts';
import { farWayFindingOf } from './farWayFinding.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';
import { visibleFlowRect } from './miniMapLayout.ts';

/** The smallest rectangle holding `a` (if any) and `b`. */
function enclosing(a: FlowRect | null, b: FlowRect): FlowRect {
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** A drawing on the canvas: the part of the flow it shows, at which zoom, of which document, selection and way-finding. */
interface Drawn {
  area: FlowRect;
  zoom: number;
  editor: Pick<EditorState, 'graph' | 'selection' | 'dlqTopicIds'>;
  wayFinding: FarWayFinding;
}

/**
 * The flow in low detail: one `<canvas>` under React Flow's nodes. It is drawn for a part of the
 * flow at one zoom (see farDrawingArea: the whole flow at "fit view") and moved with a CSS transform
 * as the view pans, so a pan step costs no drawing; it is drawn again, at most once per frame, when
 * the zoom, the document or the selection changes or a pan reaches past what it holds. A few
 * thousand DOM nodes and SVG edges repainted on every pan step were what made a zoomed-out large
 * flow pan at 10 frames a second; then 5,000 shapes drawn again on every step. React Flow's node
 * elements stay above it, empty, so clicking, selecting and dragging nodes work as in full detail.
 * Groups, focus mode's dimming and the open search's hits are drawn too (see farWayFinding).
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
    const wayFindingOf = farWayFindingOf();
    const wayFinding = () => wayFindingOf(editor.getState(), find.getState());
    let drawn: Drawn | null = null;
    // The bounds of the nodes and the group frames, found once per document rather than on every pan step.
    let boundsGraph: FlowGraph | null = null;
    let boundsFrames: FarWayFinding['groups'] = null;
    let bounds: FlowRect | null = null;
    let frame = 0;

    const flowBounds = (graph: FlowGraph, groups: FarWayFinding['groups']) => {
      if (graph !== boundsGraph || groups !== boundsFrames) {
        boundsGraph = graph;
        boundsFrames = groups;
        bounds = (groups?.frames ?? []).reduce<FlowRect | null>((all, { box }) => enclosing(all, box), boundsOf(graph.nodes));
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
      const found = wayFinding();
      const zoom = transform[2];
      const area = farDrawingArea(flowBounds(state.graph, found.groups), visibleFlowRect(transform, width, height), zoom);
      const pixelRatio = Math.max(1, Math.round(window.devicePixelRatio || 1));
      const pixelWidth = Math.ceil(area.width * zoom * pixelRatio);
      const pixelHeight = Math.ceil(area.height * zoom * pixelRatio);
      if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
        canvas.width = pixelWidth;
        canvas.height = pixelHeight;
        canvas.style.width = `${pixelWidth / pixelRatio}px`;
        canvas.style.height = `${pixelHeight / pixelRatio}px`;
      }
      drawFarFlow(context, state, area, zoom, pixelRatio, colours, found);
      drawn = { area, zoom, editor: state, wayFinding: found };
      place();
    };

    const schedule = () => {
      frame ||= requestAnimationFrame(draw);
    };

    // On a view change, the drawing moves at once; it is drawn again only when it no longer shows the view.
    const follow = () => {
      place();
      const { transform, width, height } = flow.getState();
      const needed = neededFlowRect(flowBounds(editor.getState().graph, wayFinding().groups), visibleFlowRect(transform, width, height), transform[2]);
      if (!drawn || !drawingStillShows(drawn, needed, transform[2])) schedule();
    };

    draw();
    // Drawn again when what it shows changed: the document, the selection, the DLQ topics, or (from
    // either store) the groups as shown, focus mode and the search's hits.
    const changed = () => {
      const state = editor.getState();
      const shown = drawn?.editor;
      if (state.graph !== shown?.graph || state.selection !== shown.selection || state.dlqTopicIds !== shown.dlqTopicIds || wayFinding() !== drawn?.wayFinding) schedule();
    };
    const stopEditor = editor.subscribe(changed);
    const stopFind = find.subscribe(changed);
    const stopFlow = flow.subscribe((next, previous) => {
      if (next.transform !== previous.transform || next.width !== previous.width || next.height !== previous.height) follow();
    });
    return () => {
      stopEditor();
      stopFind();
      stopFlow();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [editor, flow, find, colorMode]);

  return (
    <div className="react-flow__container efs-far-drawing-frame" aria-hidden="true">
      <canvas ref={canvasRef} className="efs-far-drawing" />
    </div>
  );
});
