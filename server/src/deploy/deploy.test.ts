import { pipelineGraph } from '@event-flows/model';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listGrantRequests, decideGrantRequest } from '../store/access.ts';
import { listBindings, listManagedAcls } from '../store/deployState.ts';
import { listDeployments } from '../store/deployments.ts';
import { createFlow, saveFlow } from '../store/flows.ts';
import { aclsOf, startTestBed, users, type TestBed } from '../testing/harness.ts';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import { deployFlow, previewDeploy, undeployFlow } from './deployEngine.ts';

const mutating = ['CreateTopics', 'CreateAcls', 'DeleteAcls', 'CreatePartitions', 'DeleteTopics'];
function mutatingCounts(bed: TestBed): Record<string, number> {
  const counts = bed.broker.requestCounts();
  return Object.fromEntries(mutating.map((name) => [name, counts[name] ?? 0]));
}

describe('deploy life cycle', () => {
  let bed: TestBed;
  let flowId: string;
  beforeAll(async () => {
    bed = await startTestBed();
    flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' })).id;
  });
  afterAll(async () => bed?.close());

  it('plans what will happen before anything changes', async () => {
    const preview = await previewDeploy(bed.services, flowId, users.member);
    expect(preview.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const kinds = preview.plan.actions.map((a) => a.kind);
    expect(kinds.filter((k) => k === 'create-topic')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'start-binding')).toHaveLength(6);
    expect(kinds.filter((k) => k === 'create-acl')).toHaveLength(11);
    expect(mutatingCounts(bed)).toEqual({ CreateTopics: 0, CreateAcls: 0, DeleteAcls: 0, CreatePartitions: 0, DeleteTopics: 0 });
    expect(await bed.admin.listTopics()).not.toContain('orders');
  });

  it('deploys: topics and ACLs exist in Kafka, bindings are enabled and handed to the runtime', async () => {
    const result = await deployFlow(bed.services, { flowId, revision: 1, actor: users.member });
    expect(result.status).toBe('deployed');
    expect(await bed.admin.listTopics()).toEqual(expect.arrayContaining(['orders', 'orders.classified', 'orders.enriched', 'alerts', 'orders.dlq']));
    expect(await aclsOf(bed.admin, 'User:eventflows.acme.classify')).toEqual([
      'GROUP:eventflows.acme.classify.orders:READ',
      'TOPIC:orders.classified:WRITE',
      'TOPIC:orders.dlq:WRITE',
      'TOPIC:orders:READ',
    ]);
    expect(await listBindings(bed.services.db, { flowId })).toHaveLength(6);
    expect(bed.reconciled.at(-1)).toHaveLength(6);
    expect(mutatingCounts(bed)).toMatchObject({ CreateTopics: 1, CreateAcls: 1, DeleteAcls: 0 });
    if (result.status === 'deployed') expect(result.deployment.steps.every((s) => s.status === 'succeeded')).toBe(true);
  });

  it('deploying again sends no mutating admin request', async () => {
    const before = mutatingCounts(bed);
    const result = await deployFlow(bed.services, { flowId, revision: 1, actor: users.member });
    expect(result.status).toBe('deployed');
    if (result.status === 'deployed') expect(result.deployment.plan?.actions).toEqual([]);
    expect(mutatingCounts(bed)).toEqual(before);
  });

  it('refuses a plan made for an older revision', async () => {
    await saveFlow(bed.services.db, { id: flowId, baseRevision: 1, name: 'Orders', description: 'v2', graph: pipelineGraph(), actor: 'max' });
    await expect(deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('undeploys exactly what it created, leaving topics and other ACLs alone', async () => {
    const foreign = {
      resourceType: AclResourceTypes.TOPIC,
      resourceName: 'orders',
      resourcePatternType: ResourcePatternTypes.LITERAL,
      host: '*',
      permissionType: AclPermissionTypes.ALLOW,
    };
    await bed.admin.createAcls({
      acl: [
        { ...foreign, principal: 'User:eventflows.acme.classify', operation: AclOperationTypes.DESCRIBE },
        { ...foreign, principal: 'User:ops', operation: AclOperationTypes.READ },
      ],
    });
    const result = await undeployFlow(bed.services, { flowId, actor: users.member });
    expect(result.status).toBe('deployed');
    expect(await aclsOf(bed.admin, 'User:eventflows.acme.classify')).toEqual(['TOPIC:orders:DESCRIBE']);
    expect(await aclsOf(bed.admin, 'User:ops')).toEqual(['TOPIC:orders:READ']);
    expect(await listBindings(bed.services.db)).toEqual([]);
    expect(await listManagedAcls(bed.services.db)).toEqual([]);
    expect(await bed.admin.listTopics()).toEqual(expect.arrayContaining(['orders', 'orders.dlq']));
    expect((await listDeployments(bed.services.db, { flowId })).map((d) => `${d.kind}:${d.status}`)).toEqual([
      'undeploy:succeeded',
      'deploy:succeeded',
      'deploy:succeeded',
    ]);
  });
});

describe('access outside the grants', () => {
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed();
  });
  afterAll(async () => bed?.close());

  it('refuses a member, files a grant request, and deploys once an admin approves', async () => {
    const graph = pipelineGraph();
    graph.nodes.push({ id: 't-audit', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'audit' });
    graph.edges.push({ id: 'e-audit', kind: 'publish', source: 'a-alert', target: 't-audit' });
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Audit', description: '', graph, actor: 'max' });
    const preview = await previewDeploy(bed.services, flow.id, users.member);
    expect(preview.plan.blocked).toBe(true);
    expect(preview.diagnostics.map((d) => d.code)).toContain('access-not-granted');

    const refused = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
    expect(refused.status).toBe('needs-grants');
    if (refused.status !== 'needs-grants') return;
    expect(refused.message).toMatch(/cluster admin/);
    expect(refused.requests).toEqual([expect.objectContaining({ topic: 'audit', algorithm: 'acme/alert', access: 'publish', status: 'pending', requestedBy: 'max' })]);
    expect(await bed.admin.listTopics()).not.toContain('audit');
    expect(await listBindings(bed.services.db)).toEqual([]);

    // Deploying again does not file a second request.
    await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
    expect(await listGrantRequests(bed.services.db, { status: 'pending' })).toHaveLength(1);

    await bed.services.db.transaction((tx) => decideGrantRequest(tx, { id: refused.requests[0]?.id ?? 0, approve: true, decidedBy: 'ada' }));
    const deployed = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
    expect(deployed.status).toBe('deployed');
    expect(await bed.admin.listTopics()).toContain('audit');
    await undeployFlow(bed.services, { flowId: flow.id, actor: users.member });
  });

  it('lets an admin deploy and records the grants the flow needs', async () => {
    const graph = pipelineGraph();
    graph.nodes.push({ id: 't-audit', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'audit.admin' });
    graph.edges.push({ id: 'e-audit', kind: 'publish', source: 'a-alert', target: 't-audit' });
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Audit 2', description: '', graph, actor: 'ada' });
    const result = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.admin });
    expect(result.status).toBe('deployed');
    const rows = await bed.services.db.query<{ granted_by: string }>("select granted_by from grants where topic = 'audit.admin'");
    expect(rows).toEqual([{ granted_by: 'ada' }]);
    expect(await listGrantRequests(bed.services.db, { status: 'pending' })).toEqual([]);
    await undeployFlow(bed.services, { flowId: flow.id, actor: users.admin });
  });

});

