/**
 * Following one message through a deployed flow over the API, with the real runtime in process and the
 * embedded broker over TCP: test messages go through classify → enrich → alert (three stages), one is
 * dead-lettered by classify; `runtime.follow` finds each hop from what the runtime wrote in Kafka.
 */
import { pipelineGraph, type MessagePath } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { createFlow } from '../store/flows.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';
import { eventually } from '../testing/eventually.ts';

type Followed = { found: true; path: MessagePath } | { found: false; reason: string };
type Landed = { partition: number; offset: string };

let bed: HttpBed;
let kafka: kafkajs.Kafka;
let flowId: string;
const sent: Record<string, Landed> = {};

/** Every record of `topic` as key → partition/offset, read with a consumer of its own. */
async function positions(topic: string): Promise<Map<string, Landed>> {
  const total = (await bed.admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  const consumer = kafka.consumer({ groupId: `follow-test-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const found = new Map<string, Landed>();
  let seen = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        found.set(message.key?.toString() ?? '', { partition, offset: message.offset });
        if (++seen >= total) resolve();
      },
    });
  });
  await consumer.disconnect();
  return found;
}

const follow = async (input: Record<string, unknown>, token: string = tokens.viewer) => bed.call('query', 'runtime.follow', { flowId, ...input }, token);
const followed = async (input: Record<string, unknown>) => {
  const answer = await follow(input);
  expect(answer.status).toBe(200);
  return answer.body.result?.data as Followed;
};
const pathOf = (result: Followed): MessagePath => {
  if (!result.found) throw new Error(result.reason);
  return result.path;
};

beforeAll(async () => {
  bed = await startHttpBed({ runtime: true });
  kafka = new kafkajs.Kafka({ clientId: 'follow-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
  flowId = flow.id;
  expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
  for (const [key, value] of [
    ['o-large', JSON.stringify({ id: 'o-large', amount: 5_000 })],
    ['o-small', JSON.stringify({ id: 'o-small', amount: 10 })],
    ['o-bad', 'not json at all'],
  ] as const) {
    const answer = await bed.call('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', key, value }, tokens.member);
    expect(answer.status).toBe(200);
    sent[key] = answer.body.result?.data as Landed;
  }
  type Status = { algorithm: string; consumed: number; deadLettered: number };
  await eventually(
    async () => (await bed.call('query', 'runtime.status', { orgId: 'acme' }, tokens.member)).body.result?.data as Status[],
    (list) => list.find((s) => s.algorithm === 'acme/alert')?.consumed === 2 && list.find((s) => s.algorithm === 'acme/classify')?.deadLettered === 1,
  );
}, 90_000);
afterAll(async () => bed?.close());

describe('runtime.follow', () => {
  it('follows a record by partition and offset through each stage, with each output where it landed', async () => {
    const path = pathOf(await followed({ topic: 'orders', ...sent['o-large'] }));
    expect(path.input).toMatchObject({ connection: 'local', topic: 'orders', ...sent['o-large'], key: 'o-large' });
    const [classified, enriched, alerts] = await Promise.all(['orders.classified', 'orders.enriched', 'alerts'].map(positions));
    expect(path.calls.map((c) => [c.stage, c.algorithm, c.outcome, c.attempts, c.outputs.map((o) => [o.topic, o.partition, o.offset])])).toEqual([
      [1, 'acme/classify', 'published', 1, [['orders.classified', classified?.get('o-large')?.partition, classified?.get('o-large')?.offset]]],
      [2, 'acme/enrich', 'published', 1, [['orders.enriched', enriched?.get('o-large')?.partition, enriched?.get('o-large')?.offset]]],
      [3, 'acme/alert', 'published', 1, [['alerts', alerts?.get('o-large')?.partition, alerts?.get('o-large')?.offset]]],
    ]);
    // Each call's input is the output of the one before it.
    expect(path.calls[1]?.input).toEqual(path.calls[0]?.outputs[0]);
    expect(path.calls[2]?.input).toEqual(path.calls[1]?.outputs[0]);
    for (const call of path.calls) expect(call.durationMs).toBeGreaterThanOrEqual(0);
    expect(path.notes).toEqual([]);
  }, 60_000);

  it('follows the newest record with a key to the same path', async () => {
    const byPosition = pathOf(await followed({ topic: 'orders', ...sent['o-large'] }));
    const byKey = pathOf(await followed({ topic: 'orders', key: 'o-large' }));
    expect(byKey.calls).toEqual(byPosition.calls);
  }, 60_000);

  it('ends a path at the call that published nothing, saying so', async () => {
    const path = pathOf(await followed({ topic: 'orders', ...sent['o-small'] }));
    expect(path.calls.map((c) => [c.algorithm, c.outcome])).toEqual([
      ['acme/classify', 'published'],
      ['acme/enrich', 'published'],
      ['acme/alert', 'no-output'],
    ]);
    expect(path.calls[2]?.note).toBe('Processed: acme/alert returned no result, so nothing was published.');
  }, 60_000);

  it('ends a path at the DLQ record, with its error and its offset', async () => {
    const path = pathOf(await followed({ topic: 'orders', ...sent['o-bad'] }));
    const dlq = await positions('orders.dlq');
    expect(path.calls).toHaveLength(1);
    expect(path.calls[0]).toMatchObject({ algorithm: 'acme/classify', outcome: 'dead-lettered', attempts: 1, outputs: [] });
    expect(path.calls[0]?.deadLetter).toMatchObject({ topic: 'orders.dlq', ...dlq.get('o-bad'), error: { class: 'permanent', stage: 'invoke', message: 'acme/classify expects a JSON object' } });
    expect(path.calls[0]?.durationMs).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('stops at its record bound with a sentence, and finds what is not there to find with one', async () => {
    const path = pathOf(await followed({ topic: 'orders', ...sent['o-large'], maxRecords: 1 }));
    expect(path.calls.map((c) => [c.algorithm, c.outcome])).toEqual([['acme/classify', 'unknown']]);
    expect(path.notes).toEqual(['Read 1 records, the most this follow may read: allow more to find the rest.']);
    const stages = pathOf(await followed({ topic: 'orders', ...sent['o-large'], maxStages: 1 }));
    expect(stages.calls.map((c) => c.algorithm)).toEqual(['acme/classify']);
    expect(stages.notes[0]).toMatch(/^Stopped after 1 stages: the path goes on from "orders.classified" \d+\/\d+\.$/);
    const missing = await followed({ topic: 'orders', partition: sent['o-large']?.partition, offset: '999999' });
    expect(missing).toEqual({ found: false, reason: expect.stringMatching(/^Partition \d+ of "orders" holds offsets 0–\d+: offset 999999 is not among them/) });
    expect(await followed({ topic: 'orders', key: 'never-sent' })).toEqual({ found: false, reason: 'No record of "orders" has the key "never-sent".' });
  }, 60_000);

  it('refuses with a sentence a topic outside the flow, an ambiguous record, limits past the model and other orgs', async () => {
    const outside = await follow({ topic: 'private.payroll', partition: 0, offset: '0' });
    expect([outside.status, outside.body.error?.message]).toEqual([404, 'The deployed flow has no topic "private.payroll": follow a record of one of its topics.']);
    const both = await follow({ topic: 'orders', partition: 0, offset: '0', key: 'o-1' });
    expect(both.status).toBe(400);
    expect(both.body.error?.message).toContain('Name the record to follow by partition and offset, or by key (not both).');
    const greedy = await follow({ topic: 'orders', key: 'o-1', maxRecords: 10_000_000 });
    expect(greedy.status).toBe(400);
    expect(greedy.body.error?.message).toContain('A follow reads at most 200,000 records');
    expect((await follow({ topic: 'orders', key: 'o-1' }, tokens.otherMember)).status).toBe(404);
  }, 60_000);
});
