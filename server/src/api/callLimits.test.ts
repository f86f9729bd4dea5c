/**
 * Expensive procedures (plan, deploy, import, DLQ reads, test messages) are bounded per user: calls
 * over the limit are refused with TOO_MANY_REQUESTS and a sentence, so one person cannot take the
 * process that also holds the broker and the runtime. Other people's calls still run.
 */
import { apiLimits, generateFlow } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
let flowId: string;
beforeAll(async () => {
  bed = await startHttpBed();
  const { graph } = generateFlow(5_000, 7);
  flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Large', description: '', graph, actor: 'max' })).id;
}, 60_000);
afterAll(async () => bed?.close());

/** One `flows.plan` of the large flow, in a request of its own. */
const plan = (token: string) => bed.call('query', 'flows.plan', { id: flowId }, token);

describe('expensive calls per user', () => {
  it(`refuses a person's plans beyond ${apiLimits.expensiveCallsPerUser} at once with TOO_MANY_REQUESTS, and answers the rest`, async () => {
    const calls = apiLimits.expensiveCallsPerUser * 4;
    const answers = await Promise.all(Array.from({ length: calls }, () => plan(tokens.viewer)));
    const refused = answers.filter((a) => a.status === 429);
    const answered = answers.filter((a) => a.status === 200);
    expect(refused.length + answered.length).toBe(calls);
    expect(answered.length).toBeGreaterThanOrEqual(apiLimits.expensiveCallsPerUser);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.body.error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(refused[0]?.body.error?.message).toMatch(/at most \d+ .* at once.*try again/i);
  }, 120_000);

  it('lets another person plan while one person is at the limit, and frees the slots when calls end', async () => {
    const mine = Array.from({ length: apiLimits.expensiveCallsPerUser }, () => plan(tokens.viewer));
    const theirs = await plan(tokens.member);
    expect(theirs.status).toBe(200);
    for (const answer of await Promise.all(mine)) expect(answer.status).toBe(200);
    expect((await plan(tokens.viewer)).status).toBe(200);
  }, 120_000);
});
