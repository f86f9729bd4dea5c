/**
 * A cluster that lacks an API a plan or deploy needs (an older or restricted one, as librdkafka's mock
 * cluster without the ACL APIs) is refused with PRECONDITION_FAILED naming the API and the connection,
 * never a 500. The embedded broker stands in for it with `leaveOutApis`: it leaves the APIs out of
 * ApiVersions and closes a connection that uses one anyway, as such a cluster does.
 */
import { pipelineGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBindings } from '../store/deployState.ts';
import { createFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

describe('a cluster without the ACL APIs', () => {
  let bed: HttpBed;
  let flowId: string;
  beforeAll(async () => {
    bed = await startHttpBed({ leaveOutApis: ['DescribeAcls', 'CreateAcls', 'DeleteAcls'] });
    flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' })).id;
  }, 60_000);
  afterAll(async () => bed?.close());

  it('refuses the plan, naming the API and the connection', async () => {
    const answer = await bed.call('query', 'flows.plan', { id: flowId }, tokens.member);
    expect(answer.status).toBe(412);
    expect(answer.body.error?.data.code).toBe('PRECONDITION_FAILED');
    expect(answer.body.error?.message).toMatch(/^Kafka connection 'Local Kafka' does not offer the DescribeAcls API/);
  });

  it('refuses the deploy the same way, and changes nothing', async () => {
    const answer = await bed.call('mutation', 'flows.deploy', { id: flowId, revision: 1 }, tokens.member);
    expect(answer.status).toBe(412);
    expect(answer.body.error?.message).toMatch(/^Kafka connection 'Local Kafka' does not offer the DescribeAcls API/);
    expect(bed.broker.requestCounts().CreateTopics ?? 0).toBe(0);
    expect(await listBindings(bed.services.db)).toEqual([]);
  });
});

describe('a cluster without CreateTopics', () => {
  let bed: HttpBed;
  beforeAll(async () => {
    bed = await startHttpBed({ leaveOutApis: ['CreateTopics'] });
  }, 60_000);
  afterAll(async () => bed?.close());

  it('fails the deploy at that step, naming the API and the connection', async () => {
    const flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' })).id;
    const plan = await bed.call('query', 'flows.plan', { id: flowId }, tokens.member);
    expect(plan.status).toBe(200);
    // Reads need no CreateTopics: the lack shows when the deploy comes to create them, and is recorded there.
    const answer = await bed.call('mutation', 'flows.deploy', { id: flowId, revision: 1 }, tokens.member);
    expect(answer.status).toBe(200);
    expect(answer.body.result?.data).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^Create 5 topics on Local Kafka failed: Kafka connection 'Local Kafka' does not offer the CreateTopics API/),
    });
    expect(await listBindings(bed.services.db)).toEqual([]);
  });
});
