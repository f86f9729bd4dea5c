/**
 * A/B check for refactoring the model: the same inputs through two versions of the model must give the
 * same diagnostics, Desired and plans.
 *
 *   pnpm exec tsx test/model/ab/modelAb.ts record <model index.ts> <cases.json>
 *     generates graphs (messy ones from fast-check, valid ones from generateFlow), runs them through the
 *     model at the given path, and writes inputs and outputs to <cases.json>.
 *   pnpm exec tsx test/model/ab/modelAb.ts replay <model index.ts> <cases.json>
 *     runs the recorded inputs through the model at the given path and compares with the recorded
 *     outputs; exits 1 on the first difference.
 *
 * Record with the old model (a copy outside the repository), replay with the new one: the new code never
 * writes what it is compared with. `AB_NEW_CODES=a,b` names diagnostic codes the new model adds on
 * purpose: replay leaves diagnostics of those codes out of the comparison, and says how many it left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type * as ModelModule from '@event-flows/model';
import type { Actor, Actual, Binding, Catalog, Desired, FlowGraph } from '@event-flows/model';

type Model = typeof ModelModule;

/** One recorded case: its inputs, and what the model gave for them. */
interface Case {
  name: string;
  flowId: string;
  graph: FlowGraph;
  catalog: Catalog;
  /** Each actual state the Desired is planned against. */
  actuals: Actual[];
  outputs?: Outputs;
}

interface Outputs {
  /** validate for a member and for an admin. */
  diagnostics: unknown[];
  desired: Desired;
  /** plan(desired, actual) for each actual and role, then plan again after applyPlan. */
  plans: unknown[];
}

const roles = ['member', 'admin'] as const;

/**
 * `model.compile` on a graph: a model from before compile dropped its unused catalog parameter takes
 * `(graph, catalog, options)`, a newer one `(graph, options)`; both are compared.
 */
function compileWith(model: Model, graph: FlowGraph, catalog: Catalog, flowId: string): Desired {
  // The two signatures cannot both be typed against one version of the model.
  const compile = model.compile as unknown as (...args: unknown[]) => Desired;
  return compile.length >= 3 ? compile(graph, catalog, { flowId }) : compile(graph, { flowId });
}

function run(model: Model, c: Case): Outputs {
  const actors: Actor[] = roles.map((role) => ({ role, orgId: 'acme' }));
  const diagnostics = actors.map((actor) => model.validate(c.graph, c.catalog, actor, { flowId: c.flowId }));
  const desired = compileWith(model, c.graph, c.catalog, c.flowId);
  const plans: unknown[] = [];
  for (const actual of c.actuals) {
    for (const role of roles) {
      const first = model.plan(desired, actual, { role });
      plans.push(first);
      // The same Desired read back from JSON, as the server reads a stored one.
      plans.push(model.plan(JSON.parse(JSON.stringify(desired)) as Desired, actual, { role }));
      plans.push(model.plan(desired, model.applyPlan(actual, first), { role }));
    }
  }
  return { diagnostics, desired, plans };
}

