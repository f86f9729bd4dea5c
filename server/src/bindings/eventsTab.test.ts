/**
 * The Events tab (`bindings.*`) over real HTTP, on flows a canvas also edits: it changes only what the
 * person asked for, in the flow that owns the algorithm's bindings, and keeps nothing a deploy refuses.
 */
import { pipelineGraph, type EventsTabRow, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrants } from '../store/access.ts';
import { listBindings } from '../store/deployState.ts';
import { createFlow, getFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

/** A test bed per block: each deploys the demo pipeline, whose bindings only one flow may own. */
function useBed(): () => HttpBed {
  let bed: HttpBed | undefined;
  beforeAll(async () => {
    bed = await startHttpBed();
  }, 60_000);
  afterAll(async () => bed?.close());
  return () => bed as HttpBed;
}

async function deployed(bed: HttpBed, name: string, graph: FlowGraph = pipelineGraph()) {
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name, description: '', graph, actor: 'max' });
  const deploy = await bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member);
  expect(deploy.body.result?.data).toMatchObject({ status: 'deployed' });
  return flow;
}

async function row(bed: HttpBed, algorithm: string, topic: string, access: 'subscribe' | 'publish'): Promise<EventsTabRow | undefined> {
  const rows = (await bed.call('query', 'bindings.list', { algorithm }, tokens.member)).body.result?.data as EventsTabRow[];
  return rows.find((r) => r.topic === topic && r.access === access);
}

