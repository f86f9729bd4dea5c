/**
 * Who saved and who deployed, by name: flows.list, flows.get, flows.save, flows.history and
 * deployments.list carry the display names of the people whose ids they carry, as the platform knows
 * them (null for one it does not know), and the seed's system user as the studio's example.
 */
import { pipelineGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeployment } from '../store/deployments.ts';
import { createFlow, saveFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
}, 60_000);
afterAll(async () => bed?.close());

const max = 'Max (Acme member)';
const seedName = 'Event Flows Studio (example)';

async function data<T>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string): Promise<T> {
  const answer = await bed.call(kind, procedure, input, token);
  expect(answer.body.error?.message).toBeUndefined();
  return answer.body.result?.data as T;
}

type Named = { updatedBy: string; updatedByName: string | null };

describe('names of the people a flow response carries', () => {
  it('the flow list names who saved each flow last; the seed is the studio, an unknown id has no name', async () => {
    await createFlow(bed.services.db, { orgId: 'acme', name: 'Names: by max', description: '', graph: pipelineGraph(), actor: 'max' });
    await createFlow(bed.services.db, { orgId: 'acme', name: 'Names: by seed', description: '', graph: pipelineGraph(), actor: 'seed' });
    await createFlow(bed.services.db, { orgId: 'acme', name: 'Names: by svc', description: '', graph: pipelineGraph(), actor: 'svc-42' });
    const flows = await data<Array<Named & { name: string }>>('query', 'flows.list', { orgId: 'acme' }, tokens.viewer);
    const byName = (name: string) => flows.find((f) => f.name === name);
    expect(byName('Names: by max')).toMatchObject({ updatedBy: 'max', updatedByName: max });
    expect(byName('Names: by seed')).toMatchObject({ updatedBy: 'seed', updatedByName: seedName });
    expect(byName('Names: by svc')).toMatchObject({ updatedBy: 'svc-42', updatedByName: null });
  });

  it('a flow, its save and its history name who saved each revision', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Names: history', description: '', graph: pipelineGraph(), actor: 'seed' });
    expect(await data<Named>('query', 'flows.get', { id: flow.id }, tokens.viewer)).toMatchObject({ updatedBy: 'seed', updatedByName: seedName });

    const saved = await data<Named>('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: flow.name, description: 'mine', graph: flow.graph }, tokens.member);
    expect(saved).toMatchObject({ updatedBy: 'max', updatedByName: max });
    expect(await data<Named>('query', 'flows.get', { id: flow.id }, tokens.viewer)).toMatchObject({ updatedBy: 'max', updatedByName: max });

    await saveFlow(bed.services.db, { id: flow.id, baseRevision: 2, name: flow.name, description: 'a service', graph: flow.graph, actor: 'svc-42' });
    const history = await data<Array<Named & { revision: number }>>('query', 'flows.history', { id: flow.id }, tokens.viewer);
    expect(history.map((r) => [r.revision, r.updatedBy, r.updatedByName])).toEqual([
      [3, 'svc-42', null],
      [2, 'max', max],
      [1, 'seed', seedName],
    ]);
  });

  it('a refused save names who saved first', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Names: conflict', description: '', graph: pipelineGraph(), actor: 'max' });
    await saveFlow(bed.services.db, { id: flow.id, baseRevision: 1, name: flow.name, description: 'first', graph: flow.graph, actor: 'ada' });
    const refused = await bed.call('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: flow.name, description: 'second', graph: flow.graph }, tokens.member);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toMatch(/^Ada \(cluster admin\) saved revision 2 after the revision 1/);
  });

  it('the deployments name who deployed', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Names: deployments', description: '', graph: pipelineGraph(), actor: 'max' });
    const plan = { flowId: flow.id, actions: [], drift: [], notes: [], blocked: false, summary: 'Nothing to do.' };
    await startDeployment(bed.services.db, { flowId: flow.id, revision: 1, kind: 'deploy', actor: 'max', plan });
    await startDeployment(bed.services.db, { flowId: flow.id, revision: null, kind: 'undeploy', actor: 'svc-42', plan });
    const deployments = await data<Array<{ actor: string; actorName: string | null }>>('query', 'deployments.list', { flowId: flow.id }, tokens.viewer);
    expect(deployments.map((d) => [d.actor, d.actorName]).sort()).toEqual([
      ['max', max],
      ['svc-42', null],
    ]);
  });
});
