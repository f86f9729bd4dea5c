/** Laws of the model, checked with fast-check on generated flows and arbitrary input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantsFor } from './bindingNeeds.ts';
import { compile } from './compile.ts';
import type { Actual, Binding, Desired } from './desired.ts';
import { demoCatalog, demoMember, generateFlow, pipelineGraph, seededRandom } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';
import { emptyGraph } from './handles.ts';
import { compareGrants, grantKey } from './keys.ts';
import { applyPlan } from './plan/applyPlan.ts';
import { plan } from './plan/plan.ts';
import { validate } from './validate/validate.ts';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Picks a seeded subset of items. */
function subset<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  return items.filter(() => random() < 0.5);
}

describe('compile', () => {
  it('is deterministic and independent of node and edge order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 120 }), fc.integer(), fc.integer(), (size, seed, order) => {
        const { graph } = generateFlow(size, seed);
        const reordered: FlowGraph = { nodes: shuffled(graph.nodes, order), edges: shuffled(graph.edges, order + 1) };
        const a = compile(graph, { flowId: 'f' });
        expect(compile(JSON.parse(JSON.stringify(graph)) as FlowGraph, { flowId: 'f' })).toEqual(a);
        expect(compile(reordered, { flowId: 'f' })).toEqual(a);
      }),
      { numRuns: 60 },
    );
  });

  it('asks for exactly the grants its bindings lie inside (grantsFor)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 120 }), fc.integer(), (size, seed) => {
        const { graph } = generateFlow(size, seed);
        const desired = compile(graph, { flowId: 'f' });
        const ofBindings = new Map(desired.bindings.flatMap(grantsFor).map((g) => [grantKey(g), g]));
        expect([...ofBindings.values()].sort(compareGrants)).toEqual(desired.grants);
      }),
      { numRuns: 60 },
    );
    const pipeline = compile(pipelineGraph(), { flowId: 'f' });
    expect(pipeline.grants.some((g) => g.topic === 'orders.dlq' && g.access === 'publish')).toBe(true);
    expect(new Set(pipeline.bindings.flatMap(grantsFor).map(grantKey))).toEqual(new Set(pipeline.grants.map(grantKey)));
  });
});

