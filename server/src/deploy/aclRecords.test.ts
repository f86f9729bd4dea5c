/**
 * Every ACL Event Flows Studio makes in Kafka is recorded as its own, whatever fails on the way, so
 * undeploying always removes it (DESIGN §4: disabling removes access).
 */
import { pipelineGraph } from '@event-flows/model';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../db/db.ts';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import { listBindings, listManagedAcls } from '../store/deployState.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases } from '../testing/databases.ts';
import { startTestBed, users, type TestBed, type TestBedOptions } from '../testing/harness.ts';
import { deployFlow, previewDeploy, undeployFlow } from './deployEngine.ts';

/** How many ACLs the cluster holds (a fresh test bed has none but ours). */
async function aclsInKafka(bed: TestBed): Promise<number> {
  const { resources } = await bed.admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  return resources.reduce((n, r) => n + r.acls.length, 0);
}

/** A database whose `at`-th statement starting with `statement` fails, inside a transaction or not. */
function failingStatement(db: Db, statement: string, at: number): Db {
  let seen = 0;
  const wrap = (q: Queryable): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      if (sql.startsWith(statement) && ++seen === at) throw new Error('injected: database connection lost');
      return q.query<Row>(sql, params);
    },
  });
  return { ...db, query: wrap(db).query, transaction: (work) => db.transaction((tx) => work(wrap(tx))) };
}

/**
 * A gateway whose first CreateAcls or DeleteAcls fails, before it reaches Kafka or after Kafka applied it
 * (its answer lost).
 */
function failingOnce(request: 'createAcls' | 'deleteAcls', when: 'before' | 'after'): (gateway: KafkaGateway) => KafkaGateway {
  let failed = false;
  const once = async <T>(send: () => Promise<T>): Promise<T> => {
    if (failed) return send();
    failed = true;
    if (when === 'after') await send();
    throw new Error(when === 'after' ? `injected: Request ${request} timed out` : 'injected: broker connection lost');
  };
  return (gateway) => ({
    ...gateway,
    createAcls: (connection, acls) => (request === 'createAcls' ? once(() => gateway.createAcls(connection, acls)) : gateway.createAcls(connection, acls)),
    deleteAcls: (connection, acls) => (request === 'deleteAcls' ? once(() => gateway.deleteAcls(connection, acls)) : gateway.deleteAcls(connection, acls)),
  });
}

describe.each(testDatabases())('ACLs made in Kafka on $name', (database) => {
  async function withBed(options: (db: Db) => TestBedOptions, test: (bed: TestBed) => Promise<void>): Promise<void> {
    const db = await database.open();
    const bed = await startTestBed(options(db));
    try {
      await test(bed);
    } finally {
      await bed.close();
      await db.close();
    }
  }

  /** Deploys the pipeline once (failing as injected), again, then undeploys it; checks Kafka against the record at each point. */
  async function failThenRetryThenUndeploy(bed: TestBed): Promise<void> {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
    const failed = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
    expect(failed.status).toBe('failed');
    if (failed.status === 'failed') expect(failed.error).toMatch(/injected/);

    const retried = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
    expect(retried.status).toBe('deployed');
    expect(await aclsInKafka(bed)).toBe(11);
    expect(await listManagedAcls(bed.services.db)).toHaveLength(11);
    expect((await previewDeploy(bed.services, flow.id, users.member)).plan.actions).toEqual([]);

    const undeployed = await undeployFlow(bed.services, { flowId: flow.id, actor: users.member });
    expect(undeployed.status).toBe('deployed');
    expect(await listBindings(bed.services.db)).toEqual([]);
    expect(await aclsInKafka(bed)).toBe(0);
    expect(await listManagedAcls(bed.services.db)).toEqual([]);
  }

  it('are removed by undeploy when CreateAcls took effect but its answer was lost', async () => {
    await withBed((db) => ({ db, wrapKafka: failingOnce('createAcls', 'after') }), failThenRetryThenUndeploy);
  }, 60_000);

  it('are removed by undeploy when recording them failed part way', async () => {
    await withBed((db) => ({ db: failingStatement(db, 'insert into managed_acls', 5) }), failThenRetryThenUndeploy);
  }, 60_000);

  it('are created again by the retry when CreateAcls did not take effect (recorded but missing)', async () => {
    await withBed((db) => ({ db, wrapKafka: failingOnce('createAcls', 'before') }), failThenRetryThenUndeploy);
  }, 60_000);

  it('are removed by undeploying again when DeleteAcls failed', async () => {
    await withBed(
      (db) => ({ db, wrapKafka: failingOnce('deleteAcls', 'before') }),
      async (bed) => {
        const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
        expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member })).status).toBe('deployed');
        const failed = await undeployFlow(bed.services, { flowId: flow.id, actor: users.member });
        expect(failed.status).toBe('failed');
        // The bindings stopped; their ACLs are still in Kafka and still recorded as ours.
        expect(await listBindings(bed.services.db)).toEqual([]);
        expect(await aclsInKafka(bed)).toBe(11);
        expect(await listManagedAcls(bed.services.db)).toHaveLength(11);

        const again = await undeployFlow(bed.services, { flowId: flow.id, actor: users.member });
        expect(again.status).toBe('deployed');
        expect(await aclsInKafka(bed)).toBe(0);
        expect(await listManagedAcls(bed.services.db)).toEqual([]);
      },
    );
  }, 60_000);
});
