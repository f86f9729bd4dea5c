/**
 * The whole server path with the real runtime in process: deploy the demo pipeline, send orders, see
 * results on the output topic and statuses on the stream, dead-letter a malformed order, peek at it
 * and replay it through the API — every algorithm signed in as its own principal on a broker with ACLs.
 */
import { pipelineGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { addGrants, removeGrant } from '../store/access.ts';
import { addRedriveGrant } from '../store/redriveGrants.ts';
import { createFlow } from '../store/flows.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';
import { eventually } from '../testing/eventually.ts';

const { logLevel } = kafkajs;

describe('a deployed flow runs', () => {
  let bed: HttpBed;
  let kafka: kafkajs.Kafka;
  beforeAll(async () => {
    bed = await startHttpBed({ runtime: true });
    await addRedriveGrant(bed.services.db, { orgId: 'acme', userId: 'max' }, 'ada');
    kafka = new kafkajs.Kafka({ clientId: 'flow-test', brokers: [bed.broker.address], logLevel: logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
    const result = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
    expect(result.status).toBe('deployed');
  }, 60_000);
  afterAll(async () => bed?.close());

  it('carries orders through classify → enrich → alert, and dead-letters a malformed one', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'orders',
      messages: [
        { key: 'o-1', value: JSON.stringify({ id: 'o-1', amount: 5_000 }) },
        { key: 'o-2', value: JSON.stringify({ id: 'o-2', amount: 10 }) },
        { key: 'o-bad', value: 'not json at all' },
      ],
    });
    await producer.disconnect();

    const statuses = await eventually(
      async () => (await bed.call('query', 'runtime.status', { orgId: 'acme' }, tokens.member)).body.result?.data as Array<{ algorithm: string; consumed: number; deadLettered: number; published: number }>,
      (list) => list.find((s) => s.algorithm === 'acme/alert')?.consumed === 2 && list.find((s) => s.algorithm === 'acme/classify')?.deadLettered === 1,
    );
    const byAlgorithm = Object.fromEntries(statuses.map((s) => [s.algorithm, s]));
    expect(byAlgorithm['acme/classify']).toMatchObject({ consumed: 3, published: 2, deadLettered: 1 });
    expect(byAlgorithm['acme/enrich']).toMatchObject({ consumed: 2, published: 2 });
    // alert publishes only for the large order.
    expect(byAlgorithm['acme/alert']).toMatchObject({ consumed: 2, published: 1 });
    // A viewer of another org sees nothing of Acme's.
    expect((await bed.call('query', 'runtime.status', { orgId: 'acme' }, tokens.otherMember)).status).toBe(404);
  });

  it('shows the DLQ record with its error, and replays it to the source topic', async () => {
    const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
    const peek = await bed.call('query', 'runtime.dlq.peek', { ...subscription, limit: 10 }, tokens.viewer);
    expect(peek.status).toBe(200);
    const { records } = peek.body.result?.data as { records: Array<{ partition: number; offset: string; key: string; value: string; error: { class?: string; stage?: string }; source: { topic?: string } }> };
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ key: 'o-bad', value: 'not json at all', source: { topic: 'orders' } });
    expect(records[0]?.error.class).toBe('permanent');

    expect((await bed.call('mutation', 'runtime.dlq.replay', { ...subscription, select: 'all' }, tokens.viewer)).status).toBe(403);
    const replay = await bed.call('mutation', 'runtime.dlq.replay', { ...subscription, select: [{ partition: records[0]?.partition, offset: records[0]?.offset }] }, tokens.member);
    expect(replay.status).toBe(200);
    expect(replay.body.result?.data).toEqual({ replayed: 1, topic: 'orders', skipped: [] });
    // The replayed record fails again (it is still malformed) and lands in the DLQ a second time.
    const again = await eventually(
      async () => ((await bed.call('query', 'runtime.dlq.peek', { ...subscription, limit: 10 }, tokens.member)).body.result?.data as { records: unknown[] }).records,
      (list) => list.length === 2,
    );
    expect(again).toHaveLength(2);
    // The failed replay is linked to the dead letter it came from, as its second attempt: one dead letter, not two look-alikes.
    const linked = (again as Array<{ key: string; attempt: number; origin: string }>).map((r) => [r.key, r.attempt, r.origin]);
    const origin = `orders.dlq/${records[0]?.partition}/${records[0]?.offset}`;
    expect(linked).toEqual([
      ['o-bad', 1, origin],
      ['o-bad', 2, origin],
    ]);
    const groups = await bed.call('query', 'runtime.dlq.groups', { of: subscription }, tokens.viewer);
    expect((groups.body.result?.data as { groups: unknown[] }).groups).toEqual([
      expect.objectContaining({ errorClass: 'permanent', records: 2, deadLetters: 1, failedReplays: 1 }),
    ]);
    const auditRows = await bed.services.db.query<{ action: string; actor: string }>("select action, actor from audit_log where action = 'dlq.replay'");
    expect(auditRows).toEqual([{ action: 'dlq.replay', actor: 'max' }]);
  });

  it("shows and replays only classify's records of the shared DLQ, never writing where a record's headers point", async () => {
    const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
    type Peeked = { records: Array<{ key: string; algorithm: string | null; source: { topic?: string } }> };
    const peek = async () => (await bed.call('query', 'runtime.dlq.peek', { ...subscription, limit: 50 }, tokens.viewer)).body.result?.data as Peeked;
    const classifyRecords = (await peek()).records.length;
    // enrich shares orders.dlq: an order it cannot take (not classified) is dead-lettered there by enrich.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders.classified', messages: [{ key: 'o-unclassified', value: JSON.stringify({ id: 'o-unclassified' }) }] });
    // Anyone who may write to the DLQ can put a record there that names another source topic.
    await bed.admin.createTopics({ topics: [{ topic: 'private.payroll', numPartitions: 1 }], waitForLeaders: true });
    await producer.send({
      topic: 'orders.dlq',
      messages: [{ key: 'injected', value: 'injected', headers: { 'eventflows.source.topic': 'private.payroll', 'eventflows.algorithm': 'acme/classify' } }],
    });
    await producer.disconnect();
    const dlqRecords = async () => (await bed.admin.fetchTopicOffsets('orders.dlq')).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    await eventually(dlqRecords, (n) => n === classifyRecords + 2);
    expect(await dlqRecords()).toBe(classifyRecords + 2);

    const shown = (await peek()).records;
    expect(shown).toHaveLength(classifyRecords);
    expect(shown.every((r) => r.algorithm === 'acme/classify' && r.source.topic === 'orders')).toBe(true);

    const ordersBefore = await bed.admin.fetchTopicOffsets('orders');
    const replay = await bed.call('mutation', 'runtime.dlq.replay', { ...subscription, select: 'all' }, tokens.member);
    expect(replay.status).toBe(200);
    const result = replay.body.result?.data as { replayed: number; topic: string; skipped: Array<{ reason: string; count: number }> };
    // Of classify's two records, one is the failed replay of the other, which is sent in its stead.
    expect(classifyRecords).toBe(2);
    expect(result.replayed).toBe(1);
    expect(result.topic).toBe('orders');
    expect(result.skipped.map((s) => `${s.reason}: ${s.count}`).sort()).toEqual([
      'a failed replay of a dead letter still in the DLQ, which was replayed instead: 1',
      'dead-lettered by another algorithm: 1',
      'dead-lettered by another flow: 1',
    ]);
    expect((await bed.admin.fetchTopicOffsets('private.payroll'))[0]?.high).toBe('0');
    const ordersAfter = await bed.admin.fetchTopicOffsets('orders');
    const written = ordersAfter.reduce((n, p) => n + Number(p.high), 0) - ordersBefore.reduce((n, p) => n + Number(p.high), 0);
    expect(written).toBe(result.replayed);
  });

  it('sends a test message from the API and sees it counted', async () => {
    type Status = { algorithm: string; consumed: number; published: number };
    const classify = async () =>
      ((await bed.call('query', 'runtime.status', { orgId: 'acme' }, tokens.member)).body.result?.data as Status[]).find((s) => s.algorithm === 'acme/classify');
    const before = (await eventually(classify, (s) => s !== undefined)) as Status;
    const sent = await bed.call('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', key: 'o-test', value: '{"id":"o-test","amount":42}' }, tokens.member);
    expect(sent.status).toBe(200);
    const after = await eventually(classify, (s) => (s?.published ?? 0) > before.published);
    expect(after?.published).toBe(before.published + 1);
    // Only the org's topics: another org's member cannot send there.
    const refused = await bed.call('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', value: '{}' }, tokens.otherMember);
    expect(refused.status).toBe(404);
  });

  it("refuses a member a test message to a topic another org's algorithms may use too, or that the org is not granted; a cluster admin may send", async () => {
    const send = (orgId: string, topic: string, token: string) =>
      bed.call('mutation', 'runtime.sendTestMessage', { orgId, connection: 'local', topic, value: '{"id":"o-probe","amount":1}' }, token);
    const records = async (topic: string) => (await bed.admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    // Globex is granted to read Acme's input topic: a subscribe grant, no write for anyone of Globex.
    const globexGrant = { connection: 'local', topic: 'orders', algorithm: 'globex/score', access: 'subscribe' as const };
    await addGrants(bed.services.db, [globexGrant], 'ada');
    try {
      const before = await records('orders');
      const member = await send('acme', 'orders', tokens.member);
      expect(member.status).toBe(403);
      expect(member.body.error?.data.code).toBe('FORBIDDEN');
      expect(member.body.error?.message).toMatch(/another org/);
      const otherMember = await send('globex', 'orders', tokens.otherMember);
      expect(otherMember.status).toBe(403);
      expect(otherMember.body.error?.message).toMatch(/another org/);
      expect(await records('orders')).toBe(before);
      expect((await send('acme', 'orders', tokens.admin)).status).toBe(200);
      expect(await records('orders')).toBe(before + 1);
    } finally {
      await removeGrant(bed.services.db, globexGrant);
    }

    // A topic no algorithm of the org is granted: only a cluster admin.
    await bed.admin.createTopics({ topics: [{ topic: 'ops.only', numPartitions: 1 }], waitForLeaders: true });
    const ungranted = await send('acme', 'ops.only', tokens.member);
    expect(ungranted.status).toBe(403);
    expect(ungranted.body.error?.message).toMatch(/granted/);
    expect((await send('acme', 'ops.only', tokens.admin)).status).toBe(200);
    expect(await records('ops.only')).toBe(1);
  });

  it('streams statuses over SSE to a signed-in reader', async () => {
    const input = encodeURIComponent(JSON.stringify({ orgId: 'acme' }));
    const controller = new AbortController();
    const response = await fetch(`${bed.url}/trpc/runtime.statusStream?input=${input}`, { headers: { authorization: `Bearer ${tokens.member}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = '';
    while (!received.includes('acme/classify')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toMatch(/"algorithm":"acme\/classify"/);
  });

  it("serves the runtime's Prometheus metrics at /metrics to a cluster admin only", async () => {
    const scrape = (token?: string) => fetch(`${bed.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await scrape()).status).toBe(401);
    expect((await scrape(tokens.member)).status).toBe(403);
    const consumed = await eventually(
      async () => {
        const response = await scrape(tokens.admin);
        expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        return parsePrometheusTextFormat(await response.text());
      },
      (families) => families.some((f) => f.name === 'eventflows_binding_consumed_total' && f.metrics.some((m) => m.labels?.algorithm === 'acme/classify')),
    );
    const series = (name: string) => consumed.find((f) => f.name === name)?.metrics.find((m) => m.labels?.algorithm === 'acme/classify' && m.labels.topic === 'orders');
    const classify = (await bed.call('query', 'runtime.status', { orgId: 'acme' }, tokens.admin)).body.result?.data as Array<{ algorithm: string; consumed: number }>;
    expect(series('eventflows_binding_consumed_total')).toMatchObject({ value: String(classify.find((s) => s.algorithm === 'acme/classify')?.consumed) });
    expect(series('eventflows_binding_lag_seconds')).toMatchObject({ labels: { connection: 'local' } });
    expect(consumed.find((f) => f.name === 'eventflows_binding_processing_seconds')?.type).toBe('HISTOGRAM');
  });
});
