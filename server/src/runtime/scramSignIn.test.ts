/**
 * SCRAM over TCP with the product's own clients: a connection of `scram-sha-256` or `scram-sha-512` on
 * the embedded broker signs the server in (test, plan, deploy), each algorithm principal signs in with
 * the connection's mechanism (the deployed flow runs on SCRAM), and a wrong password is refused with a
 * sentence naming the mechanism.
 */
import { pipelineGraph } from '@event-flows/model';
import { kafkaClient } from '@event-flows/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../store/flows.ts';
import { aclsOf } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';
import { eventually } from '../testing/eventually.ts';
import { runtimeOptions } from './runtimeHost.ts';

describe.each(['scram-sha-256', 'scram-sha-512'] as const)('a %s connection', (mechanism) => {
  let bed: HttpBed;
  beforeAll(async () => {
    bed = await startHttpBed({ mechanism, runtime: true });
  }, 60_000);
  afterAll(async () => bed?.close());

  it('signs the server in: the connection test, a plan and a deploy', async () => {
    const tested = await bed.call('mutation', 'admin.connections.test', { id: 'local' }, tokens.admin);
    expect(tested.body.result?.data).toMatchObject({ ok: true, brokers: 1 });
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
    expect((await bed.call('query', 'flows.plan', { id: flow.id }, tokens.member)).status).toBe(200);
    const deployed = await bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member);
    expect(deployed.body.result?.data).toMatchObject({ status: 'deployed' });
    expect(await aclsOf(bed.admin, 'User:eventflows.acme.alert')).toEqual(['GROUP:eventflows.acme.alert.orders.enriched:READ', 'TOPIC:alerts:WRITE', 'TOPIC:orders.enriched:READ']);
  });

  it("signs an algorithm principal in with the connection's mechanism, and its ACLs hold", async () => {
    const principal = 'User:eventflows.acme.classify';
    const credentials = await runtimeOptions(bed.services, bed.secretKey, { managed: new Set(['local']) }).credentials(principal, 'local');
    expect(credentials?.mechanism).toBe(mechanism);
    const producer = kafkaClient({ brokers: [bed.broker.address] }, credentials, 'scram-test').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic: 'orders.classified', messages: [{ key: 'o-0', value: JSON.stringify({ id: 'o-0', amount: 1 }) }] });
      await expect(producer.send({ topic: 'alerts', messages: [{ value: 'not classify’s to write' }] })).rejects.toThrow(/authoriz/i);
    } finally {
      await producer.disconnect();
    }
  });

  it('runs the deployed flow, every algorithm signed in with SCRAM', async () => {
    const orders = kafkaClient({ brokers: [bed.broker.address] }, { mechanism, username: 'admin', password: 'admin-secret' }, 'scram-orders').producer();
    await orders.connect();
    await orders.send({ topic: 'orders', messages: [{ key: 'o-1', value: JSON.stringify({ id: 'o-1', amount: 5_000 }) }] });
    await orders.disconnect();
    const statuses = await eventually(
      async () => (await bed.call('query', 'runtime.status', { orgId: 'acme' }, tokens.member)).body.result?.data as Array<{ algorithm: string; consumed: number; published: number }>,
      (list) => list.find((s) => s.algorithm === 'acme/alert')?.published === 1,
    );
    expect(statuses.find((s) => s.algorithm === 'acme/alert')).toMatchObject({ published: 1 });
  });

  it('refuses a wrong password with a sentence naming the mechanism', async () => {
    const wrong = { mechanism, username: 'admin', password: 'not-the-password' };
    const updated = await bed.call('mutation', 'admin.connections.update', { id: 'local', name: 'Local Kafka', bootstrap: [bed.broker.address], auth: wrong, tls: { enabled: false } }, tokens.admin);
    expect(updated.status).toBe(200);
    const tested = await bed.call('mutation', 'admin.connections.test', { id: 'local' }, tokens.admin);
    const bits = mechanism === 'scram-sha-256' ? '256' : '512';
    expect(tested.body.result?.data).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`^SASL SCRAM SHA${bits} authentication failed: Authentication failed`)) });
  });
});
