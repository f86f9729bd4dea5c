import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { LayoutPlace, LayoutRequest } from './layoutRequest.ts';
import type { LayoutSpacing } from './layoutSpacing.ts';

/**
 * Lays a request out with ELK's layered algorithm, left to right: columns follow the edges, loops are
 * broken where the fewest edges must point backwards, and ties keep the flow's own order of nodes
 * and edges (message order). Returns each node's top-left corner.
 */
export async function elkLayout(request: LayoutRequest, spacing: LayoutSpacing): Promise<LayoutPlace[]> {
  const graph: ElkNode = {
    id: 'flow',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': String(spacing.nodes),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(spacing.columns),
      'elk.spacing.componentComponent': String(spacing.columns),
      'elk.layered.cycleBreaking.strategy': 'GREEDY',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.thoroughness': '1',
    },
    children: request.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: request.edges.map((e, i) => ({ id: `l${i}`, sources: [e.source], targets: [e.target] })),
  };
  const laidOut = await new ELK().layout(graph);
  return (laidOut.children ?? []).map((n) => ({ id: n.id, x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) }));
}
