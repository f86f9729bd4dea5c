import { demoCatalog, demoMember, FlowGraph, pipelineGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';
import { showWholeFlow } from '../testing/wholeFlow.ts';

afterEach(() => cleanup());

async function mount(graph: FlowGraph) {
  const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
  const screen = await render(
    <div style={{ width: 1200, height: 760 }}>
      <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} />
    </div>,
  );
  // The canvas mounts once it has measured itself.
  await expect.poll(() => document.querySelector('.react-flow__controls-fitview')).not.toBeNull();
  await showWholeFlow(document, graph.nodes.length - (graph.groups ?? []).filter((g) => g.collapsed).reduce((n, g) => n + g.nodeIds.length - 1, 0));
  return Object.assign(store, { unmount: () => screen.unmount() });
}

const onCanvas = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) !== null;
const node = (id: string) => page.elementLocator(document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement);
const edgeLabels = () => [...document.querySelectorAll('.react-flow__edge')].map((e) => e.getAttribute('aria-label'));

/** What the server stores and gives back on the next load: the graph as JSON, read by the model's schema. */
const savedAndLoaded = (graph: FlowGraph): FlowGraph => FlowGraph.parse(JSON.parse(JSON.stringify(graph)));

describe('groups on the canvas', () => {
  it('groups the selected nodes under a name, collapses the group into one node with its edge counts and expands it again', async () => {
    const store = await mount(pipelineGraph());
    await userEvent.click(node('a-classify'));
    await userEvent.click(node('a-enrich'), { modifiers: ['Control'] });
    await userEvent.click(page.getByRole('button', { name: 'Group…' }));
    await userEvent.fill(page.getByLabelText('Group name'), 'Classify and enrich');
    await userEvent.click(page.getByRole('button', { name: 'Group', exact: true }));
    const [group] = store.getState().graph.groups ?? [];
    expect(group).toMatchObject({ name: 'Classify and enrich', nodeIds: ['a-classify', 'a-enrich'], collapsed: false });
    const id = group?.id as string;
    await expect.element(node(id)).toHaveTextContent('Classify and enrich');

    await userEvent.click(page.getByRole('button', { name: 'Collapse group Classify and enrich' }));
    await expect.poll(() => onCanvas('a-classify') || onCanvas('a-enrich')).toBe(false);
    await expect.element(node(id)).toHaveTextContent('Group · 2 nodes');
    // In: orders and classified feed it; out: classified, enriched, and two DLQ edges drawn as one.
    await expect.element(node(id)).toHaveTextContent('2 edges in · 4 out');
    expect(edgeLabels()).toContain('Dead-letter 2 edges to a collapsed group');
    await expect.poll(() => [...document.querySelectorAll('.react-flow__edge-text')].map((t) => t.textContent)).toContain('2 edges');

    await userEvent.click(page.getByRole('button', { name: 'Expand group Classify and enrich' }));
    await expect.poll(() => onCanvas('a-classify') && onCanvas('a-enrich')).toBe(true);
    expect(edgeLabels().filter((label) => label?.includes('collapsed group'))).toEqual([]);
    // Grouping, collapsing and expanding are three undo steps.
    store.getState().actions.undo();
    store.getState().actions.undo();
    store.getState().actions.undo();
    expect(store.getState().graph).toEqual(pipelineGraph());
  });

  it('keeps a collapsed group through save and reload', async () => {
    const first = await mount(pipelineGraph());
    first.getState().actions.select({ nodeIds: ['t-orders', 'a-classify'] });
    const grouped = first.getState().actions.groupSelection('Ingest');
    if (!grouped.ok) throw new Error(grouped.reason);
    first.getState().actions.setGroupCollapsed(grouped.id, true);
    await expect.poll(() => onCanvas('t-orders')).toBe(false);
    const saved = savedAndLoaded(first.getState().graph);
    await first.unmount();

    const reloaded = await mount(saved);
    await expect.element(node(grouped.id)).toHaveTextContent('Ingest');
    expect(onCanvas('t-orders') || onCanvas('a-classify')).toBe(false);
    await userEvent.click(page.getByRole('button', { name: 'Expand group Ingest' }));
    await expect.poll(() => onCanvas('t-orders') && onCanvas('a-classify')).toBe(true);
    expect(reloaded.getState().graph.groups).toEqual([{ id: grouped.id, name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: false }]);
  });

  it('renames and ungroups a group from its header, and refuses a name with control characters', async () => {
    const store = await mount({ ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: false }] });
    await userEvent.click(page.getByRole('button', { name: 'Rename group Ingest' }));
    await userEvent.fill(page.getByLabelText('Group name'), 'In\u0007take');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alert')).toHaveTextContent(/control characters/);
    await userEvent.fill(page.getByLabelText('Group name'), 'Intake');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().graph.groups?.[0]?.name).toBe('Intake');
    await userEvent.click(page.getByRole('button', { name: 'Ungroup Intake' }));
    expect(store.getState().graph.groups).toBeUndefined();
    await expect.poll(() => onCanvas('g1')).toBe(false);
  });

  it('expands a collapsed group to show a problem of one of its nodes', async () => {
    const graph = pipelineGraph();
    const nodes = graph.nodes.map((n) => (n.id === 'a-classify' && n.kind === 'algorithm' ? { ...n, version: '9.9.9' } : n));
    const store = await mount({ ...graph, nodes, groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: true }] });
    expect(onCanvas('a-classify')).toBe(false);
    await userEvent.click(page.getByRole('button', { name: /9\.9\.9/ }).first());
    await expect.poll(() => onCanvas('a-classify')).toBe(true);
    expect(store.getState().graph.groups?.[0]?.collapsed).toBe(false);
    expect([...store.getState().selection.nodeIds]).toEqual(['a-classify']);
  });
});
