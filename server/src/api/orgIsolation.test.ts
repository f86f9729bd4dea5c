/**
 * What one org's member can reach beyond the org: no topic the org was not granted gets created on
 * their say-so, the catalog shows only the org's own grants and bindings, and text PostgreSQL cannot
 * store is refused as bad input rather than failing the server.
 */
import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases } from '../testing/databases.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
  const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'ada' });
  expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.admin })).status).toBe('deployed');
}, 60_000);
afterAll(async () => bed?.close());

/** A graph of one unconnected topic node that asks to be created. */
function loneTopic(topic: string): FlowGraph {
  return {
    nodes: [{ id: 't1', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic, create: { partitions: 50, replicationFactor: 1, config: { 'retention.ms': '-1' } } }],
    edges: [],
  };
}

async function topicExists(topic: string): Promise<boolean> {
  return (await bed.admin.listTopics()).includes(topic);
}

describe('a member of one org', () => {
  it('cannot have a topic created that no grant of the org covers and no edge asks for', async () => {
    const created = await bed.call('mutation', 'flows.create', { orgId: 'globex', name: 'Lone topic', graph: loneTopic('rogue.topic') }, tokens.otherMember);
    const id = (created.body.result?.data as { id: string }).id;
    const deploy = await bed.call('mutation', 'flows.deploy', { id, revision: 1 }, tokens.otherMember);
    const result = deploy.body.result?.data as { status: string; diagnostics: Array<{ code: string; severity: string }> };
    expect(result.status).toBe('invalid');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'topic-creation-not-granted', severity: 'error' }));
    expect(await topicExists('rogue.topic')).toBe(false);
  });

  it('sees a cluster admin deploy the same lone topic', async () => {
    const created = await bed.call('mutation', 'flows.create', { orgId: 'acme', name: 'Admin topic', graph: loneTopic('admin.topic') }, tokens.admin);
    const id = (created.body.result?.data as { id: string }).id;
    const deploy = await bed.call('mutation', 'flows.deploy', { id, revision: 1 }, tokens.admin);
    expect((deploy.body.result?.data as { status: string }).status).toBe('deployed');
    expect(await topicExists('admin.topic')).toBe(true);
  });

  it("sees only the org's own grants, bindings and org in the catalog", async () => {
    const globex = (await bed.call('query', 'catalog.get', { orgId: 'globex' }, tokens.otherMember)).body.result?.data as {
      catalog: { orgs: Array<{ id: string }>; grants: Array<{ algorithm: string }>; claims: Array<{ algorithm: string }> };
    };
    expect(globex.catalog.orgs.map((o) => o.id)).toEqual(['globex']);
    expect(globex.catalog.grants.filter((g) => !g.algorithm.startsWith('globex/'))).toEqual([]);
    expect(globex.catalog.claims).toEqual([]);
    // Acme's own view still has what its flows need to validate.
    const acme = (await bed.call('query', 'catalog.get', { orgId: 'acme' }, tokens.member)).body.result?.data as typeof globex;
    expect(acme.catalog.grants.length).toBeGreaterThan(0);
    expect(acme.catalog.claims.length).toBe(6);
    expect(acme.catalog.claims.every((c) => c.algorithm.startsWith('acme/'))).toBe(true);
  });
});

describe.each(testDatabases())('text PostgreSQL cannot store, on $name', (database) => {
  let nulBed: HttpBed;
  beforeAll(async () => {
    nulBed = await startHttpBed({ db: await database.open() });
  }, 60_000);
  afterAll(async () => nulBed?.close());

  it('is refused as bad input, in a name and inside a graph, and nothing is stored', async () => {
    const inName = await nulBed.call('mutation', 'flows.create', { orgId: 'acme', name: 'a\u0000b', graph: { nodes: [], edges: [] } }, tokens.member);
    expect(inName.status).toBe(400);
    expect(inName.body.error?.data.code).toBe('BAD_REQUEST');
    // A name is refused by its schema (control characters); text inside a graph by the store.
    expect(inName.body.error?.message).toMatch(/name: a name may not contain control characters/);
    const graph = loneTopic('orders');
    (graph.nodes[0] as { create: { config: Record<string, string> } }).create.config['cleanup.policy'] = 'delete\u0000';
    const inGraph = await nulBed.call('mutation', 'flows.create', { orgId: 'acme', name: 'NUL in config', graph }, tokens.member);
    expect(inGraph.status).toBe(400);
    expect(inGraph.body.error?.message).toMatch(/U\+0000/);
    const list = await nulBed.call('query', 'flows.list', { orgId: 'acme' }, tokens.member);
    expect((list.body.result?.data as Array<{ name: string }>).map((f) => f.name)).not.toContain('NUL in config');
  });
});
