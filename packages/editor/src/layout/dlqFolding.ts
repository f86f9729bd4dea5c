import type { LayoutBox, LayoutLink, LayoutPlace, LayoutRequest } from './layoutRequest.ts';

/** Room between an algorithm and a DLQ topic drawn below it, in flow units. */
const dlqGap = 32;

/** A layout request with DLQ topics folded into their algorithms, and how to unfold its result. */
export interface FoldedRequest {
  request: LayoutRequest;
  /** The places of the original request's nodes, from the places of the folded request's nodes. */
  unfold(places: readonly LayoutPlace[]): LayoutPlace[];
}

/**
 * Folds each DLQ topic (a topic only DLQ edges lead to) into the algorithm of its first DLQ edge, as
 * one taller box, so that a layered layout keeps it right below that algorithm instead of giving it a
 * column of its own. Other algorithms' DLQ edges to it are left to the canvas to draw; subscriptions
 * to it (a reprocessor) are laid out as if they left its algorithm.
 */
export function foldDlqTopics(request: LayoutRequest): FoldedRequest {
  const published = new Set(request.edges.filter((e) => e.kind !== 'dlq').map((e) => e.target));
  const ownerOf = new Map<string, string>();
  const folded = new Map<string, string[]>();
  for (const edge of request.edges) {
    if (edge.kind !== 'dlq' || published.has(edge.target) || ownerOf.has(edge.target) || ownerOf.has(edge.source)) continue;
    ownerOf.set(edge.target, edge.source);
    folded.set(edge.source, [...(folded.get(edge.source) ?? []), edge.target]);
  }
  const boxOf = new Map(request.nodes.map((n) => [n.id, n]));
  const stack = (owner: LayoutBox): LayoutBox[] => [owner, ...(folded.get(owner.id) ?? []).map((id) => boxOf.get(id) as LayoutBox)];

  const nodes: LayoutBox[] = [];
  for (const node of request.nodes) {
    if (ownerOf.has(node.id)) continue;
    const boxes = stack(node);
    const width = Math.max(...boxes.map((b) => b.width));
    const height = boxes.reduce((sum, b, i) => sum + b.height + (i > 0 ? dlqGap : 0), 0);
    nodes.push({ id: node.id, width, height });
  }
  const edges: LayoutLink[] = [];
  for (const edge of request.edges) {
    if (ownerOf.has(edge.target)) continue;
    const source = ownerOf.get(edge.source) ?? edge.source;
    if (source !== edge.target) edges.push({ ...edge, source });
  }

  return {
    request: { nodes, edges },
    unfold(places) {
      const result: LayoutPlace[] = [];
      const widthOf = new Map(nodes.map((n) => [n.id, n.width]));
      for (const place of places) {
        const width = widthOf.get(place.id) ?? 0;
        let y = place.y;
        for (const box of stack(boxOf.get(place.id) as LayoutBox)) {
          result.push({ id: box.id, x: Math.round(place.x + (width - box.width) / 2), y: Math.round(y) });
          y += box.height + dlqGap;
        }
      }
      return result;
    },
  };
}
