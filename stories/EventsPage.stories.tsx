import '../packages/plugin/src/app/studio.css';
import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { EventsPageView } from '../packages/plugin/src/events/EventsPage.tsx';
import eventsTab from './EventsTab.stories.tsx';
import { storyTheme } from './storyTheme.ts';

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
  // The Events tab's own stories' rows and controls: this page is that tab, framed as the host shows it.
  args: eventsTab.args,
  argTypes: eventsTab.argTypes,
} satisfies Meta<typeof EventsPageView>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * The Events tab on the host's page: the page in the app's panel colour with the tab flat on it (the
 * Events tab's own stories show it as a card on the page background, and its interactions).
 */
export const Typical: Story = {
  play: async ({ canvasElement, globals }) => {
    const canvas = within(canvasElement);
    const page = canvasElement.querySelector<HTMLElement>('.efs-app');
    if (!page) throw new Error('the story is not in the studio\'s frame');
    await expect(getComputedStyle(page).backgroundColor).toBe(panelColour[storyTheme(globals)]);
    // On the host the tab is the page itself, in the page's colour and across its width, not a card on it.
    const tab = canvas.getByRole('region', { name: `Events ${eventsTab.args.algorithm}` });
    await expect(getComputedStyle(tab).backgroundColor).toBe(getComputedStyle(page).backgroundColor);
    await expect(canvas.getByRole('table').getBoundingClientRect().width).toBeGreaterThan(page.getBoundingClientRect().width * 0.9);
    await expect(canvas.getAllByRole('row')).toHaveLength(eventsTab.args.rows.length + 1);
  },
};

/** The page in the dark theme, as a host in dark shows it. */
export const Dark: Story = { ...Typical, globals: { theme: 'dark' } };
