import { EventFlowsEditor, type RevisionDiffSource } from '@event-flows/editor';
import { demoCatalog, demoMember, earlierPipelineGraph, pipelineGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { RevisionList, type RevisionListProps } from '../packages/plugin/src/deploy/RevisionList.tsx';
import { storyTheme } from './storyTheme.ts';
import { withStudio } from './withStudio.tsx';

const revisions = [
  { revision: 4, updatedBy: 'ada', updatedByName: 'Ada (cluster admin)', updatedAt: '2026-12-06T10:40:00.000Z' },
  { revision: 3, updatedBy: 'max', updatedByName: 'Max (Acme member)', updatedAt: '2026-12-06T10:20:00.000Z' },
  { revision: 2, updatedBy: 'svc-42', updatedByName: null, updatedAt: '2026-12-05T16:05:00.000Z' },
  { revision: 1, updatedBy: 'seed', updatedByName: 'Event Flows Studio (example)', updatedAt: '2026-12-05T15:00:00.000Z' },
];

const meta = {
  title: 'Panels/History/Revision list',
  component: RevisionList,
  decorators: [withStudio],
  args: {
    revisions,
    deployedRevision: 3,
    currentRevision: 4,
    shownRevision: null,
    canRollBack: true,
    rollingBack: false,
    onShowChanges: fn(),
    onRollBack: fn(),
  },
} satisfies Meta<typeof RevisionList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A member's history: the deployed revision marked once; each revision can show its changes or be rolled back to. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const list = within(within(canvasElement).getByRole('list', { name: 'Revisions' }));
    await expect(list.getAllByText('Deployed', { exact: true })).toHaveLength(1);
    await expect(list.getAllByRole('listitem')[1]).toHaveTextContent(/Revision 3.*Deployed/);
    await expect(list.queryByRole('button', { name: 'Roll back to 4' })).toBeNull();
    await userEvent.click(list.getByRole('button', { name: 'Show changes since revision 3 on the canvas' }));
    await expect(args.onShowChanges).toHaveBeenCalledWith(3);
  },
};

/** The same history in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' }, play: Typical.play };

/** While revision 3's changes are on the canvas its button hides them. */
export const ChangesShown: Story = {
  args: { shownRevision: 3 },
  play: async ({ canvasElement, args }) => {
    const hide = within(canvasElement).getByRole('button', { name: 'Hide changes since revision 3 on the canvas' });
    await expect(hide).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(hide);
    await expect(args.onShowChanges).toHaveBeenCalledWith(null);
  },
};

/** A viewer sees the history and the changes, without rollback. */
export const Viewer: Story = {
  args: { canRollBack: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button', { name: /^Roll back/ })).toBeNull();
  },
};

/** The history beside the editor, as on the flow page: showing a revision's changes marks them on the canvas. */
function HistoryBesideEditor({ theme, ...list }: RevisionListProps & { theme: 'light' | 'dark' }) {
  const [shown, setShown] = useState<number | null>(null);
  const source: RevisionDiffSource | null = shown === null ? null : { label: `revision ${shown}`, graph: earlierPipelineGraph(), onHide: () => setShown(null) };
  return (
    <div style={{ display: 'flex', gap: 12, height: 'calc(100vh - 32px)' }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <EventFlowsEditor graph={pipelineGraph()} catalog={demoCatalog()} actor={demoMember} theme={theme} sidePanels={false} revisionDiff={source} />
      </div>
      <section aria-label="History" style={{ width: 380 }}>
        <RevisionList {...list} shownRevision={shown} onShowChanges={setShown} />
      </section>
    </div>
  );
}

const changeOf = (canvasElement: HTMLElement, kind: 'node' | 'edge', id: string) =>
  [...(canvasElement.querySelector(`.react-flow__${kind}[data-id="${id}"]`)?.classList ?? [])].find((c) => c.startsWith('efs-diff--')) ?? 'none';

const showAndHideChanges: Story['play'] = async ({ canvasElement }) => {
  const page = within(canvasElement);
  await userEvent.click(page.getByRole('button', { name: 'Show changes since revision 3 on the canvas' }));
  const legend = await page.findByRole('region', { name: 'Changes since revision 3' });
  await expect(legend).toHaveTextContent('+ 4 added');
  canvasElement.querySelector<HTMLElement>('.react-flow__controls-fitview')?.click();
  await waitFor(() => expect(canvasElement.querySelector('.react-flow__node[data-id="t-audit"]')).not.toBeNull());
  await expect(['a-alert', 'a-classify', 't-audit', 't-orders'].map((id) => changeOf(canvasElement, 'node', id))).toEqual([
    'efs-diff--added',
    'efs-diff--changed',
    'efs-diff--removed',
    'none',
  ]);
  await expect(changeOf(canvasElement, 'edge', 'e-audit')).toBe('efs-diff--removed');
  await userEvent.click(within(legend).getByRole('button', { name: 'Hide changes' }));
  await waitFor(() => expect(canvasElement.querySelector('.react-flow__node[data-id="t-audit"]')).toBeNull());
  await expect(canvasElement.querySelectorAll('[class*="efs-diff--"]')).toHaveLength(0);
  // Shown again for the screenshot and for axe to check the marks' contrast.
  await userEvent.click(page.getByRole('button', { name: 'Show changes since revision 3 on the canvas' }));
  await page.findByRole('region', { name: 'Changes since revision 3' });
};

/** Revision 3's changes on the canvas: + added, − removed (ghosts), ~ changed, with a legend and "Hide changes". */
export const ChangesOnCanvas: Story = {
  render: (args, { globals }) => <HistoryBesideEditor {...args} theme={storyTheme(globals)} />,
  play: showAndHideChanges,
};

/** The changes on the canvas in the dark theme. */
export const ChangesOnCanvasDark: Story = { ...ChangesOnCanvas, globals: { theme: 'dark' } };
