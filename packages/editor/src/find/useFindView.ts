import { useMemo } from 'react';
import type { FlowEdgeView, FlowNodeView } from '../canvas/flowElements.ts';
import { useEditorStore } from '../store/index.ts';
import { useFind } from './FindProvider.tsx';
import { searchHits } from './searchHits.ts';
import { useFocusView } from './useFocusView.ts';

/*
 * What find shows on the canvas: focus mode's dimming (useFocusView) and, while the search box is
 * open, a mark on every hit of the search, the current one marked more strongly.
 */

/** The class of a node the open search found. */
const hitClass = 'efs-search-hit';
/** The class of the search's current hit, added to {@link hitClass}. */
const currentHitClass = 'efs-search-hit--current';

/**
 * The ids of the nodes the search finds, in document order (see searchHits); none for a blank query,
 * nor when `searching` is false (the box is closed: nothing is matched while nodes are dragged).
 */
export function useSearchHits(searching = true): string[] {
  const query = useFind((s) => (searching ? s.query : ''));
  const nodes = useEditorStore((s) => s.graph.nodes);
  const catalog = useEditorStore((s) => s.catalog);
  return useMemo(() => searchHits({ nodes }, catalog, query), [nodes, catalog, query]);
}

/**
 * The canvas's nodes and edges as find shows them, and a class for the canvas: focus mode applied
 * (useFocusView), then, while the search box is open, the hits marked. Only the hits' views are
 * copied (with a class): the others keep their objects, so React Flow does not redraw them.
 */
export function useFindView(elements: { nodes: FlowNodeView[]; edges: FlowEdgeView[] }): {
  nodes: FlowNodeView[];
  edges: FlowEdgeView[];
  className: string | undefined;
} {
  const focused = useFocusView(elements);
  const open = useFind((s) => s.searchOpen);
  const currentHit = useFind((s) => s.currentHit);
  const hits = useSearchHits(open);
  return useMemo(() => {
    if (!open || hits.length === 0) return focused;
    const hitIds = new Set(hits);
    const current = hits[Math.min(currentHit, hits.length - 1)];
    const marked = (node: FlowNodeView): FlowNodeView => {
      const classes = [node.className, hitClass, node.id === current ? currentHitClass : undefined].filter(Boolean).join(' ');
      return { ...node, className: classes };
    };
    return { ...focused, nodes: focused.nodes.map((n) => (hitIds.has(n.id) ? marked(n) : n)) };
  }, [focused, open, hits, currentHit]);
}