describe('plan and applyPlan', () => {
  it('planning again after applying a plan gives no actions, whatever the starting state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 80 }), fc.integer(), fc.integer(), fc.constantFrom('admin' as const, 'member' as const), (size, seed, stateSeed, role) => {
        const { graph, actual: empty } = generateFlow(size, seed);
        const desired = compile(graph, { flowId: 'f' });
        // A messy starting state: part of the flow deployed, some of it at an older version, some ACLs
        // missing or foreign, some grants absent, another flow's binding on an unrelated topic.
        const deployed = subset(desired.bindings, stateSeed).map((b): Binding => (b.direction === 'publish' ? { ...b, version: '0.0.1' } : b));
        const sample = desired.acls[0];
        const foreign = sample ? [{ ...sample, principal: 'User:someone-else' }] : [];
        const actual: Actual = {
          ...empty,
          grants: subset(empty.grants, stateSeed + 1),
          bindings: [...deployed, { flowId: 'other', algorithm: 'acme/other', connection: 'local', topic: 'elsewhere', direction: 'publish', version: '1.0.0', principal: 'User:eventflows.acme.other' }],
          acls: [...subset(desired.acls, stateSeed + 2), ...foreign],
          managedAcls: subset(desired.acls, stateSeed + 3),
          topics: subset(empty.topics, stateSeed + 4),
        };
        const first = plan(desired, actual, { role });
        // A Desired is plain data: a copy read back from JSON plans the same.
        expect(plan(JSON.parse(JSON.stringify(desired)) as Desired, actual, { role })).toEqual(first);
        const after = applyPlan(actual, first);
        const second = plan(desired, after, { role });
        // Only grants a member cannot give remain (blocked); everything else converged.
        expect(second.actions.filter((a) => !(a.kind === 'grant' && a.blocked))).toEqual([]);
        if (role === 'admin') expect(second.actions).toEqual([]);
        // Nothing outside this flow's reach was touched.
        expect(after.bindings.some((b) => b.flowId === 'other')).toBe(true);
        expect(after.acls).toEqual(expect.arrayContaining(foreign));
        expect(after.topics.length).toBeGreaterThanOrEqual(actual.topics.length);
      }),
      { numRuns: 60 },
    );
  });

  it('undeploying removes exactly the managed ACLs and bindings the flow had', () => {
    const catalog = demoCatalog();
    const desired = compile(pipelineGraph(), { flowId: 'f' });
    const empty: Actual = { topics: [], acls: [], managedAcls: [], bindings: [], grants: catalog.grants, connectionsWithoutAuthorizer: [] };
    const deployed = applyPlan(empty, plan(desired, empty, { role: 'member' }));
    expect(deployed.bindings).toHaveLength(desired.bindings.length);
    const undeploy = plan({ ...desired, topics: [], grants: [], bindings: [], acls: [] }, deployed, { role: 'member' });
    const after = applyPlan(deployed, undeploy);
    expect(after.bindings).toEqual([]);
    expect(after.acls).toEqual([]);
    expect(after.topics).toEqual(deployed.topics);
  });

  it("leaves ACLs no binding needs to the plan of the flow they are recorded for, never another flow's", () => {
    const catalog = demoCatalog();
    const desired = compile(pipelineGraph(), { flowId: 'f' });
    const empty: Actual = { topics: [], acls: [], managedAcls: [], bindings: [], grants: catalog.grants, connectionsWithoutAuthorizer: [] };
    const deployed = applyPlan(empty, plan(desired, empty, { role: 'member' }));
    // A crash after the undeploy stopped the bindings, before it deleted the ACLs.
    const left: Actual = { ...deployed, bindings: [] };
    const other = compile(emptyGraph(), { flowId: 'g' });
    expect(plan(other, { ...left, flowAcls: [] }, { role: 'member' }).actions).toEqual([]);
    const undeploy = plan({ ...desired, topics: [], grants: [], bindings: [], acls: [] }, left, { role: 'member' });
    expect(undeploy.actions.map((a) => a.kind)).toEqual(desired.acls.map(() => 'delete-acl'));
    // Deploying the flow again uses them, and says so.
    const redeploy = plan(desired, left, { role: 'member' });
    expect(redeploy.actions.every((a) => a.kind === 'start-binding')).toBe(true);
    expect(redeploy.notes.join(' ')).toMatch(new RegExp(`${desired.acls.length} ACLs this flow left`));
  });
});

describe('validate', () => {
  it('never throws, whatever JSON it is given', () => {
    const catalog = demoCatalog();
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expect(Array.isArray(validate(input, catalog, demoMember))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on graphs that are well-formed JSON but wrong in every way', () => {
    const catalog = demoCatalog();
    const id = fc.constantFrom('a', 'b', 't1', 't2', 'x', '');
    const node = fc.record({
      id,
      kind: fc.constantFrom('algorithm', 'topic', 'other'),
      position: fc.record({ x: fc.double(), y: fc.integer() }),
      algorithm: fc.constantFrom('acme/classify', 'acme/enrich', 'bad', 'globex/score'),
      version: fc.constantFrom('1.2.0', 'latest', 'x', '1.*'),
      connection: fc.constantFrom('local', 'nope'),
      topic: fc.constantFrom('orders', 'orders.dlq', '..', 'bad name'),
    }, { requiredKeys: ['id', 'kind'] });
    const edge = fc.record({ id, kind: fc.constantFrom('subscribe', 'publish', 'dlq', 'x'), source: id, target: id, dlq: fc.option(id, { nil: undefined }) }, { requiredKeys: ['id', 'kind', 'source', 'target'] });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 12 }), fc.array(edge, { maxLength: 20 }), (nodes, edges) => {
        const diagnostics = validate({ nodes, edges }, catalog, demoMember);
        expect(Array.isArray(diagnostics)).toBe(true);
        for (const d of diagnostics) expect(typeof d.message).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
