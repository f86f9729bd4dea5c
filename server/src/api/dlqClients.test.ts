/**
 * DLQ peeks and replays go through the Kafka clients the server keeps per connection (one DLQ reader,
 * one producer): many at once all answer as one alone does, and the broker sees no new sign-ins for
 * them (each peek and replay made its own admin, consumer and producer, and signed in for each).
 */
import { readFileSync } from 'node:fs';
import { apiLimits, pipelineGraph } from '@event-flows/model';
import { headerNames } from '@event-flows/runtime';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { createFlow } from '../store/flows.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
let flowId: string;
const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };

beforeAll(async () => {
  bed = await startHttpBed();
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
  flowId = flow.id;
  expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
  // Dead letters as the runtime writes them for classify ← orders.
  const kafka = new kafkajs.Kafka({ clientId: 'dlq-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
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

type Peeked = { records: Array<{ partition: number; offset: string; key: string }>; complete: boolean };
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
    await eventually(() => connectionsToBroker() < open && deletedGroups() > deletedBefore);
    const signedIn = signIns();
    expect(await peek(tokens.member)).toEqual(before);
    expect(signIns()).toBeGreaterThan(signedIn);
  }, 60_000);
});

/** Established TCP connections of this process's clients to the broker (remote port = the broker's). */
function connectionsToBroker(): number {
  const port = bed.broker.port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[2]?.endsWith(`:${port}`) && fields[3] === '01').length;
}

/** Waits until `check` holds, for up to 10 s; fails the test if it never does. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(check()).toBe(true);
}
