/**
 * The DLQ tools over the API. Peeks and replays go through the Kafka clients the server keeps per connection (one DLQ reader,
 * one producer): many at once all answer as one alone does, and the broker sees no new sign-ins for
 * them (each peek and replay made its own admin, consumer and producer, and signed in for each).
 * A record may be replayed with a value a person edited, within the model's limit, by whoever may replay.
 */
import { apiLimits, limits, pipelineGraph } from '@event-flows/model';
import { headerNames, replayDlq, replayPageRecords } from '@event-flows/runtime';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { listBindings } from '../store/deployState.ts';
import { createFlow } from '../store/flows.ts';
import { addRedriveGrant } from '../store/redriveGrants.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';
import { eventually } from '../testing/eventually.ts';
import { connectionsTo } from '../testing/openConnections.ts';

let bed: HttpBed;
let flowId: string;
let kafka: kafkajs.Kafka;
const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };

beforeAll(async () => {
  bed = await startHttpBed();
  // The member replays: a cluster admin gave them the redrive permission.
  await addRedriveGrant(bed.services.db, { orgId: 'acme', userId: 'max' }, 'ada');
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
  flowId = flow.id;
  expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
  // Dead letters as the runtime writes them for classify ← orders.
  kafka = new kafkajs.Kafka({ clientId: 'dlq-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: 'orders.dlq',
    messages: Array.from({ length: 5 }, (_, i) => ({
      key: `o-${i}`,
      value: `not json ${i}`,
      headers: {
        [headerNames.algorithm]: 'acme/classify',
        [headerNames.flow]: flowId,
        [headerNames.sourceTopic]: 'orders',
        [headerNames.errorClass]: 'permanent',
        [headerNames.errorStage]: 'decode',
      },
    })),
  });
  await producer.disconnect();
}, 60_000);
afterAll(async () => bed?.close());

/** How many times clients have signed in to the broker (each new kafkajs connection does once). */
const signIns = () => bed.broker.requestCounts().SaslAuthenticate ?? 0;
/** Rounds of as many calls at once as a member and an admin may make. */
const rounds = 5;
const perRound = [tokens.member, tokens.admin].flatMap((token) => Array.from({ length: apiLimits.expensiveCallsPerUser }, () => token));

type Peeked = { records: Array<{ partition: number; offset: string; key: string; replayOf: { partition: number; offset: string } | null }>; complete: boolean };
const peek = async (token: string) => {
  const answer = await bed.call('query', 'runtime.dlq.peek', { ...subscription, limit: 10 }, token);
  expect(answer.status).toBe(200);
  return answer.body.result?.data as Peeked;
};
const ordersRecords = async () => (await bed.admin.fetchTopicOffsets('orders')).reduce((n, p) => n + Number(p.high), 0);

describe('DLQ peeks and replays', () => {
  it('answer many peeks at once as one alone, through the reader the server keeps', async () => {
    const alone = await peek(tokens.member);
    expect(alone.records.map((r) => r.key)).toEqual(['o-0', 'o-1', 'o-2', 'o-3', 'o-4']);
    expect(alone.complete).toBe(true);
    const before = signIns();
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(perRound.map((token) => peek(token)));
      expect(answers).toEqual(perRound.map(() => alone));
    }
    // The reader's admin and consumer are connected already (kafkajs may reconnect one of them).
    expect(signIns() - before).toBeLessThanOrEqual(2);
  }, 60_000);

  it('replay many records at once, each exactly once, through the producer the server keeps', async () => {
    const { records } = await peek(tokens.member);
    const replay = (token: string, record: { partition: number; offset: string }) =>
      bed.call('mutation', 'runtime.dlq.replay', { ...subscription, select: [{ partition: record.partition, offset: record.offset }] }, token);
    const first = await replay(tokens.member, records[0] as Peeked['records'][number]);
    expect(first.body.result?.data).toEqual({ replayed: 1, topic: 'orders', skipped: [] });
    const before = { signIns: signIns(), records: await ordersRecords() };
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(perRound.map((token, i) => replay(token, records[i % records.length] as Peeked['records'][number])));
      expect(answers.map((a) => a.body.result?.data)).toEqual(perRound.map(() => ({ replayed: 1, topic: 'orders', skipped: [] })));
    }
    expect(await ordersRecords()).toBe(before.records + rounds * perRound.length);
    expect(signIns() - before.signIns).toBeLessThanOrEqual(2);
  }, 60_000);

  it("closes the reader's clients when the DLQ's connection changes, and peeks through new ones", async () => {
    const before = await peek(tokens.member);
    const open = connectionsToBroker();
    // A reader that closes deletes its consumer's group, which nothing else of the server does.
    const deletedGroups = () => bed.broker.requestCounts().DeleteGroups ?? 0;
    const deletedBefore = deletedGroups();
    const update = await bed.call(
      'mutation',
      'admin.connections.update',
      { id: 'local', name: 'Local Kafka, renamed', bootstrap: [bed.broker.address], auth: { mechanism: 'plain', username: 'admin', password: 'admin-secret' }, tls: { enabled: false } },
      tokens.admin,
    );
    expect(update.status).toBe(200);
    expect(await eventually(() => connectionsToBroker() < open && deletedGroups() > deletedBefore, (held) => held, 10_000)).toBe(true);
    const signedIn = signIns();
    expect(await peek(tokens.member)).toEqual(before);
    expect(signIns()).toBeGreaterThan(signedIn);
  }, 60_000);
});

