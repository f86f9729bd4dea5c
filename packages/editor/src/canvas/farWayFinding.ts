import { neighbourhood, type CanvasFocus } from '../find/index.ts';
import { groupOutlines } from '../groups/groupOutlines.ts';
import { shownGraph, type EditorState } from '../store/index.ts';
import type { FarWayFinding } from './farDrawing.ts';

/*
 * What the low-detail drawing needs of groups and focus mode, worked out again only when the
 * document, a viewer's collapsed groups or the focus change, not on every pan step.
 */

/**
 * A function giving the groups' outlines (as shown) and focus mode's neighbourhood for an editor's
 * state and focus; it keeps its last answer while its inputs are the same objects.
 */
export function farWayFindingOf(): (editor: EditorState, focus: CanvasFocus | null) => FarWayFinding {
  let last: { graph: EditorState['graph']; viewCollapsed: EditorState['viewCollapsed']; focus: CanvasFocus | null; answer: FarWayFinding } | null = null;
  return (editor, focus) => {
    if (last && last.graph === editor.graph && last.viewCollapsed === editor.viewCollapsed && last.focus === focus) return last.answer;
    const graph = shownGraph(editor);
    const near = focus ? neighbourhood(graph, focus.nodeId, focus.hops) : null;
    const answer = { groups: groupOutlines(graph, editor.nodesById), inFocus: near && near.nodeIds.size > 0 ? near : null };
    last = { graph: editor.graph, viewCollapsed: editor.viewCollapsed, focus, answer };
    return answer;
  };
}
