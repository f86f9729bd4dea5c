/**
 * Adopting what runs, against the embedded broker over TCP: topics and ACLs made by a plain kafkajs
 * client (not by the studio) are discovered, turned into a flow by the model's `adoptIntoGraph`, and
 * deployed. The deploy takes them over without a single CreateTopics or CreateAcls (counted at the
 * broker), a second deploy plans nothing, and undeploying removes exactly the adopted ACLs. The API's
 * `discover.adopt` lets a member adopt only what the org's grants cover, into the org's flows, audited.
 */
import { adoptIntoGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { deployFlow, previewDeploy, undeployFlow } from '../deploy/deployEngine.ts';
import { addGrants } from '../store/access.ts';
import { listAudit } from '../store/audit.ts';
import { listAdoptedTopics, listManagedAcls } from '../store/deployState.ts';
import { createFlow, getFlow } from '../store/flows.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { aclsOf, allowAcl, startTestBed, users, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';

const { AclOperationTypes, AclResourceTypes } = kafkajs;

const mutating = ['CreateTopics', 'CreateAcls', 'DeleteAcls', 'CreatePartitions', 'DeleteTopics'];
function mutatingCounts(bed: TestBed): Record<string, number> {
  const counts = bed.broker.requestCounts();
  return Object.fromEntries(mutating.map((name) => [name, counts[name] ?? 0]));
}

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
        allowAcl(classify, AclResourceTypes.TOPIC, 'legacy.payments', AclOperationTypes.READ),
        allowAcl(classify, AclResourceTypes.GROUP, 'eventflows.acme.classify.legacy.payments', AclOperationTypes.READ),
        allowAcl(classify, AclResourceTypes.TOPIC, 'legacy.scores', AclOperationTypes.WRITE),
        allowAcl('User:ops', AclResourceTypes.TOPIC, 'legacy.payments', AclOperationTypes.READ),
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

    // Deleting the flow forgets that it took the topics over: another flow may adopt them again.
    await admin.flows.delete({ id: flow.id });
    expect(await listAdoptedTopics(db)).toEqual([]);
  }, 60_000);
});

