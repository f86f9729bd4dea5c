import type { Diagnostic, FlowGraph } from '@event-flows/model';
import { groupBy, sortedByTitle, type ListGroup, type ListGrouping } from '../grouped-list/index.ts';

/** A diagnostic as the problems panel lists it, with a key unique in the list. */
export interface Problem {
  key: string;
  diagnostic: Diagnostic;
}

/** The group a problem falls in when nothing on the canvas ties it to an algorithm or a connection. */
const wholeFlow = 'The whole flow';

/**
 * Problems grouped by the algorithm, or the connection, of the first node they concern (reached
 * through an edge's ends when they name only edges), groups in the order of their titles.
 * `nameOf` names a connection.
 */
export function groupProblems(problems: readonly Problem[], graph: FlowGraph, grouping: ListGrouping, nameOf: (connection: string) => string): ListGroup<Problem>[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = new Map(graph.edges.map((e) => [e.id, e]));
  const ownerOf = ({ diagnostic }: Problem): string => {
    const ids = [...diagnostic.nodeIds, ...diagnostic.edgeIds.flatMap((id) => (edges.has(id) ? [edges.get(id)?.source ?? '', edges.get(id)?.target ?? ''] : []))];
    for (const id of ids) {
      const node = nodes.get(id);
      if (grouping === 'algorithm' && node?.kind === 'algorithm') return node.algorithm;
      if (grouping === 'connection' && node?.kind === 'topic') return node.connection;
    }
    return '';
  };
  const titleOf = (key: string) => (key === '' ? wholeFlow : grouping === 'connection' ? nameOf(key) : key);
  return sortedByTitle(groupBy(problems, ownerOf, titleOf));
}
