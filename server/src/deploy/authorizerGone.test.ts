/**
 * A cluster that loses its authorizer between the plan and the apply (restarted without one): CreateAcls
 * answers SECURITY_DISABLED, and the deploy records that step as skipped with the reason, keeps no record
 * of ACLs that were never made, and still enables the bindings.
 */
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { pipelineGraph } from '@event-flows/model';
import { expect, it } from 'vitest';
import { listBindings, listManagedAcls } from '../store/deployState.ts';
import { createFlow } from '../store/flows.ts';
import { startTestBed, users } from '../testing/harness.ts';
import { deployFlow } from './deployEngine.ts';

it('records the ACL step as skipped when the authorizer went away after the plan', { timeout: 60_000 }, async () => {
  const bed = await startTestBed();
  let restarted: RunningBroker | undefined;
  try {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
    const result = await deployFlow(bed.services, {
      flowId: flow.id,
      revision: 1,
      actor: users.member,
      onStep: async (step) => {
        if (!step.title.startsWith('Create ') || restarted) return;
        // The same cluster, address and admin, started again without an authorizer.
        const port = bed.broker.port;
        await bed.broker.close();
        restarted = await startBroker({ port, saslUsers: { admin: 'admin-secret' }, superUsers: ['admin'], authorizer: false, log: () => undefined });
        // The server's clients of the old broker are dropped, as when a connection's settings change: one
        // that lived through the restart fails its next write with "Closed connection" (kafkajs).
        await bed.services.kafka.keepOnly([]);
      },
    });
    if (result.status !== 'deployed') throw new Error(`deploy ${result.status}: ${result.status === 'failed' ? result.error : ''}`);
    const aclStep = result.deployment.steps.find((s) => s.title.includes('ACL'));
    expect(aclStep).toMatchObject({ title: 'Add 11 ACLs on Local Kafka', status: 'skipped', detail: "ACLs are not enforced on 'Local Kafka': no authorizer, so none was set." });
    expect(await listManagedAcls(bed.services.db)).toEqual([]);
    expect(await listBindings(bed.services.db)).toHaveLength(6);
  } finally {
    await bed.close();
    await restarted?.close();
  }
});
