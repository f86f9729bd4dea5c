import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { exampleStatus } from '../status/index.ts';
import { createEditorStore } from '../store/index.ts';
import { showWholeFlow } from '../testing/wholeFlow.ts';

afterEach(() => cleanup());

describe('a binding retrying a message', () => {
  it('says "retrying 3/5" on its subscribe edge, which stands out from the others', async () => {
    const graph = pipelineGraph();
    const status = exampleStatus(graph, { retrying: 'acme/enrich' });
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: true, bindingStatus: status });
    await render(
      <div style={{ width: 1260, height: 780 }}>
        <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly status={status} />
      </div>,
    );
    await showWholeFlow(document, graph.nodes.length);
    const edge = (id: string) => document.querySelector(`.react-flow__edge[data-id="${id}"]`);
    await expect.poll(() => edge('e4')?.querySelector('.react-flow__edge-text')?.textContent).toBe('retrying 3/5');
    expect(edge('e1')?.querySelector('.react-flow__edge-text')?.textContent).toBe('12 msg/s · 1,000 in');
    const stroke = (id: string) => getComputedStyle(edge(id)?.querySelector('.react-flow__edge-path') as Element).stroke;
    expect(edge('e4')?.querySelector('.react-flow__edge-path')?.getAttribute('data-retrying')).toBe('true');
    expect(stroke('e4')).not.toBe(stroke('e1'));
  });
});
