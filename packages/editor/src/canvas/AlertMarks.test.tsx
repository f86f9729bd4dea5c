import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore, type FiringAlertView } from '../store/index.ts';

afterEach(() => cleanup());

const behind: FiringAlertView = { rule: 'Orders falling behind', binding: { algorithm: 'acme/classify', connection: 'local', topic: 'orders' } };
const deadLetters: FiringAlertView = { rule: 'Dead letters piling up', binding: { algorithm: 'acme/classify', connection: 'local', topic: 'orders' } };

describe('alerts on the canvas', () => {
  it('marks the subscription and the algorithm of a binding whose alert fires, naming the rules, until it resolves', async () => {
    const graph = pipelineGraph();
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
    await render(
      <div style={{ width: 1200, height: 760 }}>
        <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly={false} theme="light" alerts={[behind, deadLetters]} />
      </div>,
    );
    const node = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"] .efs-node`);
    const edgeMarked = (id: string) => document.querySelectorAll(`.react-flow__edge[data-id="${id}"] [data-alert="true"]`).length > 0;

    await expect.poll(() => node('a-classify')?.getAttribute('data-alert')).toBe('true');
    await expect.element(page.getByRole('img', { name: 'Alert firing: Orders falling behind, Dead letters piling up' })).toBeVisible();
    await expect.element(page.getByRole('img', { name: 'Alert firing on this subscription: Orders falling behind, Dead letters piling up' })).toBeVisible();
    await expect.poll(() => edgeMarked('e1')).toBe(true);
    // Only that binding: its algorithm's publish and DLQ edges stay as they were, and so does the next stage.
    expect(edgeMarked('e2')).toBe(false);
    expect(edgeMarked('e3')).toBe(false);
    const marks = store.getState().alertMarks;
    expect([...(marks?.nodes.keys() ?? [])]).toEqual(['a-classify']);
    expect([...(marks?.edges.keys() ?? [])]).toEqual(['e1']);

    // A firing that resolves takes its mark with it.
    store.getState().actions.setAlerts([]);
    await expect.poll(() => node('a-classify')?.getAttribute('data-alert')).toBe('false');
    expect(edgeMarked('e1')).toBe(false);
    expect(document.querySelector('[aria-label^="Alert firing"]')).toBeNull();
  });
});
