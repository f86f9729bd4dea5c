import { demoMember, generateFlow } from '@event-flows/model';
import { ReactFlowProvider } from '@xyflow/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EditorProvider } from '../store/index.ts';
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
