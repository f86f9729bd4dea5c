/**
 * A deploy cut short by a crash (kill -9 between its start and its end) does not say "running" for
 * ever: at start-up the server marks each such deploy failed, with a sentence, unless a live process
 * still holds the flow's lock (a deploy under way on another replica).
 */
import { pipelineGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDeployment, startDeployment } from '../store/deployments.ts';
import { createFlow } from '../store/flows.ts';
import { startTestBed, type TestBed } from '../testing/harness.ts';
import { finishInterruptedDeploys, flowLock } from './deployEngine.ts';

const emptyPlan = { flowId: 'x', actions: [], drift: [], notes: [], blocked: false, summary: 'Nothing to change.' };

describe('deploys interrupted by a crash', () => {
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed();
  });
  afterAll(async () => bed?.close());

  it('marks a deploy left running failed, and leaves one whose flow lock is held alone', async () => {
    const db = bed.services.db;
    const crashed = (await createFlow(db, { orgId: 'acme', name: 'Crashed', description: '', graph: pipelineGraph(), actor: 'max' })).id;
    const live = (await createFlow(db, { orgId: 'acme', name: 'Live', description: '', graph: pipelineGraph(), actor: 'max' })).id;
    const left = await startDeployment(db, { flowId: crashed, revision: 1, kind: 'deploy', actor: 'max', plan: { ...emptyPlan, flowId: crashed } });
    const running = await startDeployment(db, { flowId: live, revision: 1, kind: 'deploy', actor: 'max', plan: { ...emptyPlan, flowId: live } });

    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = db.withLock(flowLock(live), () => held);
    try {
      expect(await finishInterruptedDeploys(bed.services, { waitMs: 200 })).toEqual({ finished: 1, stillRunning: 1 });
    } finally {
      release();
      await holding;
    }

    expect(await getDeployment(db, left)).toMatchObject({ status: 'failed', error: expect.stringMatching(/stopped before this deploy finished.*Review the plan/) });
    expect((await getDeployment(db, running))?.status).toBe('running');
  });
});
