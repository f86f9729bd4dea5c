import { useEffect, useState, type RefObject } from 'react';

/*
 * Which node of the canvas has keyboard focus, so that low detail keeps its element (and the focus on
 * it) when the view zooms out past the readable zoom.
 */

/**
 * The id of the node element inside `canvasRef` that last took keyboard focus, until focus goes to
 * another element of the page; `null` when no node has had it. A node that loses focus because its
 * element went away (zooming out) keeps its id, so it can be shown again.
 */
export function useFocusedNodeId(canvasRef: RefObject<HTMLElement | null>): string | null {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const node = target && canvasRef.current?.contains(target) ? target.closest<HTMLElement>('.react-flow__node') : null;
      setFocusedId(node?.dataset.id ?? null);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [canvasRef]);
  return focusedId;
}
