/** Flows whose bindings span two connections: each plan sees every binding's ACLs, wherever they are. */
import type { FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBindings, listManagedAcls } from '../store/deployState.ts';
import { createFlow, saveFlow } from '../store/flows.ts';
import { aclsOf, addConnection, startTestBed, users, type ExtraConnection, type TestBed } from '../testing/harness.ts';
import { deployFlow, deployLock, previewDeploy, undeployFlow } from './deployEngine.ts';

/** `algorithm` reads `input` and publishes to `output`, both on local. */
function stage(algorithm: string, version: string, input: string, output: string): FlowGraph {
  return {
    nodes: [
      { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: input },
      { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm, version },
      { id: 'out', kind: 'topic', position: { x: 400, y: 0 }, connection: 'local', topic: output },
    ],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 'in', target: 'a' },
      { id: 'e2', kind: 'publish', source: 'a', target: 'out' },
    ],
  };
}

/** `acme/classify` reads `orders` on local, publishes on local, and dead-letters to `orders.dlq` on remote. */
const classifying = stage('acme/classify', '1.2.0', 'orders', 'orders.classified');
const dlqElsewhere: FlowGraph = {
  nodes: [...classifying.nodes, { id: 'dlq', kind: 'topic', position: { x: 400, y: 200 }, connection: 'remote', topic: 'orders.dlq' }],
  edges: [...classifying.edges, { id: 'e3', kind: 'dlq', source: 'a', target: 'dlq' }],
};

/** An unrelated flow on local only. */
const localOnly = stage('acme/alert', '2.0.0', 'orders.enriched', 'alerts');

const classify = 'User:eventflows.acme.classify';

describe('a subscription whose DLQ is on another connection', () => {
  let bed: TestBed;
  let remote: ExtraConnection;
  let flowId: string;
  beforeAll(async () => {
    bed = await startTestBed();
    remote = await addConnection(bed, 'remote');
    flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'DLQ elsewhere', description: '', graph: dlqElsewhere, actor: 'ada' })).id;
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await remote?.close();
  });

  it('deploys its ACLs on both connections', async () => {
    const result = await deployFlow(bed.services, { flowId, revision: 1, actor: users.admin });
    expect(result.status).toBe('deployed');
    expect(await aclsOf(bed.admin, classify)).toEqual(['GROUP:eventflows.acme.classify.orders:READ', 'TOPIC:orders.classified:WRITE', 'TOPIC:orders:READ']);
    expect(await aclsOf(remote.admin, classify)).toEqual(['TOPIC:orders.dlq:WRITE']);
  });

  it('keeps its access when a flow on one of the connections deploys', async () => {
    const other = await createFlow(bed.services.db, { orgId: 'acme', name: 'Local only', description: '', graph: localOnly, actor: 'ada' });
    const result = await deployFlow(bed.services, { flowId: other.id, revision: 1, actor: users.admin });
    expect(result.status).toBe('deployed');
    if (result.status === 'deployed') expect(result.deployment.plan?.actions.filter((a) => a.kind === 'delete-acl')).toEqual([]);
    expect(await aclsOf(bed.admin, classify)).toEqual(['GROUP:eventflows.acme.classify.orders:READ', 'TOPIC:orders.classified:WRITE', 'TOPIC:orders:READ']);
    expect((await previewDeploy(bed.services, flowId, users.admin)).plan.actions).toEqual([]);
  });

  it('undeploys completely: bindings, runtime and ACLs on both connections', async () => {
    const result = await undeployFlow(bed.services, { flowId, actor: users.admin });
    expect(result.status).toBe('deployed');
    expect(await listBindings(bed.services.db, { flowId })).toEqual([]);
    expect(bed.reconciled.at(-1)?.filter((b) => b.flowId === flowId)).toEqual([]);
    expect(await aclsOf(bed.admin, classify)).toEqual([]);
    expect(await aclsOf(remote.admin, classify)).toEqual([]);
    expect((await listManagedAcls(bed.services.db)).filter((a) => a.principal === classify)).toEqual([]);
    // The other flow keeps what it needs.
    expect(await aclsOf(bed.admin, 'User:eventflows.acme.alert')).toEqual(['GROUP:eventflows.acme.alert.orders.enriched:READ', 'TOPIC:alerts:WRITE', 'TOPIC:orders.enriched:READ']);
  });
});

describe('undeploying a flow whose saved graph names a connection that does not answer', () => {
  let bed: TestBed;
  let gone: ExtraConnection;
  beforeAll(async () => {
    bed = await startTestBed();
    gone = await addConnection(bed, 'gone');
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
  });

  it('stops the bindings and removes their ACLs, and says what it could not look at', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Local', description: '', graph: localOnly, actor: 'ada' });
    expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.admin })).status).toBe('deployed');
    // An edit not deployed yet adds a topic on a connection whose cluster then goes away.
    const edited: FlowGraph = { ...localOnly, nodes: [...localOnly.nodes, { id: 'later', kind: 'topic', position: { x: 0, y: 300 }, connection: 'gone', topic: 'later' }] };
    expect((await saveFlow(bed.services.db, { id: flow.id, baseRevision: 1, name: 'Local', description: '', graph: edited, actor: 'ada' })).status).toBe('saved');
    await gone.close();

    const result = await undeployFlow(bed.services, { flowId: flow.id, actor: users.admin });
    expect(result.status).toBe('deployed');
    expect(await listBindings(bed.services.db, { flowId: flow.id })).toEqual([]);
    expect(await aclsOf(bed.admin, 'User:eventflows.acme.alert')).toEqual([]);
    if (result.status === 'deployed') expect(result.deployment.plan?.notes.some((note) => note.includes('"gone" did not answer'))).toBe(true);
  }, 60_000);
});

describe('a flow saved while its deploy waits for its locks', () => {
  let bed: TestBed;
  let remote: ExtraConnection;
  beforeAll(async () => {
    bed = await startTestBed();
    remote = await addConnection(bed, 'remote');
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await remote?.close();
  });

  it('is deployed holding the lock of the connection the save added', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Growing', description: '', graph: classifying, actor: 'ada' });
    const db = bed.services.db;
    let letFlowGo = () => {};
    let letRemoteGo = () => {};
    const held = (key: string, until: Promise<void>) => new Promise<void>((locked) => void db.withLock(key, async () => (locked(), await until)));
    await held(`eventflows:flow:${flow.id}`, new Promise((resolve) => (letFlowGo = resolve)));
    let finished = false;
    // Reads the connections to lock (local only), then waits for the flow's lock.
    const deploying = deployFlow(bed.services, { flowId: flow.id, revision: 2, actor: users.admin }).finally(() => (finished = true));
    await new Promise((r) => setTimeout(r, 200));
    expect((await saveFlow(db, { id: flow.id, baseRevision: 1, name: 'Growing', description: '', graph: dlqElsewhere, actor: 'ada' })).status).toBe('saved');
    await held(deployLock('remote'), new Promise((resolve) => (letRemoteGo = resolve)));
    letFlowGo();
    await new Promise((r) => setTimeout(r, 500));
    // It waits for remote's lock, which the saved revision needs.
    expect(finished).toBe(false);
    letRemoteGo();
    expect((await deploying).status).toBe('deployed');
    expect(await aclsOf(remote.admin, classify)).toEqual(['TOPIC:orders.dlq:WRITE']);
  }, 60_000);
});
