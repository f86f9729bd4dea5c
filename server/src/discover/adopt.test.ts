/**
 * Adopting what runs, against the embedded broker over TCP: topics and ACLs made by a plain kafkajs
 * client (not by the studio) are discovered, turned into a flow by the model's `adoptIntoGraph`, and
 * deployed. The deploy takes them over without a single CreateTopics or CreateAcls (counted at the
 * broker), a second deploy plans nothing, and undeploying removes exactly the adopted ACLs.
 */
import { adoptIntoGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { deployFlow, previewDeploy, undeployFlow } from '../deploy/deployEngine.ts';
import { listAdoptedTopics, listManagedAcls } from '../store/deployState.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { aclsOf, startTestBed, users, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const mutating = ['CreateTopics', 'CreateAcls', 'DeleteAcls', 'CreatePartitions', 'DeleteTopics'];
function mutatingCounts(bed: TestBed): Record<string, number> {
  const counts = bed.broker.requestCounts();
  return Object.fromEntries(mutating.map((name) => [name, counts[name] ?? 0]));
}

const acl = (principal: string, resourceType: number, resourceName: string, operation: number) => ({
  resourceType,
  resourceName,
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

const classify = 'User:eventflows.acme.classify';

describe.each(testDatabases())('adopting what runs on $name', (database) => {
  let db: TestDb;
  let bed: TestBed;
  beforeAll(async () => {
    db = await database.open();
    bed = await startTestBed({ db });
    // Made by hand before the studio: classify reads payments (with its group) and writes scores.
    await bed.admin.createTopics({ topics: [{ topic: 'legacy.payments', numPartitions: 3 }, { topic: 'legacy.scores', numPartitions: 3 }] });
    await bed.admin.createAcls({
      acl: [
        acl(classify, AclResourceTypes.TOPIC, 'legacy.payments', AclOperationTypes.READ),
        acl(classify, AclResourceTypes.GROUP, 'eventflows.acme.classify.legacy.payments', AclOperationTypes.READ),
        acl(classify, AclResourceTypes.TOPIC, 'legacy.scores', AclOperationTypes.WRITE),
        acl('User:ops', AclResourceTypes.TOPIC, 'legacy.payments', AclOperationTypes.READ),
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await db?.close();
  });

  it('deploys an adopted flow without creating anything, then plans nothing, and undeploys exactly what it adopted', async () => {
    const admin = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.admin}`));
    const principals = (await admin.discover.acls({ connection: 'local', status: 'unmanaged' })).items;
    const topics = (await admin.discover.topics({ connection: 'local', search: 'legacy', status: 'unmanaged' })).items;
    const adoption = adoptIntoGraph({ nodes: [], edges: [] }, { connection: 'local', topics, principals, version: '1.2.0' });
    expect(adoption.leftOut).toEqual([{ kind: 'principal', name: 'User:ops', reason: 'does not follow the naming template User:{prefix}.{org}.{algorithm}' }]);
    const flow = await createFlow(db, { orgId: 'acme', name: 'Adopted', description: '', graph: adoption.graph, actor: 'ada' });

    const preview = await previewDeploy(bed.services, flow.id, users.admin);
    expect(preview.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(preview.plan.summary).toMatch(/2 topics to adopt, 3 ACLs to adopt, 2 bindings to start\.$/);

    const before = mutatingCounts(bed);
    const deployed = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.admin });
    expect(deployed.status).toBe('deployed');
    expect(mutatingCounts(bed)).toEqual(before);
    expect((await listAdoptedTopics(db)).map((t) => t.topic)).toEqual(['legacy.payments', 'legacy.scores']);
    expect((await listManagedAcls(db, { flowId: flow.id })).map((a) => `${a.resourceType} ${a.resourceName} ${a.operation}`)).toEqual([
      'group eventflows.acme.classify.legacy.payments read',
      'topic legacy.payments read',
      'topic legacy.scores write',
    ]);

    // Deploying again plans nothing and sends nothing.
    expect((await previewDeploy(bed.services, flow.id, users.admin)).plan.actions).toEqual([]);
    expect((await admin.discover.acls({ connection: 'local', search: classify })).items[0]?.status).toBe('managed');

    // Undeploying removes the adopted ACLs (they are the flow's now) and no one else's; topics stay.
    expect((await undeployFlow(bed.services, { flowId: flow.id, actor: users.admin })).status).toBe('deployed');
    expect(await aclsOf(bed.admin, classify)).toEqual([]);
    expect(await aclsOf(bed.admin, 'User:ops')).toEqual(['TOPIC:legacy.payments:READ']);
    expect(await bed.admin.listTopics()).toEqual(expect.arrayContaining(['legacy.payments', 'legacy.scores']));
    expect(mutatingCounts(bed)).toEqual({ ...before, DeleteAcls: before.DeleteAcls! + 1 });
  }, 60_000);
});
