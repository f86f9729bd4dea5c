/**
 * Nothing one person does with redrives starves the others (issue 22): over the API against the
 * embedded broker, one person has at most `dlqRedriveRunsPerPerson` runs going at once, and all runs
 * together take at most `dlqRedriveServerRate` records a second; each refusal is a sentence that says
 * what to do, and the room comes back when a run ends.
 */
import { limits, pipelineGraph } from '@event-flows/model';
import { headerNames } from '@event-flows/runtime';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { createFlow } from '../store/flows.ts';
import { addRedriveGrant } from '../store/redriveGrants.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
type Run = { id: string; state: string };

beforeAll(async () => {
  bed = await startHttpBed();
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
  expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member })).status).toBe('deployed');
  await addRedriveGrant(bed.services.db, { orgId: 'acme', userId: 'max' }, 'ada');
  const kafka = new kafkajs.Kafka({ clientId: 'redrive-limits-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
  const producer = kafka.producer();
  await producer.connect();
  const headers = { [headerNames.algorithm]: 'acme/classify', [headerNames.flow]: flow.id, [headerNames.sourceTopic]: 'orders', [headerNames.errorClass]: 'permanent', [headerNames.errorStage]: 'decode' };
  // Enough that a run at the fastest rate goes on for seconds, so the runs below are all going at once.
  for (let start = 0; start < 50_000; start += 1_000) {
    await producer.send({ topic: 'orders.dlq', messages: Array.from({ length: 1_000 }, (_, i) => ({ key: `o-${start + i}`, value: 'not json', headers })) });
  }
  await producer.disconnect();
}, 120_000);
afterAll(async () => bed?.close());

describe('redrive limits', () => {
  it('refuses a third run of one person, and a rate past the server-wide ceiling, each with a sentence', async () => {
    expect(limits.dlqRedriveRunsPerPerson).toBe(2);
    const start = (token: string, rate: number) => bed.call('mutation', 'runtime.dlq.redrive', { ...subscription, select: 'all', rate }, token);
    const started = async (token: string, rate: number) => {
      const answer = await start(token, rate);
      expect(answer.body.error?.message, `a run at ${rate} a second`).toBeUndefined();
      const run = answer.body.result?.data as Run;
      // Paused, a run sends nothing, and keeps its room.
      await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: run.id, action: 'pause' }, token);
      return run;
    };
    const runs: Array<{ run: Run; token: string }> = [];
    runs.push({ run: await started(tokens.member, 9_000), token: tokens.member });
    runs.push({ run: await started(tokens.member, 9_000), token: tokens.member });

    const third = await start(tokens.member, 1);
    expect(third.status).toBe(429);
    expect(third.body.error?.message).toBe('You have 2 redrives going already, the most one person may run at once: wait for one to end, or cancel one.');

    // Another person still has room: the member's runs take 18,000 of the server's 30,000 a second.
    runs.push({ run: await started(tokens.admin, 10_000), token: tokens.admin });
    const past = await start(tokens.admin, 5_000);
    expect(past.status).toBe(429);
    expect(past.body.error?.message).toBe('This server redrives at most 30,000 records a second in all, and the runs going now take 28,000: ask for at most 2,000 a second, or wait for a run to end.');
    runs.push({ run: await started(tokens.admin, 2_000), token: tokens.admin });
    const full = await start(tokens.viewer, 1);
    expect(full.status).toBe(403);

    // A run that ends gives its room back.
    await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: runs[0]?.run.id, action: 'cancel' }, tokens.member);
    const until = async (id: string | undefined, token: string) => {
      for (;;) {
        const run = (await bed.call('query', 'runtime.dlq.redriveRun', { id }, token)).body.result?.data as Run;
        if (run.state !== 'running' && run.state !== 'paused') return run;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    expect((await until(runs[0]?.run.id, tokens.member)).state).toBe('cancelled');
    runs.push({ run: await started(tokens.member, 9_000), token: tokens.member });
    for (const { run, token } of runs.slice(1)) await bed.call('mutation', 'runtime.dlq.steerRedrive', { id: run.id, action: 'cancel' }, token);
    for (const { run, token } of runs.slice(1)) expect((await until(run.id, token)).state).toBe('cancelled');
  }, 120_000);
});
