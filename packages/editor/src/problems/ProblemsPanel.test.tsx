import { demoMember, generateFlow } from '@event-flows/model';
import { ReactFlowProvider } from '@xyflow/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { createEditorStore, EditorProvider } from '../store/index.ts';
import { ProblemsPanel } from './ProblemsPanel.tsx';

afterEach(() => cleanup());

/** A generated 1,000-node flow whose algorithms have no grant at all: about 1,500 problems for a member. */
const big = generateFlow(1_000);
const ungranted = { ...big.catalog, grants: [] };

/** How many problem rows (items and group headers) are in the DOM. */
const rowsInDom = () => document.querySelectorAll('.efs-problems li').length;

describe('the problems panel of a large flow', () => {
  it('groups 1,500 problems by algorithm and by connection, collapsed, drawing only the rows in view', async () => {
    await render(
      <ReactFlowProvider>
        <EditorProvider graph={big.graph} catalog={ungranted} actor={demoMember} readOnly={false}>
          <ProblemsPanel />
        </EditorProvider>
      </ReactFlowProvider>,
    );
    const heading = page.getByRole('heading', { name: /^Problems/ });
    await expect.element(heading).toBeVisible();
    const count = Number((heading.element().textContent ?? '').replace(/\D/g, ''));
    expect(count).toBeGreaterThanOrEqual(1_500);
    await expect.element(heading).toHaveTextContent(`Problems (${count.toLocaleString('en')})`);

    const problems = page.getByRole('list', { name: /^Problems/ });
    const first = problems.getByRole('button', { name: /^acme\/algo-0 \(\d+\)$/ });
    await expect.element(first).toHaveAttribute('aria-expanded', 'false');
    expect(rowsInDom()).toBeLessThan(200);

    await page.getByRole('radio', { name: 'Connection' }).click();
    const local = problems.getByRole('button', { name: `Local Kafka (${count.toLocaleString('en')})` });
    await local.click();
    await expect.element(local).toHaveAttribute('aria-expanded', 'true');
    await expect.element(problems.getByRole('button', { name: /not granted|grant/i }).first()).toBeVisible();
    expect(rowsInDom()).toBeLessThan(200);

    const root = document.querySelector('.efs-problems');
    if (!root) throw new Error('no problems panel');
    const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});

describe('a problem that concerns the whole flow', () => {
  it('is a row in its severity’s colour, as urgent as the others, not a greyed-out disabled button', async () => {
    const flow = generateFlow(2);
    const init = { graph: flow.graph, catalog: flow.catalog, actor: demoMember, readOnly: false };
    const store = createEditorStore(init);
    const message = 'The flow document is damaged; open it again from the list of flows.';
    store.setState({ diagnostics: [{ code: 'schema-invalid', severity: 'error', message, nodeIds: [], edgeIds: [] }] });
    await render(
      <ReactFlowProvider>
        <div className="efs-editor" data-theme="light">
          <EditorProvider {...init} store={store}>
            <ProblemsPanel />
          </EditorProvider>
        </div>
      </ReactFlowProvider>,
    );
    const row = page.getByText(message).element().closest('.efs-problems__item');
    if (!(row instanceof HTMLElement)) throw new Error('no row for the problem');
    // Nothing on the canvas to show, so nothing to press: not a button at all, rather than a disabled one.
    expect(row.tagName).not.toBe('BUTTON');
    expect(page.getByRole('button', { name: new RegExp(message) }).query()).toBeNull();
    const colourOf = (token: string) => {
      const probe = document.createElement('span');
      probe.style.color = `var(${token})`;
      row.after(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    };
    // The error's thick edge in the error colour, a solid frame and the text colour: no dashed, grey look.
    const style = getComputedStyle(row);
    expect([style.borderLeftColor, style.borderLeftWidth, style.borderTopStyle, style.color]).toEqual([colourOf('--efs-error'), '4px', 'solid', colourOf('--efs-fg')]);
  });
});
