/**
 * The plan of the largest flow the model accepts (limits.nodes nodes, limits.edges edges, nothing
 * deployed yet) as `flows.plan` sends it: compact (the fields each action's object says by itself left
 * out, derived again by the review) it stays under half a response's limit, and the review reads every
 * field before and after exactly as the full plan has them. Prints both sizes.
 */
import { actionChanges, apiLimits, compactPlan, compile, limits, plan, Plan } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { benchFlow } from '../bench/model/benchFlow.ts';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const mib = (n: number) => `${(n / 1_048_576).toFixed(2)} MiB`;

describe('the plan of the largest flow', () => {
  it('is sent compact, well under the response limit, and reviewed with every field', () => {
    const { graph, actual } = benchFlow(limits.nodes, limits.edges);
    const full = plan(compile(graph, { flowId: 'largest' }), actual, { role: 'admin' });
    const sent = compactPlan(full);
    console.log(`plan of ${limits.nodes} nodes and ${limits.edges} edges: ${full.actions.length} actions; full ${mib(bytes(full))}, sent ${mib(bytes(sent))} (limit ${mib(apiLimits.responseBytes)})`);
    expect(bytes(sent)).toBeLessThan(apiLimits.responseBytes / 2);
    expect(bytes(full)).toBeGreaterThan(bytes(sent));
    expect(Plan.safeParse(sent).success).toBe(true);
    expect(sent.actions.map(actionChanges)).toEqual(full.actions.map((a) => a.changes));
  }, 120_000);
});