describe('an edited replay', () => {
  const replayEdited = (token: string, record: { partition: number; offset: string }, value: { text: string; base64?: boolean }) =>
    bed.call('mutation', 'runtime.dlq.replayEdited', { ...subscription, record: { partition: record.partition, offset: record.offset }, value }, token);

  it('puts the record back on its topic with the edited value, its key and headers kept, and is audited', async () => {
    const [record] = (await peek(tokens.member)).records;
    if (!record) throw new Error('no dead letter');
    const edited = JSON.stringify({ id: record.key, amount: 12 });
    const answer = await replayEdited(tokens.member, record, { text: edited });
    expect(answer.body.result?.data).toEqual({ replayed: 1, topic: 'orders', skipped: [] });
    const written = (await readTopic('orders')).filter((r) => r.value === edited);
    expect(written).toEqual([{ key: record.key, value: edited, replayFrom: `orders.dlq/${record.partition}/${record.offset}`, errorClass: undefined }]);

    const bytes = Buffer.from([0, 1, 2, 255]);
    expect((await replayEdited(tokens.member, record, { text: bytes.toString('base64'), base64: true })).status).toBe(200);
    const binary = await readTopicRaw('orders');
    expect(binary.some((value) => value?.equals(bytes))).toBe(true);

    const rows = await bed.services.db.query<{ detail: { edited?: boolean } }>("select detail from audit_log where action = 'dlq.replay' and actor = 'max'");
    expect(rows.filter((r) => r.detail.edited === true)).toHaveLength(2);
  }, 60_000);

  it('is refused with a sentence to a viewer, another org, a value over the limit and bad Base64', async () => {
    const [record] = (await peek(tokens.member)).records;
    if (!record) throw new Error('no dead letter');
    const before = await ordersRecords();
    expect((await replayEdited(tokens.viewer, record, { text: '{}' })).status).toBe(403);
    expect((await replayEdited(tokens.otherMember, record, { text: '{}' })).status).toBe(404);
    const tooLong = await replayEdited(tokens.member, record, { text: 'x'.repeat(limits.messageChars + 1) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error?.message).toBe('The request is not valid: value.text: An edited value may have at most 1,000,000 characters.');
    const badBase64 = await replayEdited(tokens.member, record, { text: 'not base64!', base64: true });
    expect(badBase64.status).toBe(400);
    expect(badBase64.body.error?.message).toContain('is marked as Base64 but is not valid Base64');
    expect(await ordersRecords()).toBe(before);
  }, 60_000);

  it('shows which dead letter a failed replay came from', async () => {
    const [first] = (await peek(tokens.member)).records;
    if (!first) throw new Error('no dead letter');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'orders.dlq',
      messages: [
        {
          key: first.key,
          value: 'still not json',
          headers: {
            [headerNames.algorithm]: 'acme/classify',
            [headerNames.flow]: flowId,
            [headerNames.sourceTopic]: 'orders',
            'eventflows.replay.from': `orders.dlq/${first.partition}/${first.offset}`,
          },
        },
      ],
    });
    await producer.disconnect();
    const { records } = await peek(tokens.member);
    expect(records.at(-1)?.replayOf).toEqual({ partition: first.partition, offset: first.offset });
    expect(records.filter((r) => r.replayOf !== null)).toHaveLength(1);
  }, 60_000);
});

