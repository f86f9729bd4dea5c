import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { exampleStatus } from '../status/index.ts';
import { createEditorStore } from '../store/index.ts';
import { showWholeFlow } from '../testing/wholeFlow.ts';

afterEach(() => cleanup());

describe('the label of a dead-letter edge', () => {
  it('is drawn over its dashed line, on its own background, so "0 dead-lettered" is not struck through', async () => {
    const graph = pipelineGraph();
    const status = exampleStatus(graph);
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: true, bindingStatus: status });
    await render(
      <div style={{ width: 1260, height: 780 }}>
        <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly status={status} />
      </div>,
    );
    await showWholeFlow(document, graph.nodes.length);
    const dlqEdges = () => [...document.querySelectorAll('.react-flow__edge')].filter((e) => e.querySelector('.efs-edge--dlq'));
    await expect.poll(() => dlqEdges().map((e) => e.querySelector('.react-flow__edge-text')?.textContent).sort()).toEqual(['0 dead-lettered', '1 dead-lettered']);
    for (const edge of dlqEdges()) {
      const label = edge.querySelector('.react-flow__edge-textwrapper');
      expect(label?.querySelector('.react-flow__edge-textbg')).not.toBeNull();
      // In SVG the later element is painted on top: every visible dashed piece must come before the label.
      const dashes = [...edge.querySelectorAll('path.efs-edge--dlq')].filter((p) => getComputedStyle(p).visibility !== 'hidden');
      expect(dashes.length).toBeGreaterThan(0);
      const drawnOver = dashes.filter((piece) => label && piece.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_PRECEDING);
      expect(drawnOver, edge.getAttribute('data-id') ?? '').toEqual([]);
    }
  });
});
