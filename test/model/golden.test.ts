/**
 * Golden fixtures for the compiler and planner: each folder under test/fixtures holds `case.json`
 * (graph, actor, optional catalog and actual state) and the reviewed outputs `diagnostics.json`,
 * `desired.json` and `plan.json`. A change in behaviour shows up as a change in those files.
 * `UPDATE_GOLDEN=1 pnpm vitest run test/model/golden.test.ts` rewrites them for review; a missing output file
 * fails the test until it is written that way and reviewed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectGolden } from './goldenFile.ts';
import { Actor, Actual, Catalog, FlowGraph, actionChanges, actionOrder, compile, demoCatalog, plan, validate, type Plan } from '@event-flows/model';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const update = process.env.UPDATE_GOLDEN === '1';

const Case = z.strictObject({
  description: z.string(),
  flowId: z.string(),
  actor: Actor,
  graph: FlowGraph,
  catalog: Catalog.optional(),
  actual: Actual.optional(),
  /** Whether the platform's API is configured, so that the plan removes the listeners of adopted subscriptions it stops. */
  removesPlatformListeners: z.boolean().optional(),
});

function actualFor(catalog: Catalog): Actual {
  return {
    topics: catalog.connections.flatMap((c) => c.topics.map((t) => ({ connection: c.id, topic: t.name, partitions: t.partitions }))),
    acls: [],
    managedAcls: [],
    bindings: [],
    grants: catalog.grants,
    connectionsWithoutAuthorizer: [],
  };
}

function golden(dir: string, file: string, value: unknown): void {
  expectGolden(path.join(dir, file), value, update);
}

const cases = readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('golden fixtures', () => {
  it('has at least 12 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = path.join(fixtures, name);
      const input = Case.parse(JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')));
      const catalog = input.catalog ?? demoCatalog();
      const actual = input.actual ?? actualFor(catalog);
      const diagnostics = validate(input.graph, catalog, input.actor, { flowId: input.flowId });
      const desired = compile(input.graph, { flowId: input.flowId });
      const result = plan(desired, actual, {
        role: input.actor.role,
        connectionNames: new Map(catalog.connections.map((c) => [c.id, c.name])),
        ...(input.removesPlatformListeners ? { removesPlatformListeners: true } : {}),
      });
      golden(dir, 'diagnostics.json', diagnostics);
      golden(dir, 'desired.json', desired);
      golden(dir, 'plan.json', result);
    });
  }

  it('shows every kind of action with its fields before and after in some reviewed plan', () => {
    const shown = new Set<string>();
    for (const name of cases) {
      // Read as data, not parsed: the rule cases plan names the schema refuses.
      const reviewed = JSON.parse(readFileSync(path.join(fixtures, name, 'plan.json'), 'utf8')) as Plan;
      for (const action of reviewed.actions) {
        const changes = actionChanges(action);
        if (changes.length > 0 && changes.every((c) => c.before !== c.after)) shown.add(action.kind);
      }
    }
    expect([...shown].sort()).toEqual([...actionOrder].sort());
  });
});