describe('an Events-tab change of a flow with canvas edits not deployed', () => {
  const bed = useBed();

  it('is refused and deploys none of those edits', { timeout: 60_000 }, async () => {
    const flow = await deployed(bed(), 'Pipeline');
    // On the canvas: a save, not deployed, that removes alert's publication.
    const wip = { ...flow.graph, edges: flow.graph.edges.filter((e) => e.id !== 'e8') };
    const saved = await bed().call('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: flow.name, description: '', graph: wip }, tokens.member);
    expect(saved.status).toBe(200);

    const edit = await bed().call('mutation', 'bindings.edit', { algorithm: 'acme/enrich', connection: 'local', topic: 'orders.classified', access: 'subscribe', version: '0.9.0' }, tokens.member);
    expect(edit.status).toBe(409);
    expect(edit.body.error?.message).toMatch(/review and deploy/);
    expect((await listBindings(bed().services.db, { algorithm: 'acme/alert' })).some((b) => b.direction === 'publish')).toBe(true);
    expect((await getFlow(bed().services.db, flow.id))?.revision).toBe(2);
  });
});

describe('an Events-tab change the graph rules refuse', () => {
  const bed = useBed();

  it('is refused with the diagnostics and leaves the flow as it was', { timeout: 60_000 }, async () => {
    const flow = await deployed(bed(), 'Pipeline');
    await addGrants(bed().services.db, [{ connection: 'local', topic: 'alerts', algorithm: 'acme/classify', access: 'subscribe' }], 'ada');
    // classify reading alerts closes the loop classify → enrich → alert → classify.
    const enable = await bed().call('mutation', 'bindings.enable', { algorithm: 'acme/classify', connection: 'local', topic: 'alerts', access: 'subscribe', version: '1.2.0' }, tokens.member);
    expect(enable.status).toBe(400);
    expect(enable.body.error?.message).toMatch(/feed each other/);
    const after = await getFlow(bed().services.db, flow.id);
    expect(after?.revision).toBe(1);
    expect(after?.graph).toEqual(flow.graph);
    const redeploy = await bed().call('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member);
    expect(redeploy.body.result?.data).toMatchObject({ status: 'deployed' });
  });
});

describe('an Events-tab enable after a copy of the deployed flow was imported', () => {
  const bed = useBed();

  it('goes to the flow that owns the algorithm’s bindings, not the newer copy', { timeout: 60_000 }, async () => {
    const live = await deployed(bed(), 'Live');
    const exported = await bed().call('query', 'flows.export', { id: live.id, format: 'json' }, tokens.member);
    const text = (exported.body.result?.data as { text: string }).text;
    const copy = (await bed().call('mutation', 'flows.import', { orgId: 'acme', text }, tokens.member)).body.result?.data as { id: string };
    await addGrants(bed().services.db, [{ connection: 'local', topic: 'orders.enriched', algorithm: 'acme/classify', access: 'publish' }], 'ada');

    const enable = await bed().call('mutation', 'bindings.enable', { algorithm: 'acme/classify', connection: 'local', topic: 'orders.enriched', access: 'publish', version: '1.2.0' }, tokens.member);
    expect(enable.status).toBe(200);
    expect(enable.body.result?.data).toMatchObject({ flowId: live.id, result: { status: 'deployed' } });
    expect((await getFlow(bed().services.db, copy.id))?.revision).toBe(1);
    expect((await getFlow(bed().services.db, live.id))?.revision).toBe(2);
  });
});

describe('unticking "Enable Dead Letter Queue" of a subscription whose DLQ the canvas drew for its algorithm', () => {
  const bed = useBed();
  const edit = (algorithm: string, topic: string, version: string) =>
    bed().call('mutation', 'bindings.edit', { algorithm, connection: 'local', topic, access: 'subscribe', version, dlq: null }, tokens.member);

  it('turns off the DLQ of that subscription only', { timeout: 60_000 }, async () => {
    await addGrants(
      bed().services.db,
      [
        { connection: 'local', topic: 'orders', algorithm: 'acme/alert', access: 'subscribe' },
        { connection: 'local', topic: 'orders.dlq', algorithm: 'acme/alert', access: 'publish' },
      ],
      'ada',
    );
    const graph = pipelineGraph();
    // alert reads two topics and its DLQ edge serves both.
    graph.edges.push({ id: 'e9', kind: 'subscribe', source: 't-orders', target: 'a-alert' }, { id: 'e10', kind: 'dlq', source: 'a-alert', target: 't-dlq' });
    const flow = await deployed(bed(), 'Pipeline', graph);
    const dlq = { connection: 'local', topic: 'orders.dlq' };
    expect(await row(bed(), 'acme/alert', 'orders.enriched', 'subscribe')).toMatchObject({ dlq });

    expect((await edit('acme/alert', 'orders.enriched', '2.0.0')).status).toBe(200);
    expect(await row(bed(), 'acme/alert', 'orders.enriched', 'subscribe')).toMatchObject({ state: 'enabled', dlq: null });
    expect(await row(bed(), 'acme/alert', 'orders', 'subscribe')).toMatchObject({ state: 'enabled', dlq });

    // classify's only subscription: its DLQ edge goes.
    expect((await edit('acme/classify', 'orders', '1.2.0')).status).toBe(200);
    expect(await row(bed(), 'acme/classify', 'orders', 'subscribe')).toMatchObject({ state: 'enabled', dlq: null });
    const edges = (await getFlow(bed().services.db, flow.id))?.graph.edges ?? [];
    expect(edges.filter((e) => e.kind === 'dlq').map((e) => e.source)).toEqual(['a-enrich']);
  });
});

describe('the Events-tab row of the topic a subscription uses as its DLQ', () => {
  const bed = useBed();

  it('says it is in use as the DLQ and refuses to enable a publication there', { timeout: 60_000 }, async () => {
    const flow = await deployed(bed(), 'Pipeline');
    expect(await row(bed(), 'acme/classify', 'orders.dlq', 'publish')).toMatchObject({ state: 'dlq', flowId: flow.id, version: null });
    expect(await row(bed(), 'acme/classify', 'orders.classified', 'publish')).toMatchObject({ state: 'enabled' });

    const enable = await bed().call('mutation', 'bindings.enable', { algorithm: 'acme/classify', connection: 'local', topic: 'orders.dlq', access: 'publish', version: '1.2.0' }, tokens.member);
    expect(enable.status).toBe(400);
    expect(enable.body.error?.message).toMatch(/Dead Letter Queue of acme\/classify's subscription to "orders"/);
    expect((await getFlow(bed().services.db, flow.id))?.revision).toBe(1);
  });
});

/** Every flow of acme with its revision, as the flow list shows them. */
async function revisions(bed: HttpBed): Promise<Record<string, number>> {
  const flows = (await bed.call('query', 'flows.list', { orgId: 'acme' }, tokens.member)).body.result?.data as Array<{ id: string; revision: number }>;
  return Object.fromEntries(flows.map((f) => [f.id, f.revision]));
}

describe('an Events-tab edit of one row’s version', () => {
  const bed = useBed();

  it('changes that row alone: the algorithm’s other rows, the algorithm node and every other flow keep theirs', { timeout: 60_000 }, async () => {
    const flow = await deployed(bed(), 'Pipeline');
    const draft = await createFlow(bed().services.db, { orgId: 'acme', name: 'Draft', description: '', graph: pipelineGraph(), actor: 'max' });
    const before = (await bed().call('query', 'bindings.list', { algorithm: 'acme/classify' }, tokens.member)).body.result?.data as EventsTabRow[];

    // As the Events tab sends it: the version changed, the DLQ as it was (the algorithm's DLQ edge's).
    const dlq = { connection: 'local', topic: 'orders.dlq' };
    const edit = await bed().call('mutation', 'bindings.edit', { algorithm: 'acme/classify', connection: 'local', topic: 'orders', access: 'subscribe', version: '1.0.0', dlq }, tokens.member);
    expect(edit.status).toBe(200);

    const after = (await bed().call('query', 'bindings.list', { algorithm: 'acme/classify' }, tokens.member)).body.result?.data as EventsTabRow[];
    const subscription = (r: EventsTabRow) => r.topic === 'orders' && r.access === 'subscribe';
    expect(after.find(subscription)).toMatchObject({ state: 'enabled', version: '1.0.0' });
    expect(after.filter((r) => !subscription(r))).toEqual(before.filter((r) => !subscription(r)));
    // In the flow, only that subscription's edge changed: it carries the version.
    const graph = (await getFlow(bed().services.db, flow.id))?.graph;
    expect(graph?.nodes).toEqual(flow.graph.nodes);
    expect(graph?.edges).toEqual(flow.graph.edges.map((e) => (e.id === 'e1' ? { ...e, version: '1.0.0' } : e)));
    expect((await getFlow(bed().services.db, draft.id))?.revision).toBe(1);
  });
});

describe('an Events-tab disable, then enable', () => {
  const bed = useBed();
  const target = { algorithm: 'acme/classify', connection: 'local', access: 'subscribe' as const, topic: 'orders' };

  it('puts the binding back in the flow it was built in', { timeout: 90_000 }, async () => {
    const flow = await deployed(bed(), 'Pipeline');
    // classify is left with no binding at all: nothing but memory says where its subscription was.
    expect((await bed().call('mutation', 'bindings.disable', target, tokens.member)).status).toBe(200);
    expect((await bed().call('mutation', 'bindings.disable', { ...target, access: 'publish', topic: 'orders.classified' }, tokens.member)).status).toBe(200);
    expect(await row(bed(), 'acme/classify', 'orders', 'subscribe')).toMatchObject({ state: 'disabled' });

    const enable = await bed().call('mutation', 'bindings.enable', { ...target, version: '1.1.0' }, tokens.member);
    expect(enable.status).toBe(200);
    expect(enable.body.result?.data).toMatchObject({ flowId: flow.id });
    expect(await row(bed(), 'acme/classify', 'orders', 'subscribe')).toMatchObject({ state: 'enabled', flowId: flow.id, version: '1.1.0' });
    expect(Object.keys(await revisions(bed()))).toEqual([flow.id]);
  });
});

describe('an Events-tab enable refused for access nobody granted', () => {
  const bed = useBed();
  const change = { algorithm: 'acme/echo', connection: 'local', topic: 'orders', access: 'subscribe', version: '1.0.0', dlq: { connection: 'local', topic: 'orders.echo' } };

  it('leaves no flow and no revision behind, and offers to request the access', { timeout: 60_000 }, async () => {
    await addGrants(bed().services.db, [{ connection: 'local', topic: 'orders', algorithm: 'acme/echo', access: 'subscribe' }], 'ada');
    const before = await revisions(bed());

    const enable = await bed().call('mutation', 'bindings.enable', change, tokens.member);
    expect(await revisions(bed())).toEqual(before);
    expect(enable.status).toBe(403);
    expect(enable.body.error?.message).toBe(
      'This change was not made: acme/echo may not publish to "orders.echo" on "Local Kafka": a cluster admin has not granted it. Request access, and try again once a cluster admin has granted it.',
    );
    expect(enable.body.error?.data).toMatchObject({ missingGrants: [{ connection: 'local', topic: 'orders.echo', algorithm: 'acme/echo', access: 'publish' }] });

    const request = await bed().call('mutation', 'bindings.requestAccess', change, tokens.member);
    expect(request.status).toBe(200);
    expect(request.body.result?.data).toMatchObject([{ topic: 'orders.echo', algorithm: 'acme/echo', access: 'publish', status: 'pending', requestedBy: 'max' }]);
    const requests = await bed().call('query', 'bindings.accessRequests', { algorithm: 'acme/echo' }, tokens.viewer);
    expect(requests.body.result?.data).toMatchObject([{ topic: 'orders.echo', access: 'publish', status: 'pending' }]);
    expect(await revisions(bed())).toEqual(before);
  });
});
