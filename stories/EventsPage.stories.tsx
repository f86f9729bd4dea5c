import '../packages/plugin/src/app/studio.css';
import { exampleEventsTab } from '@event-flows/editor';
import { demoCatalog } from '@event-flows/model';
import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { EventsPageView } from '../packages/plugin/src/events/EventsPage.tsx';
import { storyTheme } from './storyTheme.ts';

const algorithm = 'acme/classify';
const mixed = exampleEventsTab(demoCatalog(), algorithm, [{ topic: 'orders', access: 'subscribe', version: '1.1.0', dlq: 'orders.dlq' }]);

/**
 * The studio's own root (`.efs-app`) as the host's algorithm profile mounts it for the Events tab: no
 * navigation round it and no margin of its own, in the app's panel colour and type.
 */
const inHostFrame: Decorator = (Story, { globals }) => (
  <div className="efs-app" data-theme={storyTheme(globals)} style={{ minHeight: '100vh' }}>
    <Story />
  </div>
);

/** The app's panel colour, the page behind the tab on the host (the tokens' --efs-panel-bg). */
const panelColour = { light: 'rgb(255, 255, 255)', dark: 'rgb(28, 32, 41)' };

const meta = {
  title: 'Platform/Events page',
  component: EventsPageView,
  decorators: [inHostFrame],
  args: {
    algorithm,
    ...mixed,
    onEnable: fn(async () => undefined),
    onEdit: fn(async () => undefined),
    onDisable: fn(async () => undefined),
    readOnly: false,
    theme: 'light',
  },
  argTypes: {
    rows: { control: false },
    versions: { control: false },
    // The toolbar's theme switch sets it (the preview's decorator).
    theme: { control: false },
  },
} satisfies Meta<typeof EventsPageView>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The Events tab on the host's page: the page in the app's panel colour with the tab flat on it (the
 * Events tab's own stories show it as a card on the page background), and enabling the publication.
 */
export const Typical: Story = {
  play: async ({ canvasElement, args, globals }) => {
    const canvas = within(canvasElement);
    const page = canvasElement.querySelector<HTMLElement>('.efs-app');
    if (!page) throw new Error('the story is not in the studio\'s frame');
    await expect(getComputedStyle(page).backgroundColor).toBe(panelColour[storyTheme(globals)]);
    // On the host the tab is the page itself, in the page's colour and across its width, not a card on it.
    const tab = canvas.getByRole('region', { name: `Events ${algorithm}` });
    await expect(getComputedStyle(tab).backgroundColor).toBe(getComputedStyle(page).backgroundColor);
    await expect(canvas.getByRole('table').getBoundingClientRect().width).toBeGreaterThan(page.getBoundingClientRect().width * 0.9);
    await expect(canvas.getAllByRole('row')).toHaveLength(mixed.rows.length + 1);

    await userEvent.click(canvas.getByRole('button', { name: 'Enable orders.classified (publish)' }));
    const form = within(canvas.getByRole('form', { name: 'Enable publish access to orders.classified' }));
    await userEvent.selectOptions(form.getByLabelText('Version'), '1.2.0');
    await userEvent.click(form.getByRole('button', { name: 'Enable' }));
    await waitFor(() =>
      expect(args.onEnable).toHaveBeenCalledWith({ algorithm, connection: 'local', topic: 'orders.classified', access: 'publish', version: '1.2.0' }),
    );
  },
};

/** A viewer of the algorithm's organisation: the same page with what is enabled and no action. */
export const Viewer: Story = {
  args: { readOnly: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('row')).toHaveLength(mixed.rows.length + 1);
    await expect(canvas.queryAllByRole('button')).toHaveLength(0);
  },
};

/** The page in the dark theme, as a host in dark shows it. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const page = canvasElement.querySelector<HTMLElement>('.efs-app');
    if (!page) throw new Error('the story is not in the studio\'s frame');
    await expect(getComputedStyle(page).backgroundColor).toBe(panelColour.dark);
  },
};