describe('a failure part way, then a retry', () => {
  it('records the failed step, and the retry reaches the desired state', async () => {
    let failNextCreateAcls = true;
    const bed = await startTestBed({
      wrapKafka: (gateway: KafkaGateway): KafkaGateway => ({
        ...gateway,
        async createAcls(connection, acls) {
          if (failNextCreateAcls) {
            failNextCreateAcls = false;
            throw new Error('injected: broker connection lost');
          }
          return gateway.createAcls(connection, acls);
        },
      }),
    });
    try {
      const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
      const failed = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
      expect(failed.status).toBe('failed');
      if (failed.status === 'failed') {
        expect(failed.deployment.steps.map((s) => s.status)).toEqual(['succeeded', 'failed']);
        expect(failed.error).toMatch(/injected/);
      }
      // Topics were created before the failure; nothing else was.
      expect(await bed.admin.listTopics()).toContain('orders');
      expect(await listBindings(bed.services.db)).toEqual([]);

      const retried = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
      expect(retried.status).toBe('deployed');
      if (retried.status === 'deployed') expect(retried.deployment.plan?.actions.some((a) => a.kind === 'create-topic')).toBe(false);
      expect(await aclsOf(bed.admin, 'User:eventflows.acme.alert')).toEqual(['GROUP:eventflows.acme.alert.orders.enriched:READ', 'TOPIC:alerts:WRITE', 'TOPIC:orders.enriched:READ']);
      expect(await listBindings(bed.services.db)).toHaveLength(6);
      const again = await previewDeploy(bed.services, flow.id, users.member);
      expect(again.plan.actions).toEqual([]);
    } finally {
      await bed.close();
    }
  });
});

describe('a cluster without an authorizer', () => {
  it('says so plainly in the plan, sets no ACL and deploys the bindings', async () => {
    // Started as `pnpm broker` starts without SASL users: no authorizer, so Kafka answers SECURITY_DISABLED.
    const bed = await startTestBed({ authorizer: false });
    try {
      const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
      const preview = await previewDeploy(bed.services, flow.id, users.member);
      expect(preview.plan.notes).toEqual([expect.stringMatching(/^ACLs are not enforced on 'Local Kafka': no authorizer\./)]);
      expect(preview.plan.actions.some((a) => a.kind === 'create-acl')).toBe(false);
      const result = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
      if (result.status !== 'deployed') throw new Error(`deploy ${result.status}`);
      expect(result.deployment.steps.map((s) => `${s.title}: ${s.status}`).filter((s) => /ACL/.test(s))).toEqual([]);
      expect(result.deployment.plan?.notes).toEqual(preview.plan.notes);
      expect(mutatingCounts(bed).CreateAcls).toBe(0);
      expect(await listBindings(bed.services.db)).toHaveLength(6);
      expect(await listManagedAcls(bed.services.db)).toEqual([]);
    } finally {
      await bed.close();
    }
  });
});
