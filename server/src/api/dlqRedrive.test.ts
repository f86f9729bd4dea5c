/**
 * Dead letters at scale, over the API against the embedded broker: a subscription's (and a flow's) dead
 * letters grouped by error class and stage, searched by time, key, header and value text a page at a
 * time; a bulk redrive run on the server at a set rate, followed, paused and cancelled, with a result per
 * record and an audit entry; an edited redrive with chosen headers; and the redrive permission.
 */
import { pipelineGraph } from '@event-flows/model';
import { headerNames } from '@event-flows/runtime';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { addGrants } from '../store/access.ts';
import { createFlow } from '../store/flows.ts';
import { addRedriveGrant } from '../store/redriveGrants.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
let flowId: string;
let kafka: kafkajs.Kafka;
const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
/** Dead letters of classify ← orders: most undecodable, some refused by the algorithm, a few timed out. */
const total = 10_000;
const classOf = (i: number) => (i % 10 === 0 ? ['permanent', 'invoke'] : i % 25 === 1 ? ['transient', 'invoke'] : ['permanent', 'decode']) as [string, string];
/** enrich's dead letters in the same DLQ: never counted or redriven for classify. */
const enrichRecords = 7;
/**
 * When the dead letters were written (ms since the epoch): 10 s apart per thousand, from an hour ago (a
 * redrive keeps a record's timestamp, and the broker's time retention deletes records older than a week).
 */
const t0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const timeOf = (i: number) => t0 + Math.floor(i / 1_000) * 10_000;

type Group = { algorithm: string; topic: string; errorClass: string | null; stage: string | null; records: number; deadLetters: number; failedReplays: number; first: number; last: number };
type Run = {
  id: string;
  state: string;
  replayed: number;
  skipped: number;
  failed: number;
  total: number | null;
  startedAt: number;
  finishedAt: number | null;
  resultCount: number;
  results: Array<{ partition: number; offset: string; outcome: string; reason?: string }>;
};
type Peeked = { records: Array<{ partition: number; offset: string; key: string; value: string; headers: Record<string, string> }>; complete: boolean; next: Array<{ partition: number; offset: string }> | null };

const data = <T>(answer: { status: number; body: { result?: { data: unknown }; error?: { message: string } } }): T => {
  if (answer.status !== 200) throw new Error(`${answer.status}: ${answer.body.error?.message}`);
  return answer.body.result?.data as T;
};
const ordersRecords = async () => (await bed.admin.fetchTopicOffsets('orders')).reduce((n, p) => n + Number(p.high), 0);