/** JSON with object keys sorted: equal values give equal text, whatever order keys were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
  });
}

// ---- Inputs ----------------------------------------------------------------------------------------

// Algorithms and topics mostly get ids of their own kind, so that most edges are well formed; now and
// then two nodes share an id, or an edge joins the wrong kinds.
const algorithmIds = ['a1', 'a2', 'a3', 'a4'];
const topicIds = ['t1', 't2', 't3', 't4', 't5', 't6'];
const anyId = fc.constantFrom(...algorithmIds, ...topicIds, 'x');
const position = fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) });

const algorithmNode = fc.record(
  {
    id: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...algorithmIds) }, { weight: 1, arbitrary: anyId }),
    kind: fc.constant('algorithm' as const),
    position,
    algorithm: fc.constantFrom('acme/classify', 'acme/classify', 'acme/enrich', 'acme/alert', 'acme/draft', 'globex/score', 'acme/nope', 'bad'),
    version: fc.constantFrom('1.0.0', '1.2.0', '2.0.0', 'latest', 'latestPrivate', '1.*', 'x', 'abcdef1'),
    retry: fc.record({ maxAttempts: fc.integer({ min: 1, max: 5 }), backoffMs: fc.integer({ min: 0, max: 5000 }) }),
    concurrency: fc.integer({ min: 1, max: 8 }),
    ordering: fc.constantFrom('partition' as const, 'key' as const),
    timeoutMs: fc.integer({ min: 1, max: 600_000 }),
  },
  { requiredKeys: ['id', 'kind', 'position', 'algorithm', 'version'] },
);

const topicNode = fc.record(
  {
    id: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...topicIds) }, { weight: 1, arbitrary: anyId }),
    kind: fc.constant('topic' as const),
    position,
    connection: fc.constantFrom('local', 'local', 'local', 'other', 'nope'),
    topic: fc.constantFrom('orders', 'orders.classified', 'orders.enriched', 'alerts', 'orders.dlq', 'new.topic', 'other.topic', '..', 'bad name', ''),
    create: fc.record({
      partitions: fc.integer({ min: 1, max: 12 }),
      replicationFactor: fc.integer({ min: 1, max: 3 }),
      config: fc.constantFrom({}, { 'retention.ms': '60000' }, { 'cleanup.policy': 'compact', 'retention.ms': '1000' }),
    }),
  },
  { requiredKeys: ['id', 'kind', 'position', 'connection', 'topic'] },
);

const edgeId = fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10', 'e11', 'e12', 'e13', 'e14', 'e15', 'e16');
const edgeExtras = { dlq: fc.oneof(fc.constantFrom(...topicIds), anyId), version: fc.constantFrom('1.0.0', '1.1.0', '9.9.9', 'latest', 'x') };
const optionalExtras = ['id', 'kind', 'source', 'target'] as const;
const wellKindedEdge = fc.oneof(
  fc.record({ id: edgeId, kind: fc.constant('subscribe' as const), source: fc.constantFrom(...topicIds), target: fc.constantFrom(...algorithmIds), ...edgeExtras }, { requiredKeys: [...optionalExtras] }),
  fc.record({ id: edgeId, kind: fc.constant('publish' as const), source: fc.constantFrom(...algorithmIds), target: fc.constantFrom(...topicIds), ...edgeExtras }, { requiredKeys: [...optionalExtras] }),
  fc.record({ id: edgeId, kind: fc.constant('dlq' as const), source: fc.constantFrom(...algorithmIds), target: fc.constantFrom(...topicIds), ...edgeExtras }, { requiredKeys: [...optionalExtras] }),
);
const anyEdge = fc.record(
  { id: edgeId, kind: fc.constantFrom('subscribe' as const, 'publish' as const, 'dlq' as const), source: anyId, target: anyId, ...edgeExtras },
  { requiredKeys: [...optionalExtras] },
);

const messyGraph = fc.record({
  nodes: fc.array(fc.oneof(algorithmNode, topicNode), { maxLength: 14 }),
  edges: fc.array(fc.oneof({ weight: 6, arbitrary: wellKindedEdge }, { weight: 1, arbitrary: anyEdge }), { maxLength: 24 }),
});

const grant = fc.record({
  connection: fc.constantFrom('local', 'other'),
  topic: fc.constantFrom('orders', 'orders.classified', 'orders.enriched', 'alerts', 'orders.dlq', 'new.topic', 'other.topic'),
  algorithm: fc.constantFrom('acme/classify', 'acme/enrich', 'acme/alert', 'globex/score'),
  access: fc.constantFrom('publish' as const, 'subscribe' as const),
});

const claim = fc.record({
  flowId: fc.constantFrom('f', 'g', 'h'),
  flowName: fc.constantFrom('Flow G', 'Flow H'),
  connection: fc.constantFrom('local', 'other'),
  topic: fc.constantFrom('orders', 'orders.classified', 'alerts', 'new.topic'),
  algorithm: fc.constantFrom('acme/classify', 'acme/enrich', 'acme/alert'),
  direction: fc.constantFrom('publish' as const, 'subscribe' as const),
});

const catalogExtras = fc.record({
  grants: fc.array(grant, { maxLength: 20 }),
  claims: fc.array(claim, { maxLength: 4 }),
  memberLimits: fc.boolean(),
});

function messyCatalog(model: Model, extras: { grants: Catalog['grants']; claims: Catalog['claims']; memberLimits: boolean }): Catalog {
  const demo = model.demoCatalog();
  const other = {
    id: 'other',
    name: 'Other Kafka',
    topics: [{ name: 'other.topic', partitions: 2 }, { name: 'orders', partitions: 6 }],
    ...(extras.memberLimits ? { memberTopicLimits: { partitions: 4, replicationFactor: 1, config: { 'retention.ms': { min: 1000, max: 86_400_000, unit: 'ms' as const } } } } : {}),
  };
  return { ...demo, connections: [...demo.connections, other], grants: [...demo.grants, ...extras.grants], claims: extras.claims };
}

/** Keeps each item when the generator says so (a seeded subset). */
function subset<T>(items: readonly T[], random: () => number): T[] {
  return items.filter(() => random() < 0.5);
}

/**
 * Actual states to plan against, made from the old model's Desired when recording: empty Kafka, and a
 * messy one (part deployed at other versions, ACLs missing or foreign, a binding of another flow, some
 * connections unread or without an authorizer, ACLs recorded as left).
 */
