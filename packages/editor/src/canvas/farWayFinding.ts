import { neighbourhood, searchHits, type FindState } from '../find/index.ts';
import { groupOutlines } from '../groups/groupOutlines.ts';
import { shownGraph, type EditorState } from '../store/index.ts';
import type { FarWayFinding } from './farDrawing.ts';

/*
 * What the low-detail drawing needs of groups, focus mode and the search, worked out again only when
 * the document, a viewer's collapsed groups or the find state change, not on every pan step.
 */

type FindView = Pick<FindState, 'focus' | 'searchOpen' | 'query' | 'currentHit'>;

/**
 * A function giving the groups' outlines (as shown), focus mode's neighbourhood and the open search's
 * hits for an editor's state and find state; it keeps its last answer while its inputs are the same.
 */
export function farWayFindingOf(): (editor: EditorState, find: FindView) => FarWayFinding {
  let last: { graph: EditorState['graph']; viewCollapsed: EditorState['viewCollapsed']; catalog: EditorState['catalog']; find: FindView; answer: FarWayFinding } | null = null;
  return (editor, find) => {
    if (
      last &&
      last.graph === editor.graph &&
      last.viewCollapsed === editor.viewCollapsed &&
      last.catalog === editor.catalog &&
      last.find.focus === find.focus &&
      last.find.searchOpen === find.searchOpen &&
      last.find.query === find.query &&
      last.find.currentHit === find.currentHit
    ) {
      return last.answer;
    }
    const graph = shownGraph(editor);
    const near = find.focus ? neighbourhood(graph, find.focus.nodeId, find.focus.hops) : null;
    const found = find.searchOpen ? searchHits(graph, editor.catalog, find.query) : [];
    const hits = found.length > 0 ? { ids: new Set(found), current: found[Math.min(find.currentHit, found.length - 1)] } : null;
    const answer = { groups: groupOutlines(graph, editor.nodesById), inFocus: near && near.nodeIds.size > 0 ? near : null, hits };
    last = { graph: editor.graph, viewCollapsed: editor.viewCollapsed, catalog: editor.catalog, find, answer };
    return answer;
  };
}
