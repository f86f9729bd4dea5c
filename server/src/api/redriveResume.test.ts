/**
 * A resumed redrive sends no record twice, over the API against the embedded broker: an interrupted run
 * is set up as a kill leaves one at its worst, with a kept page of results and, after it, records the run
 * wrote to its target (Kafka acknowledged them) that it had not kept yet. The resume passes over both and
 * sends the rest: each dead letter is on the target once.
 */
import { randomUUID } from 'node:crypto';
import { pipelineGraph } from '@event-flows/model';
import { headerNames, replayFromHeader, replayRunHeader } from '@event-flows/runtime';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { addGrants } from '../store/access.ts';
import { createFlow } from '../store/flows.ts';
import { addRedriveGrant } from '../store/redriveGrants.ts';
import { insertRedriveRun, recordRedriveProgress } from '../store/redriveRuns.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
let kafka: kafkajs.Kafka;
let flowId = '';
const target = 'orders.resume';
const deadLetters = 10;

beforeAll(async () => {
  bed = await startHttpBed();
  flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' })).id;
  expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
  await addRedriveGrant(bed.services.db, { orgId: 'acme', userId: 'max' }, 'ada');
  await bed.admin.createTopics({ topics: [{ topic: target, numPartitions: 1 }], waitForLeaders: true });
  await addGrants(bed.services.db, [{ connection: 'local', topic: target, algorithm: 'acme/classify', access: 'subscribe' }], 'ada');
  kafka = new kafkajs.Kafka({ clientId: 'redrive-resume-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
}, 120_000);
afterAll(async () => bed?.close());

describe('a resumed redrive', () => {
  it('passes over what it kept and what it wrote after its last kept page, and sends the rest once', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const headers = { [headerNames.algorithm]: 'acme/classify', [headerNames.flow]: flowId, [headerNames.sourceTopic]: 'orders', [headerNames.errorClass]: 'permanent', [headerNames.errorStage]: 'decode' };
    const [written] = await producer.send({ topic: 'orders.dlq', messages: Array.from({ length: deadLetters }, (_, i) => ({ key: `o-${i}`, value: 'not json', partition: 0, headers })) });
    const first = Number(written?.baseOffset ?? 0);
    const marks = await bed.admin.fetchTopicOffsets('orders.dlq');
    const id = randomUUID();
    const from = (offset: number) => `orders.dlq/0/${offset}`;
    // Three records sent and kept, then two sent but not kept when the server died.
    await producer.send({
      topic: target,
      messages: [0, 1, 2, 3, 4].map((i) => ({ key: `o-${i}`, value: 'not json', headers: { [replayRunHeader]: id, [replayFromHeader]: from(first + i) } })),
    });
    await producer.disconnect();
    await insertRedriveRun(bed.services.db, {
      id, by: 'max', orgId: 'acme', algorithm: 'acme/classify', connection: 'local', topic: 'orders', dlqConnection: 'local', dlqTopic: 'orders.dlq', to: target,
      rate: 1_000, total: deadLetters, selection: 'all', filter: null,
      ranges: Object.fromEntries(marks.map((m) => [m.partition, m.partition === 0 ? { from: String(first), to: String(first + deadLetters) } : { from: m.high, to: m.high }])),
      targetMarks: { '0': '0' }, cursor: {}, state: 'running', replayed: 0, skipped: 0, failed: 0, resultCount: 0, error: null, auditId: null, startedAt: Date.now() - 60_000, finishedAt: null,
    });
    const kept = [0, 1, 2].map((i) => ({ partition: 0, offset: String(first + i), outcome: 'replayed' as const }));
    await recordRedriveProgress(bed.services.db, { id, replayed: 3, skipped: 0, failed: 0, cursor: { '0': String(first + 3) }, state: 'interrupted' }, { from: 0, added: kept });

    const [listed] = (await bed.call('query', 'runtime.dlq.redriveRuns', { algorithm: 'acme/classify', connection: 'local', topic: 'orders' }, tokens.member)).body.result?.data as Array<{ id: string; state: string; replayed: number; total: number }>;
    expect(listed).toMatchObject({ id, state: 'interrupted', replayed: 3, total: deadLetters });
    const resumed = await bed.call('mutation', 'runtime.dlq.resumeRedrive', { id }, tokens.member);
    expect(resumed.body.error?.message).toBeUndefined();
    let run: { state: string; replayed: number; resultCount: number } = { state: 'running', replayed: 0, resultCount: 0 };
    while (run.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await bed.call('query', 'runtime.dlq.redriveRun', { id }, tokens.member)).body.result?.data as typeof run;
    }
    expect(run).toMatchObject({ state: 'done', replayed: deadLetters, resultCount: deadLetters });

    const end = (await bed.admin.fetchTopicOffsets(target)).reduce((n, p) => n + Number(p.high), 0);
    expect(end).toBe(deadLetters);
    const seen = await readFroms(target, end);
    expect(seen.sort()).toEqual(Array.from({ length: deadLetters }, (_, i) => from(first + i)).sort());
  }, 60_000);
});

/** The `eventflows.replay.from` header of the first `count` records of `topic`. */
async function readFroms(topic: string, count: number): Promise<string[]> {
  const out: string[] = [];
  const consumer = kafka.consumer({ groupId: `redrive-resume-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 20_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        out.push(String(message.headers?.[replayFromHeader] ?? ''));
        if (out.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return out;
}
