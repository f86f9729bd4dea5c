import { Palette } from '@event-flows/editor';
import { generateFlow } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { withEditor, type EditorStoryParameters } from './withEditor.tsx';

const meta = {
  title: 'Editor/Palette',
  component: Palette,
  decorators: [withEditor],
} satisfies Meta<typeof Palette>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The demo org's algorithms and the local connection's topics; searching narrows both lists. */
export const Typical: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: /^Add algorithm classify/ })).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Search algorithms and topics'), 'enrich');
    await expect(canvas.queryByRole('button', { name: /^Add algorithm classify/ })).toBeNull();
    await expect(canvas.getByRole('button', { name: /^Add algorithm enrich/ })).toBeVisible();
  },
};

/** A search that matches nothing says so. */
export const NothingMatches: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Search algorithms and topics'), 'no-such-thing');
    await expect(canvas.getByText(/Nothing matches/)).toBeVisible();
  },
};

/** The catalog of a generated 200-node flow: many algorithms and topics to scroll and search. */
export const LargeCatalog: Story = {
  parameters: { editor: { catalog: generateFlow(200).catalog, graph: generateFlow(200).graph } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('button').length).toBeGreaterThan(10);
  },
};
