import { Palette } from '@event-flows/editor';
import { demoCatalog, emptyGraph, generateFlow } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { panelArgTypes, withEditor, type EditorStoryParameters, type PanelStoryArgs } from './withEditor.tsx';

const { selected: _selection, ...paletteArgTypes } = panelArgTypes;

const meta = {
  title: 'Panels/Palette',
  component: Palette,
  decorators: [withEditor],
  // A viewer's palette and the panel's width are controls; the story's editor follows them.
  argTypes: paletteArgTypes,
  render: () => <Palette />,
} satisfies Meta<PanelStoryArgs>;

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

/** A search that matches nothing but is a legal topic name offers to create that topic. */
export const NothingMatches: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Search algorithms and topics'), 'no-such-thing');
    await expect(canvas.getByRole('button', { name: 'Create topic “no-such-thing” on Local Kafka' })).toBeVisible();
    await expect(canvas.queryByText(/Nothing matches/)).toBeNull();
  },
};

/** A search that could not be a topic name says what a name may hold, next to New topic. */
export const NothingMatchesIllegalName: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Search algorithms and topics'), 'no such thing!');
    await expect(canvas.getByText(/Nothing matches/)).toHaveTextContent('use New topic to make one');
    await expect(canvas.getByRole('button', { name: 'New topic' })).toBeVisible();
  },
};

/**
 * A fresh installation: the connection has no topics yet, one topic is named by a saved flow. A
 * searched name is offered for creation, with the connection's defaults in the form.
 */
export const EmptyCatalog: Story = {
  parameters: {
    editor: {
      graph: emptyGraph(),
      catalog: {
        ...demoCatalog(),
        connections: [
          {
            id: 'local',
            name: 'Embedded Kafka',
            topics: [],
            defaults: { partitions: 1, replicationFactor: 1, retentionMs: 604_800_000 },
            plannedTopics: [{ name: 'orders', flow: 'Order pipeline' }],
          },
        ],
      },
    } satisfies EditorStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: /^Add topic orders/ })).toHaveTextContent('not created yet · in flow Order pipeline');
    await userEvent.type(canvas.getByLabelText('Search algorithms and topics'), 'payments');
    await userEvent.click(canvas.getByRole('button', { name: 'Create topic “payments” on Embedded Kafka' }));
    const form = within(canvas.getByRole('form', { name: 'New topic' }));
    await expect(form.getByLabelText('Topic name')).toHaveValue('payments');
    await expect(form.getByLabelText('Retention (hours)')).toHaveValue(168);
  },
};

/** The catalog of a generated 200-node flow: many algorithms and topics to scroll and search. */
export const LargeCatalog: Story = {
  parameters: { editor: { catalog: generateFlow(200).catalog, graph: generateFlow(200).graph } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // The list starts with the first of the 100 algorithms; only the rows in view are drawn.
    await expect(canvas.getByRole('button', { name: /^Add algorithm algo-0\b/ })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: /^Add algorithm algo-99\b/ })).toBeNull();
    // Searching for the last one shows it, and it alone.
    await userEvent.type(canvas.getByLabelText('Search algorithms and topics'), 'algo-99');
    await expect(canvas.getByRole('button', { name: /^Add algorithm algo-99\b/ })).toBeVisible();
    await expect(canvas.getAllByRole('button', { name: /^Add algorithm / })).toHaveLength(1);
  },
};
