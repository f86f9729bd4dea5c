import { useReactFlow, type Viewport } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { useEditorStoreApi } from '../store/index.ts';
import { openingViewport } from './openingViewport.ts';

/** How far (in pixels, or zoom) a view may be from the one placed and still count as not moved by anyone. */
const unmoved = 0.5;

const same = (a: Viewport, b: Viewport) => Math.abs(a.x - b.x) < unmoved && Math.abs(a.y - b.y) < unmoved && Math.abs(a.zoom - b.zoom) < unmoved / 100;

/**
 * Keeps a flow's opening view right while the canvas changes size before anyone has moved the view:
 * a deployed flow's live-status table comes in under the canvas once its status arrives and takes
 * height, which would otherwise slide the bottom of the flow under the minimap. Once the person pans,
 * zooms or changes the flow, the view is theirs and is left alone.
 */
export function useKeepOpeningView(canvasRef: RefObject<HTMLDivElement | null>, opening: Viewport | null): void {
  const { getViewport, setViewport } = useReactFlow();
  const store = useEditorStoreApi();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !opening) return;
    let placed = opening;
    const opened = store.getState().graph.nodes;
    const observer = new ResizeObserver(() => {
      // A node added, moved or removed is the person's work, placed where they put it in this view.
      if (!same(getViewport(), placed) || store.getState().graph.nodes !== opened) return observer.disconnect();
      placed = openingViewport(store.getState().graph.nodes, { width: canvas.clientWidth, height: canvas.clientHeight }).viewport;
      void setViewport(placed);
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [canvasRef, opening, getViewport, setViewport, store]);
}