beforeAll(async () => {
  bed = await startHttpBed();
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
  flowId = flow.id;
  expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
  kafka = new kafkajs.Kafka({ clientId: 'dlq-scale-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
  const producer = kafka.producer();
  await producer.connect();
  for (let start = 0; start < total; start += 1_000) {
    const messages = Array.from({ length: 1_000 }, (_, j) => {
      const i = start + j;
      const [errorClass, stage] = classOf(i);
      return {
        key: `o-${i}`,
        value: i === 4_321 ? '{"id":"o-4321","note":"needle in the haystack"}' : `not json ${i}`,
        timestamp: String(timeOf(i)),
        headers: {
          [headerNames.algorithm]: 'acme/classify',
          [headerNames.flow]: flowId,
          [headerNames.sourceTopic]: 'orders',
          [headerNames.errorClass]: errorClass,
          [headerNames.errorStage]: stage,
          ...(i % 1_000 === 7 ? { tenant: 'blue' } : {}),
        },
      };
    });
    await producer.send({ topic: 'orders.dlq', messages });
  }
  await producer.send({
    topic: 'orders.dlq',
    messages: Array.from({ length: enrichRecords }, (_, i) => ({
      key: `e-${i}`,
      value: 'unclassified',
      timestamp: String(t0),
      headers: { [headerNames.algorithm]: 'acme/enrich', [headerNames.flow]: flowId, [headerNames.sourceTopic]: 'orders.classified', [headerNames.errorClass]: 'permanent', [headerNames.errorStage]: 'invoke' },
    })),
  });
  await producer.disconnect();
}, 120_000);
afterAll(async () => bed?.close());

/** Reads the run until it has ended, every 100 ms. */
async function finished(id: string, token: string = tokens.member): Promise<Run> {
  for (;;) {
    const run = data<Run | null>(await bed.call('query', 'runtime.dlq.redriveRun', { id }, token));
    if (!run) throw new Error('the run is gone');
    if (run.state !== 'running' && run.state !== 'paused') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every result of a run, a page at a time. */
async function resultsOf(id: string): Promise<Run['results']> {
  const all: Run['results'] = [];
  for (;;) {
    const run = data<Run>(await bed.call('query', 'runtime.dlq.redriveRun', { id, from: all.length }, tokens.member));
    all.push(...run.results);
    if (all.length >= run.resultCount) return all;
  }
}

describe('dead letters grouped and searched', () => {
  it("groups a subscription's dead letters by error class and stage, with counts and first and last time", async () => {
    const { groups, complete } = data<{ groups: Group[]; complete: boolean }>(await bed.call('query', 'runtime.dlq.groups', { of: subscription }, tokens.viewer));
    expect(complete).toBe(true);
    const counts = { decode: 0, invoke: 0, transient: 0 };
    for (let i = 0; i < total; i++) {
      const [errorClass, stage] = classOf(i);
      counts[errorClass === 'transient' ? 'transient' : (stage as 'decode' | 'invoke')]++;
    }
    expect(groups.map((g) => [g.errorClass, g.stage, g.records, g.deadLetters, g.failedReplays])).toEqual([
      ['permanent', 'decode', counts.decode, counts.decode, 0],
      ['permanent', 'invoke', counts.invoke, counts.invoke, 0],
      ['transient', 'invoke', counts.transient, counts.transient, 0],
    ]);
    expect(groups[0]).toMatchObject({ algorithm: 'acme/classify', topic: 'orders', first: t0, last: timeOf(total - 1) });
    // The flow's groups hold enrich's dead letters of the shared DLQ as well.
    const flowGroups = data<{ groups: Group[] }>(await bed.call('query', 'runtime.dlq.groups', { of: { flowId } }, tokens.viewer)).groups;
    expect(flowGroups.find((g) => g.algorithm === 'acme/enrich')).toMatchObject({ topic: 'orders.classified', errorClass: 'permanent', stage: 'invoke', records: enrichRecords });
    expect(flowGroups.filter((g) => g.algorithm === 'acme/classify').reduce((n, g) => n + g.records, 0)).toBe(total);
    // Filtered by time: the second thousand only.
    const timed = data<{ groups: Group[] }>(await bed.call('query', 'runtime.dlq.groups', { of: subscription, filter: { from: timeOf(1_000), until: timeOf(2_000) } }, tokens.viewer)).groups;
    expect(timed.reduce((n, g) => n + g.records, 0)).toBe(1_000);
  }, 60_000);

  it('finds dead letters by key, header and value text, a page at a time', async () => {
    const peek = async (input: Record<string, unknown>) => data<Peeked>(await bed.call('query', 'runtime.dlq.peek', { ...subscription, ...input }, tokens.viewer));
    expect((await peek({ filter: { text: 'NEEDLE' } })).records.map((r) => r.key)).toEqual(['o-4321']);
    expect((await peek({ filter: { key: 'o-999' } })).records.map((r) => r.key).sort()).toEqual(['o-999', 'o-9990', 'o-9991', 'o-9992', 'o-9993', 'o-9994', 'o-9995', 'o-9996', 'o-9997', 'o-9998', 'o-9999']);
    const blue = await peek({ filter: { header: { name: 'tenant', value: 'blue' } }, limit: 4 });
    expect(blue.records.map((r) => r.key)).toEqual(['o-6007', 'o-7007', 'o-8007', 'o-9007']);
    expect(blue.complete).toBe(false);
    const older = await peek({ filter: { header: { name: 'tenant', value: 'blue' } }, limit: 4, before: blue.next });
    expect(older.records.map((r) => r.key)).toEqual(['o-2007', 'o-3007', 'o-4007', 'o-5007']);
    const oldest = await peek({ filter: { header: { name: 'tenant', value: 'blue' } }, limit: 4, before: older.next });
    expect(oldest.records.map((r) => r.key)).toEqual(['o-7', 'o-1007']);
    expect(oldest.complete).toBe(true);
  }, 60_000);
});

describe('the redrive permission', () => {
  it('is refused to a member without it, with a sentence and an audit entry, and given by a cluster admin', async () => {
    const before = await ordersRecords();
    const redrive = { ...subscription, select: [{ partition: 0, offset: '0' }] };
    const refused = await bed.call('mutation', 'runtime.dlq.redrive', redrive, tokens.member);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toBe('Redriving dead letters of acme needs the redrive permission: ask a cluster admin to grant it to you.');
    expect((await bed.call('mutation', 'runtime.dlq.replay', { ...subscription, select: 'all' }, tokens.member)).status).toBe(403);
    expect((await bed.call('mutation', 'runtime.dlq.redrive', redrive, tokens.viewer)).status).toBe(403);
    const rows = await bed.services.db.query<{ actor: string; result: string }>("select actor, result from audit_log where action = 'dlq.redrive'");
    expect(rows).toEqual([
      { actor: 'max', result: 'refused' },
      { actor: 'max', result: 'refused' },
    ]);
    // Only a cluster admin gives it.
    expect((await bed.call('mutation', 'admin.redriveGrants.add', { orgId: 'acme', userId: 'max' }, tokens.member)).status).toBe(403);
    expect(data(await bed.call('mutation', 'admin.redriveGrants.add', { orgId: 'acme', userId: 'max' }, tokens.admin))).toEqual({ added: true });
    const run = data<Run>(await bed.call('mutation', 'runtime.dlq.redrive', redrive, tokens.member));
    expect(await finished(run.id)).toMatchObject({ state: 'done', replayed: 1 });
    expect(await ordersRecords()).toBe(before + 1);
    // Another org's member is told nothing of acme's subscription, grant or not.
    expect((await bed.call('mutation', 'runtime.dlq.redrive', redrive, tokens.otherMember)).status).toBe(404);
  }, 60_000);
});

describe('a bulk redrive', () => {
  // Given by the permission's test too; here as well, so that each part runs alone.
  beforeAll(() => addRedriveGrant(bed.services.db, { orgId: 'acme', userId: 'max' }, 'ada'));

  it('redrives 10,000 dead letters at the rate set, accounting for every record, and writes an audit entry', async () => {
    const before = await ordersRecords();
    // Well under what the test bed sustains on a loaded two-core machine (about 1,800 a second, the broker in the same process).
    const rate = 1_000;
    const started = Date.now();
    const run = data<Run>(await bed.call('mutation', 'runtime.dlq.redrive', { ...subscription, select: 'all', rate }, tokens.member));
    const end = await finished(run.id);
    const seconds = (Date.now() - started) / 1000;
    expect(end).toMatchObject({ state: 'done', replayed: total, skipped: enrichRecords, failed: 0 });
    // The rate over the whole run, as the caller saw it and as the run measured itself, within 10%.
    const measured = { caller: total / seconds, run: total / (((end.finishedAt ?? 0) - end.startedAt) / 1000) };
    console.log(`redrive of ${total} records at ${rate}/s: ${measured.caller.toFixed(0)}/s from the caller, ${measured.run.toFixed(0)}/s by the run`);
    for (const figure of Object.values(measured)) {
      expect(figure).toBeGreaterThan(rate * 0.9);
      expect(figure).toBeLessThan(rate * 1.1);
    }
    // Every record of the DLQ has one result: classify's redriven, enrich's skipped.
    const results = await resultsOf(run.id);
    expect(results).toHaveLength(total + enrichRecords);
    expect(new Set(results.map((r) => `${r.partition}:${r.offset}`)).size).toBe(total + enrichRecords);
    expect(results.filter((r) => r.outcome === 'replayed')).toHaveLength(total);
    expect(results.filter((r) => r.outcome === 'skipped').map((r) => r.reason)).toEqual(Array.from({ length: enrichRecords }, () => 'dead-lettered by another algorithm'));
    expect(await ordersRecords()).toBe(before + total);
    // Each redriven record names the dead letter it came from, as its first attempt's origin.
    const written = await readTopic('orders', before + total);
    const redriven = written.filter((m) => m.headers['eventflows.replay.by'] === 'max' && m.headers['eventflows.replay.attempt'] === '2');
    expect(redriven.length).toBeGreaterThanOrEqual(total);
    expect(redriven.every((m) => m.headers['eventflows.replay.origin'] === m.headers['eventflows.replay.from'] && m.headers[headerNames.errorClass] === undefined)).toBe(true);

    const [entry] = await bed.services.db.query<{ actor: string; result: string; target: string; detail: Record<string, unknown> }>(
      "select actor, result, target, detail from audit_log where action = 'dlq.redrive' and detail->>'run' = $1",
      [run.id],
    );
    expect(entry).toMatchObject({ actor: 'max', result: 'ok', target: 'acme/classify local/orders', detail: { state: 'done', replayed: total, skipped: enrichRecords, failed: 0, rate, to: 'orders', select: 'all' } });
  }, 120_000);

  it('redrives one group, and is paused, resumed and cancelled', async () => {
    const before = await ordersRecords();
    const group = { errorClass: 'transient', stage: 'invoke' };
    const start = await bed.call('mutation', 'runtime.dlq.redrive', { ...subscription, select: 'all', filter: group, rate: 50 }, tokens.member);
    const run = data<Run>(start);
    const read = async () => data<Run>(await bed.call('query', 'runtime.dlq.redriveRun', { id: run.id }, tokens.member));
    while ((await read()).replayed === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    // Another person cannot see or steer it; a cluster admin can.
    expect(data(await bed.call('query', 'runtime.dlq.redriveRun', { id: run.id }, tokens.viewer))).toBeNull();
    expect(data(await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: run.id, action: 'cancel' }, tokens.viewer))).toBe(false);
    expect(data(await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: run.id, action: 'pause' }, tokens.admin))).toBe(true);
    expect((await read()).state).toBe('paused');
    // The page being sent when it paused is written; nothing after it while it is paused.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const paused = (await read()).replayed;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await read()).replayed).toBe(paused);
    expect(data(await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: run.id, action: 'resume' }, tokens.member))).toBe(true);
    while ((await read()).replayed === paused) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(data(await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: run.id, action: 'cancel' }, tokens.member))).toBe(true);
    const end = await finished(run.id);
    expect(end.state).toBe('cancelled');
    const transient = Array.from({ length: total }, (_, i) => classOf(i)[0]).filter((c) => c === 'transient').length;
    expect(end.replayed).toBeGreaterThan(paused);
    expect(end.replayed).toBeLessThan(transient);
    expect(await ordersRecords()).toBe(before + end.replayed);
    // Only the group's records were looked at.
    const results = await resultsOf(run.id);
    expect(results.filter((r) => r.outcome === 'replayed')).toHaveLength(end.replayed);
    expect(results.every((r) => classOf(Number(r.offset))[0] === 'transient')).toBe(true);
    expect(data(await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: run.id, action: 'resume' }, tokens.member))).toBe(false);
    const [entry] = await bed.services.db.query<{ detail: Record<string, unknown> }>("select detail from audit_log where action = 'dlq.redrive' and detail->>'run' = $1", [run.id]);
    expect(entry?.detail).toMatchObject({ state: 'cancelled', replayed: end.replayed, filter: group });
  }, 60_000);

  it('redrives to another topic the algorithm may read, and refuses one it may not', async () => {
    const refused = await bed.call('mutation', 'runtime.dlq.redrive', { ...subscription, select: [{ partition: 0, offset: '3' }], to: 'orders.enriched' }, tokens.member);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toBe('acme/classify may not read "orders.enriched": redrive to its own topic "orders" or to a topic it has a subscribe grant for.');
    await bed.admin.createTopics({ topics: [{ topic: 'orders.retry', numPartitions: 1 }], waitForLeaders: true });
    await addGrants(bed.services.db, [{ connection: 'local', topic: 'orders.retry', algorithm: 'acme/classify', access: 'subscribe' }], 'ada');
    const run = data<Run>(await bed.call('mutation', 'runtime.dlq.redrive', { ...subscription, select: [{ partition: 0, offset: '3' }, { partition: 0, offset: '4' }], to: 'orders.retry' }, tokens.member));
    expect(await finished(run.id)).toMatchObject({ state: 'done', replayed: 2, total: 2 });
    expect((await readTopic('orders.retry', 2)).map((m) => m.key)).toEqual(['o-3', 'o-4']);
  }, 60_000);
});

