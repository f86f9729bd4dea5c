/**
 * admin.connections against what is deployed: a connection an enabled binding uses — for its topic, its
 * DLQ or an output — can be neither deleted nor pointed at another cluster, which would leave its ACLs
 * behind where nothing removes them.
 */
import type { FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrants } from '../store/access.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { createFlow } from '../store/flows.ts';
import { aclsOf, addConnection, type ExtraConnection } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

const classify = 'User:eventflows.acme.classify';
const enrich = 'User:eventflows.acme.enrich';

/** `acme/classify` reads `orders` on local and dead-letters to `dead` on `dlqConnection`. */
const dlqOn = (dlqConnection: string): FlowGraph => ({
  nodes: [
    { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
    { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/classify', version: '1.2.0' },
    { id: 'dead', kind: 'topic', position: { x: 400, y: 0 }, connection: dlqConnection, topic: 'dead' },
  ],
  edges: [
    { id: 'e1', kind: 'subscribe', source: 'in', target: 'a' },
    { id: 'e2', kind: 'dlq', source: 'a', target: 'dead' },
  ],
});

/** `acme/enrich` reads `in` on `connection`. */
const readingOn = (connection: string): FlowGraph => ({
  nodes: [
    { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection, topic: 'in' },
    { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/enrich', version: '1.0.0' },
  ],
  edges: [{ id: 'e1', kind: 'subscribe', source: 'in', target: 'a' }],
});

const auth = { mechanism: 'plain', username: 'admin', password: 'admin-secret' } as const;

let bed: HttpBed;
let clusterB: ExtraConnection;
let clusterC: ExtraConnection;
beforeAll(async () => {
  bed = await startHttpBed();
  clusterB = await addConnection(bed, 'b');
  clusterC = await addConnection(bed, 'c');
  await clusterB.admin.createTopics({ topics: [{ topic: 'dead', numPartitions: 1 }, { topic: 'in', numPartitions: 1 }] });
  await clusterC.admin.createTopics({ topics: [{ topic: 'dead', numPartitions: 1 }] });
  await addGrants(
    bed.services.db,
    [
      { connection: 'b', topic: 'dead', algorithm: 'acme/classify', access: 'publish' },
      { connection: 'c', topic: 'dead', algorithm: 'acme/classify', access: 'publish' },
      { connection: 'b', topic: 'in', algorithm: 'acme/enrich', access: 'subscribe' },
    ],
    'ada',
  );
}, 60_000);
afterAll(async () => {
  await bed?.close();
  await clusterB?.close();
  await clusterC?.close();
});

async function deploy(name: string, graph: FlowGraph): Promise<string> {
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name, description: '', graph, actor: 'max' });
  expect((await bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member)).body.result?.data).toMatchObject({ status: 'deployed' });
  return flow.id;
}

async function undeploy(flowId: string): Promise<void> {
  expect((await bed.call('mutation', 'flows.undeploy', { id: flowId }, tokens.member)).body.result?.data).toMatchObject({ status: 'deployed' });
}

describe('deleting a connection', () => {
  it('is refused while an enabled subscription dead-letters to it, and allowed once it is undeployed', async () => {
    const flowId = await deploy('DLQ on b', dlqOn('b'));
    expect(await aclsOf(clusterB.admin, classify)).toEqual(['TOPIC:dead:WRITE']);
    const refused = await bed.call('mutation', 'admin.connections.delete', { id: 'b' }, tokens.admin);
    expect(refused.status).toBe(412);
    expect(refused.body.error?.message).toMatch(/^The subscribe binding of acme\/classify on "local\/orders" \(flow "[^"]+"\) uses "b"/);
    expect(await getConnectionConfig(bed.services.db, bed.services.secrets, 'b')).toBeDefined();

    await undeploy(flowId);
    expect(await aclsOf(clusterB.admin, classify)).toEqual([]);
    expect((await bed.call('mutation', 'admin.connections.delete', { id: 'b' }, tokens.admin)).status).toBe(200);
  }, 60_000);
});

describe('changing a connection', () => {
  const toB = { id: 'moving', name: 'Moving', auth, tls: { enabled: false } };
  let flowId: string;

  it('keeps its bootstrap servers while a binding uses it', async () => {
    expect((await bed.call('mutation', 'admin.connections.create', { ...toB, bootstrap: [clusterB.broker.address] }, tokens.admin)).status).toBe(200);
    await addGrants(bed.services.db, [{ connection: 'moving', topic: 'in', algorithm: 'acme/enrich', access: 'subscribe' }], 'ada');
    flowId = await deploy('Reads on moving', readingOn('moving'));
    expect(await aclsOf(clusterB.admin, enrich)).toContain('TOPIC:in:READ');

    const moved = await bed.call('mutation', 'admin.connections.update', { ...toB, bootstrap: [clusterC.broker.address] }, tokens.admin);
    expect(moved.status).toBe(412);
    expect(moved.body.error?.message).toContain('its bootstrap servers cannot change while flows are deployed on it');
    expect((await getConnectionConfig(bed.services.db, bed.services.secrets, 'moving'))?.bootstrap).toEqual([clusterB.broker.address]);
  }, 60_000);

  it('also when only a DLQ is on it', async () => {
    const dlqFlow = await deploy('DLQ on c', dlqOn('c'));
    const moved = await bed.call('mutation', 'admin.connections.update', { id: 'c', name: 'c', auth, tls: { enabled: false }, bootstrap: [clusterB.broker.address] }, tokens.admin);
    expect(moved.status).toBe(412);
    await undeploy(dlqFlow);
  }, 60_000);

  it('may change its name and credentials while in use', async () => {
    const renamed = await bed.call('mutation', 'admin.connections.update', { ...toB, name: 'Renamed', bootstrap: [clusterB.broker.address], auth: { ...auth, password: 'admin-secret' } }, tokens.admin);
    expect(renamed.status).toBe(200);
    expect(renamed.body.result?.data).toMatchObject({ name: 'Renamed' });
  });

  it('may be pointed elsewhere once undeployed, and the old cluster keeps no ACLs', async () => {
    await undeploy(flowId);
    expect(await aclsOf(clusterB.admin, enrich)).toEqual([]);
    const moved = await bed.call('mutation', 'admin.connections.update', { ...toB, bootstrap: [clusterC.broker.address] }, tokens.admin);
    expect(moved.status).toBe(200);
    expect(moved.body.result?.data).toMatchObject({ bootstrap: [clusterC.broker.address] });
  }, 60_000);
});