describe.each(testDatabases())('discover.adopt on $name', (database) => {
  let db: TestDb;
  let bed: TestBed;
  const enrich = 'User:eventflows.acme.enrich';
  const globex = 'User:eventflows.globex.audit';
  beforeAll(async () => {
    db = await database.open();
    bed = await startTestBed({ db });
    await bed.admin.createTopics({ topics: ['legacy.orders', 'legacy.enriched', 'legacy.extra'].map((topic) => ({ topic, numPartitions: 1 })) });
    await bed.admin.createAcls({
      acl: [
        allowAcl(enrich, AclResourceTypes.TOPIC, 'legacy.orders', AclOperationTypes.READ),
        allowAcl(enrich, AclResourceTypes.GROUP, 'eventflows.acme.enrich.legacy.orders', AclOperationTypes.READ),
        allowAcl(enrich, AclResourceTypes.TOPIC, 'legacy.enriched', AclOperationTypes.WRITE),
        allowAcl(globex, AclResourceTypes.TOPIC, 'legacy.enriched', AclOperationTypes.WRITE),
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await db?.close();
  });

  it('lets a member adopt what the org’s grants cover into the org’s flows, and audits it', async () => {
    const member = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.member}`));
    const outsider = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.otherMember}`));

    // The org's algorithm's principal is the member's to see; another org's principal and a topic no
    // grant of the org covers are not.
    const created = await member.discover.adopt({ connection: 'local', topics: ['legacy.extra'], principals: [enrich, globex], versions: { 'acme/enrich': '0.9.0' }, into: { kind: 'new', orgId: 'acme', name: 'Legacy' } });
    expect(created).toMatchObject({ revision: 1, addedNodes: 3, addedEdges: 2 });
    expect(created.leftOut.map((l) => `${l.name}: ${l.reason}`)).toEqual([
      'legacy.extra: not on the cluster, or not covered by your grants',
      'User:eventflows.globex.audit: has no ACL on the cluster, or is not covered by your grants',
    ]);
    const graph = (await getFlow(db, created.flowId))?.graph;
    expect(graph?.nodes.map((n) => (n.kind === 'topic' ? `${n.topic} adopted:${n.adopted}` : `${n.algorithm}@${n.version}`))).toEqual([
      'acme/enrich@0.9.0',
      'legacy.orders adopted:true',
      'legacy.enriched adopted:true',
    ]);

    // Once granted, the topic is the member's to adopt into the flow.
    await addGrants(db, [{ connection: 'local', topic: 'legacy.extra', algorithm: 'acme/enrich', access: 'subscribe' }], 'ada');
    const into = { kind: 'existing' as const, flowId: created.flowId, baseRevision: 1 };
    const added = await member.discover.adopt({ connection: 'local', topics: ['legacy.extra'], principals: [], into });
    expect(added).toEqual({ flowId: created.flowId, revision: 2, addedNodes: 1, addedEdges: 0, leftOut: [] });

    // A stale revision is refused; another org's member is told the flow does not exist.
    await expect(member.discover.adopt({ connection: 'local', topics: [], principals: [], into })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(outsider.discover.adopt({ connection: 'local', topics: [], principals: [], into: { ...into, baseRevision: 2 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const entries = await listAudit(db, { action: 'discover.adopt' });
    expect(entries.map((e) => [e.actor, e.target, e.detail])).toEqual([
      ['max', created.flowId, { connection: 'local', revision: 2, addedNodes: 1, addedEdges: 0, leftOut: 0 }],
      ['max', created.flowId, { connection: 'local', revision: 1, addedNodes: 3, addedEdges: 2, leftOut: 2 }],
    ]);

    // Deploying what was adopted (a cluster admin grants the rest) creates nothing in Kafka.
    const before = mutatingCounts(bed);
    expect((await deployFlow(bed.services, { flowId: created.flowId, revision: 2, actor: users.admin })).status).toBe('deployed');
    expect(mutatingCounts(bed)).toEqual(before);
  }, 60_000);

  it('gives an adopted algorithm the newest published version the catalog lists, unless told one', async () => {
    const admin = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.admin}`));
    const other = 'User:eventflows.acme.alert';
    await bed.admin.createAcls({ acl: [allowAcl(other, AclResourceTypes.TOPIC, 'legacy.extra', AclOperationTypes.WRITE)] });
    const adopted = await admin.discover.adopt({ connection: 'local', topics: [], principals: [other], into: { kind: 'new', orgId: 'acme', name: 'Versions' } });
    const nodes = (await getFlow(db, adopted.flowId))?.graph.nodes ?? [];
    expect(nodes.flatMap((n) => (n.kind === 'algorithm' ? [`${n.algorithm}@${n.version}`] : []))).toEqual(['acme/alert@2.0.0']);
  }, 60_000);

  it('gives each adopted algorithm the version chosen for it, and refuses one the catalog does not publish', async () => {
    const admin = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.admin}`));
    await bed.admin.createAcls({ acl: [allowAcl(classify, AclResourceTypes.TOPIC, 'legacy.extra', AclOperationTypes.WRITE)] });
    const request = { connection: 'local', topics: [], principals: [classify], into: { kind: 'new' as const, orgId: 'acme', name: 'Chosen' } };
    await expect(admin.discover.adopt({ ...request, versions: { 'acme/classify': '3.0.0' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Version 3.0.0 of acme/classify is not published in the catalog: choose one of 1.0.0, 1.1.0, 1.2.0.',
    });
    await expect(admin.discover.adopt({ ...request, versions: { 'acme/nowhere': '1.0.0' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The catalog of acme has no algorithm acme/nowhere, so no version can be chosen for it.',
    });
    await expect(admin.discover.adopt({ ...request, versions: { 'acme/classify': 'not a version' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const adopted = await admin.discover.adopt({ ...request, versions: { 'acme/classify': '1.1.0' } });
    const nodes = (await getFlow(db, adopted.flowId))?.graph.nodes ?? [];
    expect(nodes.flatMap((n) => (n.kind === 'algorithm' ? [`${n.algorithm}@${n.version}`] : []))).toEqual(['acme/classify@1.1.0']);
  }, 60_000);
});
