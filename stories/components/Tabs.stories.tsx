import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { Tabs, type TabItem } from '../../packages/editor/src/ui/index.ts';
import { positionsWithEachCurrent } from '../steadyPositions.ts';

const tabs: TabItem[] = [
  { id: 'canvas', label: 'Canvas', panel: <p>The flow on its canvas.</p> },
  { id: 'history', label: 'History', panel: <p>12 revisions, the latest deployed.</p> },
  { id: 'dlq', label: 'Dead letters', panel: <p>No dead letters.</p> },
];

const meta = {
  title: 'Components/Tabs',
  component: Tabs,
  parameters: { padded: true },
  args: { label: 'Flow views', tabs, selected: 'canvas', onSelect: () => undefined },
  argTypes: { tabs: { control: false } },
  render: function Render(args) {
    const [selected, setSelected] = useState(args.selected);
    return <Tabs {...args} selected={selected} onSelect={setSelected} />;
  },
} satisfies Meta<typeof Tabs>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Clicking a tab shows its panel; the arrow keys move to the next tab and select it. */
export const Typical: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('tab', { name: 'History' }));
    await expect(canvas.getByRole('tabpanel')).toHaveTextContent('12 revisions');
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Dead letters' })).toHaveAttribute('aria-selected', 'true');
    await expect(canvas.getByRole('tab', { name: 'Dead letters' })).toHaveFocus();
    await expect(canvas.getByRole('tabpanel')).toHaveTextContent('No dead letters.');
  },
};

/** A tab that cannot be opened now (history before the first save): greyed and skipped by the arrow keys. */
export const WithDisabled: Story = {
  args: { tabs: tabs.map((tab) => (tab.id === 'history' ? { ...tab, disabled: true } : tab)) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('tab', { name: 'History' })).toBeDisabled();
    await userEvent.click(canvas.getByRole('tab', { name: 'Canvas' }));
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Dead letters' })).toHaveAttribute('aria-selected', 'true');
  },
};

/**
 * One panel for every tab, rendered by the caller for the selected one (one list whose rows change
 * with the tab): the tabs carry no panel of their own, and Home and End reach the first and last.
 */
export const SharedPanel: Story = {
  args: { label: 'Lists', tabs: [{ id: 'topics', label: 'Topics' }, { id: 'acls', label: 'ACLs' }, { id: 'groups', label: 'Consumer groups' }], selected: 'topics' },
  render: function Render(args) {
    const [selected, setSelected] = useState(args.selected);
    return <Tabs {...args} selected={selected} onSelect={setSelected} panel={<p>The {selected} of the cluster.</p>} />;
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('tabpanel', { name: 'Topics' })).toHaveTextContent('The topics of the cluster.');
    await userEvent.click(canvas.getByRole('tab', { name: 'ACLs' }));
    await expect(canvas.getByRole('tabpanel', { name: 'ACLs' })).toHaveTextContent('The acls of the cluster.');
    await userEvent.keyboard('{End}');
    await expect(canvas.getByRole('tab', { name: 'Consumer groups' })).toHaveFocus();
    await expect(canvas.getByRole('tabpanel', { name: 'Consumer groups' })).toHaveTextContent('The groups of the cluster.');
    await userEvent.keyboard('{Home}');
    await expect(canvas.getByRole('tabpanel', { name: 'Topics' })).toHaveTextContent('The topics of the cluster.');
    // Marking the selected tab moves no tab.
    const [first, ...others] = await positionsWithEachCurrent(() => canvas.getAllByRole('tab'));
    for (const positions of others) await expect(positions).toEqual(first);
  },
};
