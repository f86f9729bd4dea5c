/**
 * The editor's problems panel shows, for every golden fixture, exactly the diagnostics the model
 * gives the server's `flows.validate` for that flow (`diagnostics.json`, reviewed as data): the
 * editor validates as the flow it is, so a reopened flow's own bindings are not another flow's.
 */
import { demoCatalog, type Actor, type Catalog, type Diagnostic, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';

afterEach(() => cleanup());

interface Case {
  flowId: string;
  actor: Actor;
  graph: FlowGraph;
  catalog?: Catalog;
}

const cases = import.meta.glob<Case>('../../../../test/fixtures/*/case.json', { eager: true, import: 'default' });
const expected = import.meta.glob<Diagnostic[]>('../../../../test/fixtures/*/diagnostics.json', { eager: true, import: 'default' });

function shownMessages(): string[] {
  return [...document.querySelectorAll('.efs-problems__message')].map((m) => m.textContent ?? '');
}

describe('the problems panel and flows.validate agree', () => {
  it('reads every fixture', () => {
    expect(Object.keys(cases).length).toBeGreaterThanOrEqual(21);
  });

  for (const [file, fixture] of Object.entries(cases)) {
    const name = file.split('/').at(-2) ?? file;
    it(name, async () => {
      const diagnostics = expected[file.replace('case.json', 'diagnostics.json')];
      if (!diagnostics) throw new Error(`${name} has no diagnostics.json`);
      await render(
        <div style={{ width: 1200, height: 700 }}>
          <EventFlowsEditor flowId={fixture.flowId} graph={fixture.graph} catalog={fixture.catalog ?? demoCatalog()} actor={fixture.actor} />
        </div>,
      );
      expect(shownMessages()).toEqual(diagnostics.map((d) => d.message));
    });
  }
});
