import { demoCatalog, demoMember, earlierPipelineGraph, pipelineGraph } from '@event-flows/model';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor, type EditorTheme } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';
import { showWholeFlow } from '../testing/wholeFlow.ts';
import type { RevisionDiffSource } from './index.ts';

afterEach(() => cleanup());

/** The demo pipeline in the editor, with the changes since its earlier revision shown when `shown`. */
const store = createEditorStore({ graph: pipelineGraph(), catalog: demoCatalog(), actor: demoMember, readOnly: false });

function editor(shown: RevisionDiffSource | null, theme: EditorTheme) {
  const { graph, catalog, actor } = store.getState();
  return (
    <div style={{ width: 1200, height: 760 }}>
      <EventFlowsEditor store={store} graph={graph} catalog={catalog} actor={actor} theme={theme} revisionDiff={shown} />
    </div>
  );
}

const element = (kind: 'node' | 'edge', id: string) => document.querySelector<Element>(`.react-flow__${kind}[data-id="${id}"]`);
const diffClass = (kind: 'node' | 'edge', id: string) => [...(element(kind, id)?.classList ?? [])].find((c) => c.startsWith('efs-diff--')) ?? 'none';

describe('a revision diff on the canvas', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`marks added, removed and changed nodes and edges, with a legend and a way out (${theme})`, async () => {
      const onHide = vi.fn();
      const screen = await render(editor({ label: 'revision 3', graph: earlierPipelineGraph(), onHide }, theme));
      // Eight nodes of the document and the removed audit topic, drawn where revision 3 had it.
      await showWholeFlow(document, 9);
      expect(['a-alert', 't-alerts', 'a-classify', 't-audit', 't-orders'].map((id) => diffClass('node', id))).toEqual([
        'efs-diff--added',
        'efs-diff--added',
        'efs-diff--changed',
        'efs-diff--removed',
        'none',
      ]);
      expect(['e7', 'e8', 'e1', 'e-audit', 'e2'].map((id) => diffClass('edge', id))).toEqual([
        'efs-diff--added',
        'efs-diff--added',
        'efs-diff--changed',
        'efs-diff--removed',
        'none',
      ]);
      // Not by colour alone: a badge and the accessible name say it too.
      expect(element('node', 'a-alert')?.getAttribute('aria-label')).toBe('Algorithm acme/alert, added since revision 3');
      expect(element('node', 't-audit')?.getAttribute('aria-label')).toBe('Topic orders.audit, removed since revision 3');
      expect(element('node', 't-audit')?.querySelector('.efs-diff-badge')?.textContent).toBe('−');
      // The removed topic is a ghost: it cannot be dragged, selected or connected.
      expect(element('node', 't-audit')?.classList.contains('draggable')).toBe(false);
      expect(element('node', 't-audit')?.classList.contains('selectable')).toBe(false);

      const legend = page.getByRole('region', { name: 'Changes since revision 3' });
      await expect.element(legend).toHaveTextContent('+ 4 added');
      await expect.element(legend).toHaveTextContent('− 2 removed');
      await expect.element(legend).toHaveTextContent('~ 2 changed');
      const root = document.querySelector('.efs-editor');
      if (!root) throw new Error('the editor is missing');
      const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      await legend.getByRole('button', { name: 'Hide changes' }).click();
      expect(onHide).toHaveBeenCalledOnce();
      await screen.rerender(editor(null, theme));
      await expect.poll(() => document.querySelectorAll('[class*="efs-diff--"]').length).toBe(0);
      expect(element('node', 't-audit')).toBeNull();
      await expect.element(page.getByRole('region', { name: /Changes since/ })).not.toBeInTheDocument();
    });
  }
});

describe('a revision diff with nothing changed', () => {
  it('says so instead of counting zeros', async () => {
    await render(editor({ label: 'revision 4', graph: pipelineGraph(), onHide: () => undefined }, 'light'));
    const legend = page.getByRole('region', { name: 'Changes since revision 4' });
    await expect.element(legend).toHaveTextContent('The flow is as it was then (positions aside).');
    expect(document.querySelectorAll('[class*="efs-diff--"]')).toHaveLength(0);
  });
});
