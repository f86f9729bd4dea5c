/**
 * `kill -9` at each step of a deploy and of an undeploy, then a restart, converges (issue 16, item 9).
 * The real server runs as a child process, as `pnpm start` runs it, on one data directory (the embedded
 * broker and PGlite there, or the PostgreSQL server of DATABASE_URL in a schema of its own). Each start
 * is armed to SIGKILL itself at one named step (`EFS_TEST_CRASH_AT`, see crashPoint.ts); the example
 * flow is deployed or undeployed over HTTP and the process dies there. The next start checks that
 * the interrupted change says "failed" with a sentence, that the flow's plan shows exactly what is left,
 * that Kafka's ACLs (kafkajs describeAcls) are what that step left, and that doing the change again
 * leaves nothing to do. To share starts, the next start is armed for the other kind of change
 * (an undeploy after a deploy, and back), which the checks of the previous step never reach; the
 * last start is not armed at all. `deploy:bindings-handed-off` is left out: a restart hands the
 * runtime the enabled bindings, so it leaves what `deploy:bindings-committed` leaves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultNaming, principalFor, type FlowGraph, type Plan } from '@event-flows/model';
import { afterAll, describe, expect, it } from 'vitest';
import { childDatabase, startChildServer, type ChildServer } from '../testing/childServer.ts';
import { aclsOf } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';
import type { Deployment } from '../store/deployments.ts';
import type { CrashPointName } from './crashPoint.ts';

const algorithms = ['acme/alert', 'acme/classify', 'acme/enrich'];

/** orders -> acme/echo -> orders.echo: a flow beside the example, with an algorithm of its own. */
const echoGraph: FlowGraph = {
  nodes: [
    { id: 't-in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
    { id: 'a-echo', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/echo', version: '1.0.0' },
    { id: 't-out', kind: 'topic', position: { x: 400, y: 0 }, connection: 'local', topic: 'orders.echo' },
  ],
  edges: [
    { id: 'e-in', kind: 'subscribe', source: 't-in', target: 'a-echo' },
    { id: 'e-out', kind: 'publish', source: 'a-echo', target: 't-out' },
  ],
};

/** What a crash at a step leaves for the plan of the flow: action counts by kind, and what Kafka holds. */
interface Leftover {
  point: CrashPointName;
  plan: (full: Counts) => Counts;
  /** A note the plan carries about ACLs the flow left. */
  note?: RegExp;
  kafkaAcls: 'none' | 'all';
}
type Counts = Partial<Record<Plan['actions'][number]['kind'], number>>;

const leftAcls = /Kafka still holds \d+ ACLs this flow left/;
/** Deploy and undeploy steps taking turns, so that each start checks one and is armed for the next. */
const sequence: Leftover[] = [
  { point: 'deploy:topics-created', plan: (f) => ({ 'create-acl': f['create-acl'], 'start-binding': f['start-binding'] }), kafkaAcls: 'none' },
  { point: 'undeploy:bindings-committed', plan: (f) => ({ 'start-binding': f['start-binding'] }), note: leftAcls, kafkaAcls: 'all' },
  { point: 'deploy:acls-created', plan: (f) => ({ 'start-binding': f['start-binding'] }), note: leftAcls, kafkaAcls: 'all' },
  { point: 'undeploy:bindings-handed-off', plan: (f) => ({ 'start-binding': f['start-binding'] }), note: leftAcls, kafkaAcls: 'all' },
  { point: 'deploy:bindings-committed', plan: () => ({}), kafkaAcls: 'all' },
  // DeleteAcls took effect but the records were not forgotten: the plan sees them missing (drift).
  { point: 'undeploy:acls-deleted', plan: (f) => ({ 'create-acl': f['create-acl'], 'start-binding': f['start-binding'] }), kafkaAcls: 'none' },
];

const countsOf = (plan: Plan): Counts => {
  const counts: Counts = {};
  for (const a of plan.actions) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
  return counts;
};

/** The ACLs a plan creates, as `aclsOf` lists them, per principal. */
function aclsCreatedBy(plan: Plan): Record<string, string[]> {
  const byPrincipal: Record<string, string[]> = Object.fromEntries(algorithms.map((a) => [principalFor(a, defaultNaming), []]));
  for (const a of plan.actions) {
    if (a.kind === 'create-acl') byPrincipal[a.acl.principal]?.push(`${a.acl.resourceType.toUpperCase()}:${a.acl.resourceName}:${a.acl.operation.toUpperCase()}`);
  }
  for (const list of Object.values(byPrincipal)) list.sort();
  return byPrincipal;
}


describe(`kill -9 during a deploy or undeploy, on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'efs-killed-'));
  let dropDatabase = async () => undefined as void;
  afterAll(async () => {
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('converges from every step after a restart', async () => {
    const database = await childDatabase('efs_crash_');
    dropDatabase = database.drop;
    const query = async <T>(server: ChildServer, procedure: string, input: unknown) => {
      const answer = await server.call('query', procedure, input, tokens.member);
      expect(answer.body.error, procedure).toBeUndefined();
      return answer.body.result?.data as T;
    };
    const mutate = async <T>(server: ChildServer, procedure: string, input: unknown) => {
      const answer = await server.call('mutation', procedure, input, tokens.member);
      expect(answer.body.error, procedure).toBeUndefined();
      return answer.body.result?.data as T;
    };
    const kafkaAcls = async (server: ChildServer) => {
      const admin = await server.admin();
      return Object.fromEntries(await Promise.all(algorithms.map(async (a) => [principalFor(a, defaultNaming), await aclsOf(admin, principalFor(a, defaultNaming))] as const)));
    };

    let server = await startChildServer(dataDir, { ...database.env, EFS_TEST_CRASH_AT: sequence[0]?.point ?? '' });
    let flow: { id: string; revision: number } | undefined;
    let full: Plan | undefined;
    try {
      flow = (await query<Array<{ id: string; name: string; revision: number }>>(server, 'flows.list', { orgId: 'acme' })).find((f) => f.name === 'Order pipeline');
      if (!flow) throw new Error('the demo flow is missing');
      const { id, revision } = flow;
      full = (await query<{ plan: Plan }>(server, 'flows.plan', { id })).plan;
      let echo: { id: string } | undefined;
      const allAcls = aclsCreatedBy(full);
      const noAcls = aclsCreatedBy({ ...full, actions: [] });
      expect(Object.values(allAcls).flat().length).toBeGreaterThan(0);

      for (let i = 0; i <= sequence.length; i++) {
        const previous = sequence[i - 1];
        if (!echo && i === 1) {
          // An unrelated flow, deployed (by the first start not armed for a deploy): no crash of the
          // example's may ever show in its plan.
          echo = await mutate<{ id: string }>(server, 'flows.create', { orgId: 'acme', name: 'Echo', graph: echoGraph });
          expect(await mutate<{ status: string }>(server, 'flows.deploy', { id: echo.id, revision: 1 })).toMatchObject({ status: 'deployed' });
        }
        if (previous && echo) {
          const kind = previous.point.startsWith('deploy:') ? 'deploy' : 'undeploy';
          const [last] = await query<Deployment[]>(server, 'deployments.list', { flowId: id, limit: 1 });
          expect(last, previous.point).toMatchObject({ kind, status: 'failed', error: expect.stringMatching(/stopped before this deploy finished.*Review the plan/) });
          const left = (await query<{ plan: Plan }>(server, 'flows.plan', { id })).plan;
          expect(countsOf(left), `plan after ${previous.point}`).toEqual(Object.fromEntries(Object.entries(previous.plan(countsOf(full))).filter(([, n]) => n)));
          if (previous.note) expect(left.notes.join(' '), previous.point).toMatch(previous.note);
          const unrelated = (await query<{ plan: Plan }>(server, 'flows.plan', { id: echo.id })).plan;
          expect({ actions: unrelated.actions, notes: unrelated.notes }, `the unrelated flow's plan after ${previous.point}`).toEqual({ actions: [], notes: [] });
          expect(await kafkaAcls(server), `Kafka's ACLs after ${previous.point}`).toEqual(previous.kafkaAcls === 'all' ? allAcls : noAcls);

          const again = await mutate<{ status: string }>(server, kind === 'deploy' ? 'flows.deploy' : 'flows.undeploy', kind === 'deploy' ? { id, revision } : { id });
          expect(again.status, `${kind} again after ${previous.point}`).toBe('deployed');
          const after = (await query<{ plan: Plan }>(server, 'flows.plan', { id })).plan;
          if (kind === 'deploy') {
            expect(after.actions, `plan after deploying again from ${previous.point}`).toEqual([]);
            expect(await kafkaAcls(server)).toEqual(allAcls);
          } else {
            // Undeployed: the plan is a first deploy's again (the topics stay), and no ACL is left.
            expect(countsOf(after), `plan after undeploying again from ${previous.point}`).toEqual({ 'create-acl': countsOf(full)['create-acl'], 'start-binding': countsOf(full)['start-binding'] });
            expect(after.notes.join(' ')).not.toMatch(leftAcls);
            expect(await kafkaAcls(server)).toEqual(noAcls);
          }
        }
        const next = sequence[i];
        if (!next) break;
        // The step's change: from a deployed flow for an undeploy, from an undeployed one for a deploy.
        const kind = next.point.startsWith('deploy:') ? 'deploy' : 'undeploy';
        const dying = server.call('mutation', kind === 'deploy' ? 'flows.deploy' : 'flows.undeploy', kind === 'deploy' ? { id, revision } : { id }, tokens.member);
        await expect(dying, next.point).rejects.toThrow();
        expect(await server.exited, next.point).toBe('SIGKILL');
        await server.stop();
        const armed = sequence[i + 1]?.point;
        server = await startChildServer(dataDir, { ...database.env, ...(armed ? { EFS_TEST_CRASH_AT: armed } : {}) });
      }
    } finally {
      await server.stop();
    }
    // About 70 s on PGlite with the machine to itself, 40 s on PostgreSQL; 116 s was seen at a load average of 28.
  }, 180_000);
});