describe('a replay of all, followed and stopped', () => {
  it('tells its progress after each produce request, and stops there when asked', async () => {
    // Enough dead letters of classify ← orders for several produce requests.
    const producer = kafka.producer();
    await producer.connect();
    const headers = { [headerNames.algorithm]: 'acme/classify', [headerNames.flow]: flowId, [headerNames.sourceTopic]: 'orders', [headerNames.errorClass]: 'permanent' };
    await producer.send({ topic: 'orders.dlq', messages: Array.from({ length: 2.5 * replayPageRecords }, (_, i) => ({ key: `many-${i}`, value: `not json ${i}`, headers })) });
    await producer.disconnect();
    const config = await getConnectionConfig(bed.services.db, bed.services.secrets, 'local');
    if (!config) throw new Error('no connection local');
    const owner = (await listBindings(bed.services.db, { algorithm: 'acme/classify' })).find((b) => b.direction === 'subscribe' && b.topic === 'orders');
    if (owner?.direction !== 'subscribe') throw new Error('no subscription of classify to orders');
    const options = { dlqTopic: 'orders.dlq', owner, producer: await bed.services.kafka.producer(config), select: 'all' as const };
    const reader = await bed.services.kafka.dlqReader(config);

    const before = await ordersRecords();
    const stop = new AbortController();
    const told: number[] = [];
    const stopped = await replayDlq(reader, { ...options, signal: stop.signal, onProgress: (n) => (told.push(n), stop.abort()) });
    expect(told).toEqual([replayPageRecords]);
    expect(stopped).toMatchObject({ replayed: replayPageRecords, stopped: true });
    expect(await ordersRecords()).toBe(before + replayPageRecords);

    const progress: number[] = [];
    const whole = await replayDlq(reader, { ...options, onProgress: (n) => progress.push(n) });
    expect(whole.stopped).toBeUndefined();
    expect(whole.replayed).toBeGreaterThan(2 * replayPageRecords);
    expect(progress.at(-1)).toBe(whole.replayed);
    expect(progress.every((n, i) => n - (progress[i - 1] ?? 0) > 0 && n - (progress[i - 1] ?? 0) <= replayPageRecords)).toBe(true);
  }, 60_000);

  it("answers only its caller about a run: none when it has ended or is another's", async () => {
    const progress = await bed.call('query', 'runtime.dlq.replayProgress', { run: 'no-such-run-1' }, tokens.member);
    expect(progress.body.result?.data).toBeNull();
    const stop = await bed.call('mutation', 'runtime.dlq.stopReplay', { run: 'no-such-run-1' }, tokens.member);
    expect(stop.body.result?.data).toBe(false);
    // A named replay that has ended is gone.
    const done = await bed.call('mutation', 'runtime.dlq.replay', { ...subscription, select: [{ partition: 0, offset: '0' }], run: 'ended-run-1' }, tokens.member);
    expect(done.status).toBe(200);
    expect((await bed.call('query', 'runtime.dlq.replayProgress', { run: 'ended-run-1' }, tokens.member)).body.result?.data).toBeNull();
    expect((await bed.call('query', 'runtime.dlq.replayProgress', { run: 'bad name!' }, tokens.member)).status).toBe(400);
  }, 60_000);
});

/** The records of `topic` as text: key, value, and the replay and error headers. */
async function readTopic(topic: string) {
  const out: Array<{ key: string | undefined; value: string | undefined; replayFrom: string | undefined; errorClass: string | undefined }> = [];
  await consume(topic, (message) =>
    out.push({
      key: message.key?.toString(),
      value: message.value?.toString(),
      replayFrom: message.headers?.['eventflows.replay.from']?.toString(),
      errorClass: message.headers?.[headerNames.errorClass]?.toString(),
    }),
  );
  return out;
}

/** The values of `topic`'s records as bytes. */
async function readTopicRaw(topic: string): Promise<Array<Buffer | null>> {
  const out: Array<Buffer | null> = [];
  await consume(topic, (message) => out.push(message.value));
  return out;
}

/** Reads every record of `topic` as it is now, with a throw-away consumer. */
async function consume(topic: string, each: (message: kafkajs.KafkaMessage) => void): Promise<void> {
  const total = await ordersRecords();
  const consumer = kafka.consumer({ groupId: `dlq-test-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        each(message);
        if (++seen >= total) resolve();
      },
    });
  });
  await consumer.disconnect();
}

/** Established TCP connections of this process's clients to the broker. */
const connectionsToBroker = () => connectionsTo(bed.broker.port);