function actualsFor(model: Model, desired: Desired, catalog: Catalog, seed: number): Actual[] {
  const random = model.seededRandom(seed);
  const empty: Actual = {
    topics: catalog.connections.flatMap((c) => c.topics.map((t) => ({ connection: c.id, topic: t.name, partitions: t.partitions }))),
    acls: [],
    managedAcls: [],
    bindings: [],
    grants: catalog.grants,
    connectionsWithoutAuthorizer: [],
  };
  const deployed = subset(desired.bindings, random).map((b): Binding => (random() < 0.3 ? { ...b, version: '0.0.1' } : b));
  const sample = desired.acls[0];
  const foreign = sample ? [{ ...sample, principal: 'User:someone-else' }] : [];
  const other: Binding = { flowId: 'other', algorithm: 'acme/other', connection: 'local', topic: 'elsewhere', direction: 'publish', version: '1.0.0', principal: 'User:eventflows.acme.other' };
  // Bindings this flow had that it no longer wants, with the ACLs they were given.
  const retired = subset(desired.bindings, random).map((b): Binding => ({ ...b, topic: `${b.topic}.retired` }));
  const retiredAcls = model.aclsFor(retired);
  const managed = [...subset(desired.acls, random), ...retiredAcls];
  const messy: Actual = {
    ...empty,
    grants: subset(empty.grants, random),
    bindings: [...deployed, ...retired, other, ...(random() < 0.3 ? [{ ...other, flowId: desired.flowId, topic: 'gone' }] : [])],
    acls: [...subset(desired.acls, random), ...retiredAcls, ...foreign],
    managedAcls: managed,
    topics: subset(empty.topics, random).map((t) => (random() < 0.2 ? { ...t, partitions: t.partitions + 1 } : t)),
    connectionsWithoutAuthorizer: random() < 0.2 ? ['other'] : [],
    ...(random() < 0.3 ? { aclsReadOn: ['local'] } : {}),
    ...(random() < 0.3 ? { flowAcls: subset(managed, random) } : {}),
  };
  return [empty, messy];
}

function generate(model: Model): Case[] {
  const cases: Case[] = [];
  const messy = fc.sample(fc.tuple(messyGraph, catalogExtras), { seed: 19, numRuns: 300 });
  messy.forEach(([graph, extras], i) => {
    // Only graphs the schema accepts reach compile on the server.
    if (!model.FlowGraph.safeParse(graph).success) throw new Error(`messy graph ${i} does not parse`);
    const catalog = messyCatalog(model, extras);
    const flowId = 'f';
    const desired = compileWith(model, graph as FlowGraph, catalog, flowId);
    cases.push({ name: `messy-${i}`, flowId, graph: graph as FlowGraph, catalog, actuals: actualsFor(model, desired, catalog, i) });
  });
  const sizes = [...Array.from({ length: 96 }, (_, i) => 5 + ((i * 37) % 300)), 1000, 2000, 5000, 5000];
  sizes.forEach((size, i) => {
    const { graph, catalog } = model.generateFlow(size, 1000 + i);
    const flowId = 'g';
    const desired = compileWith(model, graph, catalog, flowId);
    cases.push({ name: `generated-${size}-${i}`, flowId, graph, catalog, actuals: actualsFor(model, desired, catalog, 5000 + i) });
  });
  return cases;
}

// ---- Main ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const [mode, modelPath, file] = process.argv.slice(2);
  if ((mode !== 'record' && mode !== 'replay') || !modelPath || !file) {
    console.error('usage: modelAb.ts record|replay <model index.ts> <cases.json>');
    process.exit(2);
  }
  const model = (await import(pathToFileURL(path.resolve(modelPath)).href)) as Model;
  if (mode === 'record') {
    const cases = generate(model).map((c) => ({ ...c, outputs: run(model, c) }));
    writeFileSync(file, JSON.stringify(cases));
    console.log(`recorded ${cases.length} graphs (${cases.reduce((n, c) => n + (c.outputs?.plans.length ?? 0), 0)} plans) with ${modelPath}`);
    return;
  }
  const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];
  const newCodes = new Set((process.env.AB_NEW_CODES ?? '').split(',').filter(Boolean));
  let plans = 0;
  let leftOut = 0;
  for (const c of cases) {
    const outputs = run(model, c);
    outputs.diagnostics = outputs.diagnostics.map((list) =>
      (list as Array<{ code: string }>).filter((d) => {
        const isNew = newCodes.has(d.code);
        if (isNew) leftOut++;
        return !isNew;
      }),
    );
    for (const part of ['diagnostics', 'desired', 'plans'] as const) {
      if (canonical(outputs[part]) !== canonical(c.outputs?.[part])) {
        console.error(`case ${c.name}: ${part} differ`);
        console.error(`recorded: ${canonical(c.outputs?.[part]).slice(0, 2000)}`);
        console.error(`now:      ${canonical(outputs[part]).slice(0, 2000)}`);
        process.exit(1);
      }
    }
    plans += outputs.plans.length;
  }
  console.log(`identical: ${cases.length} graphs, their diagnostics (member and admin), Desired and ${plans} plans` + (newCodes.size > 0 ? `; left out ${leftOut} new diagnostics (${[...newCodes].join(', ')})` : ''));
}

await main();
