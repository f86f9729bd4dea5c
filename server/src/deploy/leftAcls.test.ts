/**
 * ACLs a crash left behind converge through the plan of the flow that had them (issue 16, item 9).
 * `kill -9` during an undeploy, after its bindings were committed and before DeleteAcls, leaves the
 * algorithm's ACLs in Kafka, recorded as the studio's, with no binding needing them. They must show
 * in that flow's plan, be removed by its undeploy (or by a deploy that no longer needs them), and never
 * show in an unrelated flow's plan. The crash state is made directly: the flow is deployed, then its
 * bindings are deleted from the database as the undeploy's committed transaction would.
 */
import { defaultNaming, pipelineGraph, principalFor, type FlowGraph, type Plan } from '@event-flows/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { testDatabases } from '../testing/databases.ts';
import { listManagedAcls } from '../store/deployState.ts';
import { createFlow, saveFlow } from '../store/flows.ts';
import { aclsOf, startTestBed, users, type TestBed } from '../testing/harness.ts';
import { deleteUndeployedFlow, deployFlow, previewDeploy, undeployFlow } from './deployEngine.ts';

/** Part of the demo pipeline: the named nodes and edges. */
function partOfPipeline(nodeIds: string[], edgeIds: string[]): FlowGraph {
  const pipeline = pipelineGraph();
  return { nodes: pipeline.nodes.filter((n) => nodeIds.includes(n.id)), edges: pipeline.edges.filter((e) => edgeIds.includes(e.id)) };
}

/** orders -> classify -> orders.classified, with a DLQ: four ACLs of acme/classify. */
const classifyGraph = partOfPipeline(['t-orders', 'a-classify', 't-classified', 't-dlq'], ['e1', 'e2', 'e3']);
/** orders.enriched -> alert -> alerts: another algorithm on other topics. */
const alertGraph = partOfPipeline(['t-enriched', 'a-alert', 't-alerts'], ['e7', 'e8']);
const classify = principalFor('acme/classify', defaultNaming);

const deletions = (plan: Plan) => plan.actions.filter((a) => a.kind === 'delete-acl');

describe('ACLs a crash left behind', () => {
  let bed: TestBed;
  let orders: string;
  let alerts: string;
  beforeEach(async () => {
    bed = await startTestBed();
    orders = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: classifyGraph, actor: 'max' })).id;
    alerts = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Alerts', description: '', graph: alertGraph, actor: 'max' })).id;
    expect((await deployFlow(bed.services, { flowId: orders, revision: 1, actor: users.member })).status).toBe('deployed');
    expect((await deployFlow(bed.services, { flowId: alerts, revision: 1, actor: users.member })).status).toBe('deployed');
    expect(await aclsOf(bed.admin, classify)).toHaveLength(4);
    // The crash: the undeploy's bindings transaction committed, its DeleteAcls never ran.
    await bed.services.db.query('delete from bindings where flow_id = $1', [orders]);
  }, 60_000);
  afterEach(async () => bed?.close());

  it("are shown in their flow's plan, not in an unrelated flow's, and removed by their flow's undeploy", async () => {
    const unrelated = (await previewDeploy(bed.services, alerts, users.member)).plan;
    expect(deletions(unrelated)).toEqual([]);
    expect(unrelated.actions).toEqual([]);

    // Deploying the flow again would use them: its plan says they are there, and why.
    const own = (await previewDeploy(bed.services, orders, users.member)).plan;
    expect(own.notes.join(' ')).toMatch(/4 ACLs? .*left/);

    // Deleted, the flow could no longer remove them: deletion waits for the undeploy.
    await expect(deleteUndeployedFlow(bed.services, orders)).rejects.toThrow(/4 ACLs this flow left.*undeploy it again/);

    const undeployed = await undeployFlow(bed.services, { flowId: orders, actor: users.member });
    expect(undeployed.status).toBe('deployed');
    if (undeployed.status === 'deployed') expect(deletions(undeployed.deployment.plan as Plan)).toHaveLength(4);
    expect(await aclsOf(bed.admin, classify)).toEqual([]);
    expect((await listManagedAcls(bed.services.db)).filter((a) => a.principal === classify)).toEqual([]);
    expect(await aclsOf(bed.admin, principalFor('acme/alert', defaultNaming))).toHaveLength(3);
    await deleteUndeployedFlow(bed.services, orders);
  }, 60_000);

  it("are removed by their flow's deploy when its graph no longer needs them", async () => {
    // The flow was edited after the crash: its subscription has no DLQ any more.
    const saved = await saveFlow(bed.services.db, {
      id: orders,
      baseRevision: 1,
      name: 'Orders',
      description: '',
      graph: partOfPipeline(['t-orders', 'a-classify', 't-classified'], ['e1', 'e2']),
      actor: 'max',
    });
    expect(saved.status).toBe('saved');

    expect(deletions((await previewDeploy(bed.services, alerts, users.member)).plan)).toEqual([]);
    const own = (await previewDeploy(bed.services, orders, users.member)).plan;
    expect(deletions(own).map((a) => a.kind === 'delete-acl' && `${a.acl.resourceType}:${a.acl.resourceName}:${a.acl.operation}`)).toEqual(['topic:orders.dlq:write']);

    expect((await deployFlow(bed.services, { flowId: orders, revision: 2, actor: users.member })).status).toBe('deployed');
    expect(await aclsOf(bed.admin, classify)).toEqual(['GROUP:eventflows.acme.classify.orders:READ', 'TOPIC:orders.classified:WRITE', 'TOPIC:orders:READ']);
    expect((await previewDeploy(bed.services, orders, users.member)).plan.actions).toEqual([]);
    expect((await previewDeploy(bed.services, alerts, users.member)).plan.actions).toEqual([]);
  }, 60_000);

  it("are removed by their flow's deploy when its graph names their connection no more", async () => {
    const saved = await saveFlow(bed.services.db, { id: orders, baseRevision: 1, name: 'Orders', description: '', graph: { nodes: [], edges: [] }, actor: 'max' });
    expect(saved.status).toBe('saved');
    expect(deletions((await previewDeploy(bed.services, orders, users.member)).plan)).toHaveLength(4);
    expect((await deployFlow(bed.services, { flowId: orders, revision: 2, actor: users.member })).status).toBe('deployed');
    expect(await aclsOf(bed.admin, classify)).toEqual([]);
  }, 60_000);
});

describe.each(testDatabases())('ACLs recorded before they named their flow, on $name', (database) => {
  it('are given, by the migration, the flow whose deploy made them', async () => {
    const db = await database.open();
    const bed = await startTestBed({ db });
    try {
      const orders = (await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: classifyGraph, actor: 'max' })).id;
      expect((await deployFlow(bed.services, { flowId: orders, revision: 1, actor: users.member })).status).toBe('deployed');
      // The schema as it was before: the records name no flow.
      await db.query('drop index managed_acls_by_flow');
      await db.query('alter table managed_acls drop column flow_id');
      await db.query('delete from schema_migrations where version = 3');
      expect(await migrate(db)).toEqual([3]);
      expect(await listManagedAcls(db, { flowId: orders })).toHaveLength(4);
    } finally {
      await bed.close();
      await db.close();
    }
  }, 60_000);
});
