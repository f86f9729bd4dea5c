import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { demoCatalog, demoMember, pipelineGraph } from './fixtures.ts';
import { FlowGraph, type RetryPolicy } from './graph.ts';
import { diffGraphs } from './graphDiff.ts';
import { backoffAfter, consumerGroupTimings, resolveRetryPolicy, retryPolicyProblems, retrySummary, waitAfter, worstCaseRetryMs } from './retryPolicy.ts';
import { validate } from './validate/validate.ts';

/** The pipeline with `retry` on its first subscription (e1: orders → acme/classify). */
function withEdgeRetry(retry: unknown): unknown {
  const graph = pipelineGraph();
  return { ...graph, edges: graph.edges.map((e) => (e.id === 'e1' ? { ...e, retry } : e)) };
}

const full: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: 1_000,
  backoff: 'exponential',
  maxBackoffMs: 30_000,
  attemptTimeoutMs: 8_000,
  transientStatuses: [429, 503],
  honourRetryAfter: true,
};

describe('the retry policy schema', () => {
  it('still loads the old { maxAttempts, backoffMs } shape, which resolves to the old behaviour', () => {
    const graph = pipelineGraph();
    const old = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'a-classify' ? { ...n, retry: { maxAttempts: 3, backoffMs: 1_000 } } : n)) };
    expect(FlowGraph.safeParse(old).success).toBe(true);
    expect(resolveRetryPolicy({ maxAttempts: 3, backoffMs: 1_000 }, 420_000)).toEqual({
      maxAttempts: 3,
      backoffMs: 1_000,
      backoff: 'exponential',
      maxBackoffMs: 300_000,
      attemptTimeoutMs: 420_000,
      transientStatuses: [408, 429, 500, 502, 503, 504],
      honourRetryAfter: true,
    });
  });

  it('takes a full policy on a subscribe edge, and compile prefers it to the algorithm node’s', () => {
    const parsed = FlowGraph.parse(withEdgeRetry(full));
    const desired = compile(parsed, { flowId: 'f1' });
    const classify = desired.bindings.find((b) => b.direction === 'subscribe' && b.algorithm === 'acme/classify');
    expect(classify?.direction === 'subscribe' && classify.retry).toEqual(full);
    // A subscription without a policy of its own keeps the defaults, so deployed flows do not change.
    const enrich = desired.bindings.find((b) => b.direction === 'subscribe' && b.algorithm === 'acme/enrich');
    expect(enrich?.direction === 'subscribe' && enrich.retry).toEqual({ maxAttempts: 3, backoffMs: 1_000 });
  });

  it('refuses values outside the limits', () => {
    for (const bad of [
      { ...full, maxAttempts: 101 },
      { ...full, backoff: 'random' },
      { ...full, maxBackoffMs: 3_600_001 },
      { ...full, attemptTimeoutMs: 0 },
      { ...full, transientStatuses: [200] },
      { ...full, transientStatuses: [600] },
      { ...full, honourRetryAfter: 'yes' },
    ]) {
      expect(FlowGraph.safeParse(withEdgeRetry(bad)).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('backoff, Retry-After and the worst case', () => {
  const policy = (backoff: RetryPolicy['backoff']) => resolveRetryPolicy({ ...full, backoff, maxBackoffMs: 5_000 }, 420_000);

  it('grows the wait fixed, linear or exponential, never past the maximum', () => {
    const waits = (p: ReturnType<typeof policy>) => [1, 2, 3, 4].map((attempt) => backoffAfter(p, attempt));
    expect(waits(policy('fixed'))).toEqual([1_000, 1_000, 1_000, 1_000]);
    expect(waits(policy('linear'))).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(waits(policy('exponential'))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });

  it('waits as Retry-After says when honoured, capped by the maximum; the planned backoff otherwise', () => {
    const honoured = policy('fixed');
    expect(waitAfter(honoured, 1, 3_000)).toBe(3_000);
    expect(waitAfter(honoured, 1, 60_000)).toBe(5_000);
    expect(waitAfter({ ...honoured, honourRetryAfter: false }, 1, 3_000)).toBe(1_000);
    expect(waitAfter(honoured, 2)).toBe(1_000);
  });

  it('sums every attempt’s time-out and every backoff, and says it in one line', () => {
    const p = resolveRetryPolicy({ ...full, attemptTimeoutMs: 27_200 }, 420_000);
    // 5 × 27.2 s + 1 + 2 + 4 + 8 s = 151 s
    expect(worstCaseRetryMs(p)).toBe(151_000);
    expect(retrySummary(p)).toBe('5 attempts, exponential 1 s → 30 s max, up to 2 min 31 s in all');
    expect(retrySummary(resolveRetryPolicy({ maxAttempts: 3, backoffMs: 500, backoff: 'fixed', attemptTimeoutMs: 2_000 }, 420_000))).toBe(
      '3 attempts, fixed 500 ms, up to 7 s in all',
    );
    expect(retrySummary(resolveRetryPolicy({ maxAttempts: 1, backoffMs: 0 }, 420_000))).toBe('1 attempt, no retries, up to 7 min in all');
  });

  it('finds a longest wait shorter than the first backoff, and a status listed twice', () => {
    expect(retryPolicyProblems(full)).toEqual([]);
    expect(retryPolicyProblems({ ...full, maxBackoffMs: 500 }).map((p) => p.field)).toEqual(['maxBackoffMs']);
    expect(retryPolicyProblems({ ...full, transientStatuses: [429, 429] }).map((p) => p.field)).toEqual(['transientStatuses']);
  });
});

describe('validating retry policies', () => {
  const catalog = demoCatalog();
  const codes = (graph: unknown) => validate(graph, catalog, demoMember, { flowId: 'f1' }).map((d) => d.code);

  it('warns, with a sentence on the rebalance risk, when the worst case is past the rebalance time-out', () => {
    expect(consumerGroupTimings.rebalanceTimeoutMs).toBe(60_000);
    expect(codes(withEdgeRetry(full))).toEqual([]);
    const long = { ...full, attemptTimeoutMs: 27_200 };
    const diagnostics = validate(withEdgeRetry(long), catalog, demoMember, { flowId: 'f1' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'retry-rebalance-risk', severity: 'warning', edgeIds: ['e1'] })]);
    expect(diagnostics[0]?.message).toBe(
      'With these retries one message may take up to 2 min 31 s, longer than the 1 min the consumer group waits for a busy worker during a rebalance: ' +
        'the group would move the partition to another worker, which processes the message again, so its output may be published twice. ' +
        'Lower the attempts, the backoff or the time-out per attempt.',
    );
  });

  it('does not warn about subscriptions that leave their retries to the defaults', () => {
    expect(codes(pipelineGraph())).toEqual([]);
  });

  it('reports an inconsistent policy, and a policy on an edge that is not a subscription, as errors', () => {
    expect(codes(withEdgeRetry({ ...full, maxBackoffMs: 500 }))).toEqual(['retry-policy-invalid']);
    const graph = pipelineGraph();
    const onPublish = { ...graph, edges: graph.edges.map((e) => (e.id === 'e2' ? { ...e, retry: full } : e)) };
    expect(codes(onPublish)).toEqual(['retry-policy-invalid']);
  });
});

describe('describing a retry change', () => {
  it('says a subscription’s new policy in one line', () => {
    const after = FlowGraph.parse(withEdgeRetry(full));
    expect(diffGraphs(pipelineGraph(), after).changes).toEqual([
      { change: 'changed', text: 'retries of classify ← orders: none → 5 attempts, exponential 1 s → 30 s max, up to 55 s in all' },
    ]);
  });
});
