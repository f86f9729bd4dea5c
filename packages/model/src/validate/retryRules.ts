import type { Diagnostic } from '../diagnostics.ts';
import { bindingDefaults } from '../compile.ts';
import type { FlowGraph } from '../graph.ts';
import type { GraphIndex } from '../graphIndex.ts';
import { resolveRetryPolicy, retryPolicyProblems, retryRebalanceRisk } from '../retryPolicy.ts';

/**
 * The rules on retry policies: a policy's fields agree with each other, only subscriptions carry one
 * of their own, and a subscription whose written policy may keep one message longer than the consumer
 * group's rebalance time-out is warned about (`retry-rebalance-risk`). A subscription that leaves its
 * retries to the defaults is not warned: its risk is its time-out's, not a policy someone chose.
 */
export function checkRetryPolicies(graph: FlowGraph, index: GraphIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const node of index.algorithms) {
    for (const problem of node.retry ? retryPolicyProblems(node.retry) : []) {
      out.push({ code: 'retry-policy-invalid', severity: 'error', message: problem.message, nodeIds: [node.id], edgeIds: [] });
    }
  }
  for (const edge of graph.edges) {
    if (edge.retry === undefined) continue;
    if (edge.kind !== 'subscribe') {
      out.push({ code: 'retry-policy-invalid', severity: 'error', message: 'Only a subscription retries messages: a publication or a DLQ edge has no retry policy.', nodeIds: [], edgeIds: [edge.id] });
      continue;
    }
    for (const problem of retryPolicyProblems(edge.retry)) {
      out.push({ code: 'retry-policy-invalid', severity: 'error', message: problem.message, nodeIds: [], edgeIds: [edge.id] });
    }
  }
  for (const { edge, algorithm } of index.subscribe) {
    const written = edge.retry ?? algorithm.retry;
    if (!written) continue;
    const risk = retryRebalanceRisk(resolveRetryPolicy(written, algorithm.timeoutMs ?? bindingDefaults.timeoutMs));
    if (risk) out.push({ code: 'retry-rebalance-risk', severity: 'warning', message: risk, nodeIds: edge.retry ? [] : [algorithm.id], edgeIds: [edge.id] });
  }
  return out;
}
