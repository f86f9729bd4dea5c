/*
 * The editor's list rows and toggles — palette cards, problem rows, the canvas groups' collapse
 * toggle — drawn by the design system's ListButton and Disclosure, in both themes.
 */
import { demoCatalog, demoMember, pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor, type EditorTheme } from './EventFlowsEditor.tsx';
import { showWholeFlow } from './testing/wholeFlow.ts';

afterEach(() => cleanup());

/** The pipeline with an unknown algorithm version (an error) and its alerting end in an expanded group. */
function graph(): FlowGraph {
  const pipeline = pipelineGraph();
  return {
    ...pipeline,
    nodes: pipeline.nodes.map((n) => (n.id === 'a-alert' && n.kind === 'algorithm' ? { ...n, version: '9.9.9' } : n)),
    groups: [{ id: 'g-alert', name: 'Alerting', nodeIds: ['a-alert', 't-alerts'], collapsed: false }],
  };
}

async function mount(theme: EditorTheme) {
  await render(
    <div style={{ width: 1280, height: 760 }}>
      <EventFlowsEditor graph={graph()} catalog={demoCatalog()} actor={demoMember} readOnly={false} theme={theme} />
    </div>,
  );
  // The canvas mounts once it has measured itself; the group's frame is a node of its own.
  await expect.poll(() => document.querySelector('.react-flow__controls-fitview')).not.toBeNull();
  await showWholeFlow(document, pipelineGraph().nodes.length + 1);
}

/** The value of a design token on the editor's root, as the browser computes a colour from it. */
function tokenColour(name: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  document.querySelector('.efs-editor')?.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

describe.each(['light', 'dark'] as const)('list rows and toggles, %s theme', (theme) => {
  it('marks a problem row with its severity colour on its leading edge', async () => {
    await mount(theme);
    const row = page.getByRole('button', { name: /9\.9\.9/ });
    await expect.element(row).toBeVisible();
    const style = getComputedStyle(row.element());
    expect(style.borderLeftColor).toBe(tokenColour('--efs-error'));
    expect(Number.parseFloat(style.borderLeftWidth)).toBeGreaterThanOrEqual(3);
  });

  it('shows which palette card is under the pointer', async () => {
    await mount(theme);
    const card = page.getByRole('button', { name: /^Add algorithm classify/ });
    const look = () => {
      const style = getComputedStyle(card.element());
      return `${style.backgroundColor} ${style.borderTopColor}`;
    };
    const resting = look();
    await userEvent.hover(card);
    await expect.poll(look).not.toBe(resting);
  });

  it('tells a screen reader whether a group on the canvas is expanded', async () => {
    await mount(theme);
    const collapse = page.getByRole('button', { name: 'Collapse group Alerting' });
    await expect.element(collapse).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(collapse);
    await expect.element(page.getByRole('button', { name: 'Expand group Alerting' })).toHaveAttribute('aria-expanded', 'false');
  });
});
