/**
 * admin.connections against what is deployed: a connection an enabled binding uses — for its topic, its
 * DLQ or an output — can be neither deleted nor pointed at another cluster, which would leave its ACLs
 * behind where nothing removes them.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
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
    expect(refused.body.error?.message).toMatch(/^The subscribe binding of acme\/classify on "orders" of Local Kafka \(flow "DLQ on b"\) uses "b"/);
    expect(await getConnectionConfig(bed.services.db, bed.services.secrets, 'b')).toBeDefined();

    await undeploy(flowId);
    expect(await aclsOf(clusterB.admin, classify)).toEqual([]);
    // Its grants would go with it, unseen: they are revoked first, each on purpose.
    const granted = await bed.call('mutation', 'admin.connections.delete', { id: 'b' }, tokens.admin);
    expect(granted.status).toBe(412);
    expect(granted.body.error?.message).toBe(
      'Grants on "b" would be deleted with it: 2 grants (acme/classify publish dead, acme/enrich subscribe in). Revoke them first.',
    );
    for (const grant of [
      { connection: 'b', topic: 'dead', algorithm: 'acme/classify', access: 'publish' },
      { connection: 'b', topic: 'in', algorithm: 'acme/enrich', access: 'subscribe' },
    ]) {
      expect((await bed.call('mutation', 'admin.grants.remove', grant, tokens.admin)).body.result?.data).toEqual({ removed: true });
    }
    expect((await bed.call('mutation', 'admin.connections.delete', { id: 'b' }, tokens.admin)).status).toBe(200);
  }, 60_000);

  it('is for cluster admins only', async () => {
    expect((await bed.call('mutation', 'admin.connections.delete', { id: 'c' }, tokens.member)).status).toBe(403);
  });
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

/** A TCP listener that forwards to a real broker and keeps every byte a client sends it. */
async function recordingProxy(target: string): Promise<{ address: string; received: () => string; close: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const [host, port] = target.split(':') as [string, string];
  const server = createServer((client) => {
    const upstream = connect(Number(port), host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("a connection's stored password", () => {
  const stored = { id: 'guarded', name: 'Guarded', auth, tls: { enabled: false } };
  const withoutPassword = { mechanism: 'plain', username: 'admin' } as const;
  const update = (change: object) => bed.call('mutation', 'admin.connections.update', { ...stored, bootstrap: [clusterC.broker.address], auth: withoutPassword, ...change }, tokens.admin);

  it('is not sent to new bootstrap servers: moving a connection needs the password again', async () => {
    expect((await bed.call('mutation', 'admin.connections.create', { ...stored, bootstrap: [clusterC.broker.address] }, tokens.admin)).status).toBe(200);
    const listener = await recordingProxy(clusterC.broker.address);
    try {
      const moved = await update({ bootstrap: [listener.address] });
      const tested = await bed.call('mutation', 'admin.connections.test', { id: 'guarded' }, tokens.admin);
      expect(tested.status).toBe(200);
      expect(listener.received()).not.toContain(auth.password);
      expect(moved.status).toBe(400);
      expect(moved.body.error?.message).toBe("Enter the connection's password again to change its bootstrap servers, mechanism or TLS settings: the stored one is sent only where it was entered.");
      expect((await getConnectionConfig(bed.services.db, bed.services.secrets, 'guarded'))?.bootstrap).toEqual([clusterC.broker.address]);

      // With the password entered again, the move is the admin's choice.
      expect((await update({ bootstrap: [listener.address], auth })).status).toBe(200);
    } finally {
      await listener.close();
    }
  }, 60_000);

  it('is needed again to change the mechanism or TLS, and not to rename', async () => {
    expect((await update({ auth: { ...withoutPassword, mechanism: 'scram-sha-256' } })).status).toBe(400);
    expect((await update({ tls: { enabled: true } })).status).toBe(400);
    expect((await update({ tls: { enabled: false, caCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } })).status).toBe(400);
    const renamed = await update({ name: 'Renamed', bootstrap: (await getConnectionConfig(bed.services.db, bed.services.secrets, 'guarded'))?.bootstrap });
    expect(renamed.status).toBe(200);
    expect((await getConnectionConfig(bed.services.db, bed.services.secrets, 'guarded'))?.auth).toEqual(auth);
  });
});

describe("a connection's CA certificate", () => {
  const ca = '-----BEGIN CERTIFICATE-----\nMIIBstored\n-----END CERTIFICATE-----';
  const stored = { id: 'with-ca', name: 'With CA', bootstrap: ['127.0.0.1:1'], auth, tls: { enabled: true, caCertificate: ca } };
  const withoutSecrets = { ...stored, auth: { mechanism: 'plain', username: 'admin' }, tls: { enabled: true } };

  it('is kept when an update leaves it out, as the password is: member limits change without either', async () => {
    expect((await bed.call('mutation', 'admin.connections.create', stored, tokens.admin)).status).toBe(200);
    const limited = await bed.call('mutation', 'admin.connections.update', { ...withoutSecrets, memberTopicLimits: { partitions: 4, config: {} } }, tokens.admin);
    expect(limited.body.error?.message).toBeUndefined();
    expect(limited.body.result?.data).toMatchObject({ tls: { enabled: true, hasCaCertificate: true }, memberTopicLimits: { partitions: 4 } });
    expect((await getConnectionConfig(bed.services.db, bed.services.secrets, 'with-ca'))?.tls).toEqual({ enabled: true, caCertificate: ca });
  });

  it('is removed by an empty one, which needs the password again', async () => {
    const removed = await bed.call('mutation', 'admin.connections.update', { ...withoutSecrets, tls: { enabled: true, caCertificate: '' } }, tokens.admin);
    expect(removed.status).toBe(400);
    const again = await bed.call('mutation', 'admin.connections.update', { ...withoutSecrets, auth, tls: { enabled: true, caCertificate: '' } }, tokens.admin);
    expect(again.body.result?.data).toMatchObject({ tls: { enabled: true, hasCaCertificate: false } });
  });
});
