/**
 * ACLs earlier versions left with no flow to remove them (issue 16, item 9) show in a plan: that of the
 * Events-tab flow of the algorithm they are for, which removes them. Such an ACL is recorded with no
 * flow (migration 3 found no deploy record naming it) or with a flow deleted since (older versions let a
 * flow whose undeploy was cut short be deleted). The state is made as a crash left it: the flow is
 * deployed, then its bindings are deleted as an undeploy's committed transaction does.
 */
import { defaultNaming, pipelineGraph, principalFor, type Acl, type FlowGraph, type Plan } from '@event-flows/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFlowId } from '../bindings/eventsTab.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { addManagedAcls, listManagedAcls } from '../store/deployState.ts';
import { createFlow, getFlow } from '../store/flows.ts';
import { aclsOf, startTestBed, users, type TestBed } from '../testing/harness.ts';
import { deleteUndeployedFlow, deployFlow, previewDeploy, undeployFlow } from './deployEngine.ts';
import { giveUnownedAclsToEventsTabFlows } from './unownedAcls.ts';

/** orders -> classify -> orders.classified, with a DLQ: four ACLs of acme/classify. */
function classifyGraph(): FlowGraph {
  const pipeline = pipelineGraph();
  return { nodes: pipeline.nodes.filter((n) => ['t-orders', 'a-classify', 't-classified', 't-dlq'].includes(n.id)), edges: pipeline.edges.filter((e) => ['e1', 'e2', 'e3'].includes(e.id)) };
}
const classify = principalFor('acme/classify', defaultNaming);
const deletions = (plan: Plan) => plan.actions.filter((a) => a.kind === 'delete-acl').length;
/** An ACL of a principal that no algorithm has, recorded as the studio's. */
const stranger: Acl = { connection: 'local', principal: 'User:someone.else', resourceType: 'topic', resourceName: 'orders', patternType: 'literal', operation: 'read', permission: 'allow', host: '*' };

describe.each(testDatabases())('ACLs no flow owns, on $name', (database) => {
  let db: TestDb;
  let bed: TestBed;
  let orders: string;
  beforeEach(async () => {
    db = await database.open();
    bed = await startTestBed({ db });
    orders = (await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: classifyGraph(), actor: 'max' })).id;
    expect((await deployFlow(bed.services, { flowId: orders, revision: 1, actor: users.member })).status).toBe('deployed');
    await db.query('delete from bindings where flow_id = $1', [orders]);
  }, 60_000);
  afterEach(async () => {
    await bed?.close();
    await db?.close();
  });

  /** The Events-tab flow of acme/classify shows them, and its undeploy removes them from Kafka. */
  async function removedThroughEventsTabFlow() {
    const flowId = eventsFlowId('acme/classify');
    expect((await getFlow(db, flowId))?.graph).toEqual({ nodes: [], edges: [] });
    expect(deletions((await previewDeploy(bed.services, flowId, users.member)).plan)).toBe(4);
    expect((await undeployFlow(bed.services, { flowId, actor: users.member })).status).toBe('deployed');
    expect(await aclsOf(bed.admin, classify)).toEqual([]);
    expect((await listManagedAcls(db)).filter((a) => a.principal === classify)).toEqual([]);
    await deleteUndeployedFlow(bed.services, flowId);
  }

  it('recorded with no flow: go to the plan of their algorithm’s Events-tab flow; a stranger’s are named', async () => {
    await addManagedAcls(db, [stranger], orders);
    await db.query('update managed_acls set flow_id = null');
    // Nothing showed them: not the flow that made them.
    expect(deletions((await previewDeploy(bed.services, orders, users.member)).plan)).toBe(0);

    expect(await giveUnownedAclsToEventsTabFlows(bed.services)).toEqual({ given: 4, unknown: ['User:someone.else'] });
    await removedThroughEventsTabFlow();
    // Once given, there is nothing more to give.
    expect(await giveUnownedAclsToEventsTabFlows(bed.services)).toEqual({ given: 0, unknown: ['User:someone.else'] });
  }, 60_000);

  it('of a flow deleted since: go to the same plan', async () => {
    await db.query('delete from flows where id = $1', [orders]);
    expect(await giveUnownedAclsToEventsTabFlows(bed.services)).toEqual({ given: 4, unknown: [] });
    await removedThroughEventsTabFlow();
  }, 60_000);
});