describe('an edited redrive', () => {
  beforeAll(() => addRedriveGrant(bed.services.db, { orgId: 'acme', userId: 'max' }, 'ada'));

  it('sends the edited value with only the headers chosen', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const [meta] = await producer.send({
      topic: 'orders.dlq',
      messages: [
        {
          key: 'o-edit',
          value: 'not json',
          headers: { [headerNames.algorithm]: 'acme/classify', [headerNames.flow]: flowId, [headerNames.sourceTopic]: 'orders', '__connect.errors.topic': 'orders', 'trace-id': 't-1', 'x-secret': 'do not resend' },
        },
      ],
    });
    await producer.disconnect();
    const before = await ordersRecords();
    const record = { partition: meta?.partition ?? 0, offset: meta?.baseOffset ?? '0' };
    const answer = await bed.call('mutation', 'runtime.dlq.replayEdited', { ...subscription, record, value: { text: '{"id":"o-edit"}' }, keepHeaders: ['trace-id'] }, tokens.member);
    expect(data(answer)).toEqual({ replayed: 1, topic: 'orders', skipped: [] });
    const written = (await readTopic('orders', before + 1)).find((m) => m.key === 'o-edit');
    expect(written?.value).toBe('{"id":"o-edit"}');
    expect(Object.keys(written?.headers ?? {}).sort()).toEqual(['eventflows.replay.attempt', 'eventflows.replay.by', 'eventflows.replay.from', 'eventflows.replay.origin', 'trace-id']);
  }, 60_000);
});

/** The first `count` records of `topic`, as text. */
async function readTopic(topic: string, count: number): Promise<Array<{ key: string | undefined; value: string | undefined; headers: Record<string, string> }>> {
  const out: Array<{ key: string | undefined; value: string | undefined; headers: Record<string, string> }> = [];
  const consumer = kafka.consumer({ groupId: `dlq-scale-test-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    // Whatever has come by then, so that a missing record fails the test's assertion rather than hanging it.
    setTimeout(resolve, 20_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        out.push({ key: message.key?.toString(), value: message.value?.toString(), headers });
        if (out.length >= count) resolve();
      },
    });
  });
  await consumer.disconnect();
  return out;
}
