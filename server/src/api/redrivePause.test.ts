/**
 * A paused redrive holds back no one else's read of its DLQ, over the API against the embedded broker:
 * while one person's run is paused, a peek of the same DLQ answers and another person's run goes to its
 * end; resumed, the paused run sends every dead letter once. And a failed run resumes as an interrupted
 * one does.
 */
import { randomUUID } from 'node:crypto';
import { pipelineGraph } from '@event-flows/model';
import { headerNames } from '@event-flows/runtime';
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
const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
const targets = { paused: 'orders.paused', other: 'orders.other', failed: 'orders.failed' };
const deadLetters = 20;
/** The first DLQ offset of this file's dead letters. */
let first = 0;

interface Run {
  id: string;
  state: string;
  replayed: number;
}

beforeAll(async () => {
  bed = await startHttpBed();
  flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' })).id;
  expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
  await addRedriveGrant(bed.services.db, { orgId: 'acme', userId: 'max' }, 'ada');
  const topics = Object.values(targets);
  await bed.admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
  await addGrants(bed.services.db, topics.map((topic) => ({ connection: 'local', topic, algorithm: 'acme/classify', access: 'subscribe' as const })), 'ada');
  kafka = new kafkajs.Kafka({ clientId: 'redrive-pause-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
  const producer = kafka.producer();
  await producer.connect();
  const headers = { [headerNames.algorithm]: 'acme/classify', [headerNames.flow]: flowId, [headerNames.sourceTopic]: 'orders', [headerNames.errorClass]: 'permanent', [headerNames.errorStage]: 'decode' };
  const [written] = await producer.send({ topic: 'orders.dlq', messages: Array.from({ length: deadLetters }, (_, i) => ({ key: `o-${i}`, value: 'not json', partition: 0, headers })) });
  first = Number(written?.baseOffset ?? 0);
  await producer.disconnect();
}, 120_000);
afterAll(async () => bed?.close());

const call = async <T>(kind: 'query' | 'mutation', path: string, input: unknown, token: string): Promise<T> => {
  const { body } = await bed.call(kind, path, input, token);
  expect(body.error?.message).toBeUndefined();
  return body.result?.data as T;
};
const runOf = (id: string, token: string) => call<Run>('query', 'runtime.dlq.redriveRun', { id }, token);

/** Asks for the run until `until` holds of it. */
async function waitFor(id: string, token: string, until: (run: Run) => boolean): Promise<Run> {
  for (;;) {
    const run = await runOf(id, token);
    if (until(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many records `topic` holds. */
const countOn = async (topic: string) => (await bed.admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);

describe('a paused redrive', () => {
  it('lets a peek of its DLQ and another run of it go on, and sends every dead letter once when resumed', async () => {
    // Five a second, a record a page: the run is reading its DLQ when it is paused.
    const started = await call<Run>('mutation', 'runtime.dlq.redrive', { ...subscription, select: 'all', to: targets.paused, rate: 5 }, tokens.member);
    await waitFor(started.id, tokens.member, (run) => run.replayed >= 1);
    expect(await call<boolean>('mutation', 'runtime.dlq.steerRedrive', { id: started.id, action: 'pause' }, tokens.member)).toBe(true);
    expect((await runOf(started.id, tokens.member)).state).toBe('paused');

    // Another caller's peek answers while the run stays paused (it is resumed only after).
    const peeked = await call<{ records: unknown[] }>('query', 'runtime.dlq.peek', { ...subscription, limit: 50 }, tokens.viewer);
    expect(peeked.records).toHaveLength(deadLetters);
    // Another person's run of the same DLQ goes to its end while the first is still paused.
    const other = await call<Run>('mutation', 'runtime.dlq.redrive', { ...subscription, select: 'all', to: targets.other }, tokens.admin);
    expect(await waitFor(other.id, tokens.admin, (run) => run.state !== 'running')).toMatchObject({ state: 'done', replayed: deadLetters });
    expect((await runOf(started.id, tokens.member)).state).toBe('paused');
    expect(await countOn(targets.other)).toBe(deadLetters);

    expect(await call<boolean>('mutation', 'runtime.dlq.steerRedrive', { id: started.id, action: 'resume' }, tokens.member)).toBe(true);
    expect(await waitFor(started.id, tokens.member, (run) => run.state !== 'running')).toMatchObject({ state: 'done', replayed: deadLetters });
    expect(await countOn(targets.paused)).toBe(deadLetters);
  }, 45_000);
});

describe('a failed redrive', () => {
  it('resumes where it stopped, as an interrupted one does', async () => {
    const marks = await bed.admin.fetchTopicOffsets('orders.dlq');
    const id = randomUUID();
    await insertRedriveRun(bed.services.db, {
      id, by: 'max', orgId: 'acme', algorithm: 'acme/classify', connection: 'local', topic: 'orders', dlqConnection: 'local', dlqTopic: 'orders.dlq', to: targets.failed,
      rate: null, total: deadLetters, selection: 'all', filter: null,
      ranges: Object.fromEntries(marks.map((m) => [m.partition, m.partition === 0 ? { from: String(first), to: String(first + deadLetters) } : { from: m.high, to: m.high }])),
      targetMarks: { '0': '0' }, cursor: {}, state: 'running', replayed: 0, skipped: 0, failed: 0, resultCount: 0, error: null, auditId: null, startedAt: Date.now() - 60_000, finishedAt: null,
    });
    // It failed after nothing was sent: each record is the resume's to send.
    await recordRedriveProgress(bed.services.db, { id, replayed: 0, skipped: 0, failed: 0, cursor: {}, state: 'failed' }, { from: 0, added: [] });
    expect((await runOf(id, tokens.member)).state).toBe('failed');

    await call<Run>('mutation', 'runtime.dlq.resumeRedrive', { id }, tokens.member);
    expect(await waitFor(id, tokens.member, (run) => run.state !== 'running')).toMatchObject({ state: 'done', replayed: deadLetters });
    expect(await countOn(targets.failed)).toBe(deadLetters);
  }, 60_000);
});
