import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditorActions, useEditorStoreApi } from '../store/index.ts';

/**
 * A function that selects the given nodes and edges and brings them into view (an edge by its two
 * ends), expanding the collapsed groups that hide them. Ids no longer in the graph are ignored.
 */
export function useFocusElements(): (nodeIds: readonly string[], edgeIds: readonly string[]) => void {
  const store = useEditorStoreApi();
  const actions = useEditorActions();
  const { fitView } = useReactFlow();
  return useCallback(
    (nodeIds, edgeIds) => {
      const { graph, nodesById } = store.getState();
      const edgeIdSet = new Set(edgeIds);
      const ends = graph.edges.filter((e) => edgeIdSet.has(e.id)).flatMap((e) => [e.source, e.target]);
      const inView = [...new Set([...nodeIds, ...ends])].filter((id) => nodesById.has(id));
      // A node inside a collapsed group is not on the canvas until its group is expanded.
      actions.revealNodes(inView);
      actions.select({ nodeIds, edgeIds });
      if (inView.length > 0) void fitView({ nodes: inView.map((id) => ({ id })), padding: 0.4, maxZoom: 1.2, duration: 0 });
    },
    [actions, fitView, store],
  );
}
