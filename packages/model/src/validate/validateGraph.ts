import type { Actor, Catalog } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { FlowGraph } from '../graph.ts';
import { indexGraph } from '../graphIndex.ts';
import { checkCatalog } from './catalogRules.ts';
import { checkRetryPolicies } from './retryRules.ts';
import { checkStructure } from './structure.ts';

/** Options for {@link validateGraph} and `validate`. */
export interface ValidateOptions {
  /** The flow being validated; its own claims on bindings are not conflicts. */
  flowId?: string;
  /** Size limits to parse with instead of the product's (offline tools and benchmarks only). */
  limits?: { nodes: number; edges: number };
}

/** `validate` for a graph that is already typed (the editor's own state): the rules without parsing. */
export function validateGraph(graph: FlowGraph, catalog: Catalog, actor: Actor, options: ValidateOptions = {}): Diagnostic[] {
  const index = indexGraph(graph);
  const all = [...checkStructure(graph, index), ...checkRetryPolicies(graph, index), ...checkCatalog(index, catalog, actor, options.flowId)];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return all.map((d, i) => ({ d, i })).sort((a, b) => rank[a.d.severity] - rank[b.d.severity] || a.i - b.i).map(({ d }) => d);
}
