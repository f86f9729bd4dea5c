import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AdoptDialogView } from '../packages/plugin/src/admin/AdoptDialogView.tsx';
import { DiscoverPageView, type DiscoveredPage, type DiscoverPageViewProps } from '../packages/plugin/src/admin/DiscoverPageView.tsx';
import type { DiscoverView } from '../packages/plugin/src/app/studioAddress.ts';
import { connections, flows } from './adminData.ts';
import { adoptCatalog, discoveredGroups, discoveredPrincipals, discoveredTopics } from './discoverData.ts';
import { withStudio } from './withStudio.tsx';

const counts = { managed: 2, unmanaged: 3, drifted: 1, adopted: 1, 'left-alone': 1 };
/** When the server read the cluster, and the story's fixed clock twelve seconds later. */
const scannedAt = '2026-12-07T10:00:00.000Z';
const now = Date.parse('2026-12-07T10:00:12.000Z');

/** The page of each kind, as the server would read it from the cluster. */
const pages: Record<'topics' | 'acls' | 'groups', DiscoveredPage> = {
  topics: { rows: { kind: 'topics', items: discoveredTopics }, counts, authorizer: true, nextCursor: 'tmp.load-test-7', scannedAt },
  acls: { rows: { kind: 'acls', items: discoveredPrincipals }, counts: { managed: 1, unmanaged: 3, drifted: 1, adopted: 0, 'left-alone': 0 }, authorizer: true, nextCursor: null, scannedAt },
  groups: { rows: { kind: 'groups', items: discoveredGroups }, counts: { managed: 1, unmanaged: 1, drifted: 0, adopted: 0, 'left-alone': 0 }, authorizer: true, nextCursor: null, scannedAt },
};

/** The page with its view kept as the address keeps it: switching lists shows that list. */
function DiscoverWithView(props: DiscoverPageViewProps) {
  const [view, setView] = useState<DiscoverView | undefined>(props.view);
  const kind = view?.kind ?? 'topics';
  const shown = props.shown.state === 'ready' ? { state: 'ready' as const, data: pages[kind] } : props.shown;
  return (
    <DiscoverPageView
      {...props}
      view={view}
      shown={shown}
      onView={(next) => {
        props.onView(next);
        setView(next);
      }}
    />
  );
}

const meta = {
  title: 'Admin/Discover page',
  component: DiscoverPageView,
  decorators: [withStudio],
  render: (args) => <DiscoverWithView {...args} />,
  args: {
    connections: { state: 'ready', data: connections },
    view: undefined,
    onView: fn(),
    connection: 'local',
    shown: { state: 'ready', data: pages.topics },
    role: 'admin',
    onMark: fn(async () => undefined),
    onRescan: fn(async () => undefined),
    onOpenFlow: fn(),
    now,
    adoptDialog: (choice, onClose) => <AdoptDialogView choice={choice} orgName="Acme Analytics" flows={flows} catalog={adoptCatalog} onAdopt={fn(async () => Promise.reject(new Error('Not in a story.')))} onClose={onClose} onOpenFlow={fn()} />,
  },
} satisfies Meta<typeof DiscoverPageView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Topics of every status; choosing two unmanaged ones offers adopt and leave alone; the adopt dialog opens on them. */
export const Topics: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('checkbox', { name: 'Choose orders' })).toBeDisabled();
    // More than fits on a page: the next one is offered.
    await expect(canvas.getByRole('button', { name: 'Next page' })).toBeEnabled();
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Choose legacy.payments' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Choose legacy.audit' }));
    const chosen = within(canvas.getByRole('group', { name: 'Chosen items' }));
    await expect(chosen.getByText('2 topics chosen')).toBeVisible();
    await expect(chosen.getByRole('button', { name: 'Leave alone (2)' })).toBeEnabled();
    await userEvent.click(chosen.getByRole('button', { name: 'Adopt into flow… (2)' }));
    await expect(canvas.getByRole('dialog', { name: 'Adopt 2 topics into a flow' })).toBeVisible();
  },
};

/** A topic adopted into a flow not deployed yet: its box is disabled and says why, and the flow is a link. */
export const AdoptedNotDeployed: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const row = canvas.getByRole('row', { name: /legacy\.refunds/ });
    await expect(within(row).getAllByRole('cell')[1]).toHaveTextContent('adopted · not deployed into Legacy payments');
    await expect(canvas.getByRole('checkbox', { name: 'Choose legacy.refunds' })).toBeDisabled();
    await expect(canvas.getByRole('checkbox', { name: 'Choose legacy.refunds' })).toHaveAccessibleDescription('It is adopted into a flow that is not deployed yet: deploy that flow to take it over.');
    await expect(canvas.getByText(/1 adopted, not deployed/)).toBeVisible();
    await userEvent.click(within(row).getByRole('button', { name: 'Legacy payments' }));
    await expect(args.onOpenFlow).toHaveBeenCalledWith('flow_legacy');
  },
};

/** The page says when the cluster was scanned; Rescan asks the server to read it again. */
export const ScanAgeAndRescan: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Scanned 12 s ago')).toHaveAttribute('datetime', scannedAt);
    await userEvent.click(canvas.getByRole('button', { name: 'Rescan' }));
    await expect(args.onRescan).toHaveBeenCalledTimes(1);
    await expect(canvas.getByRole('button', { name: 'Rescan' })).toBeEnabled();
  },
};

/** A rescan the cluster did not answer: its sentence, and the page keeps the scan it had. */
export const RescanRefused: Story = {
  args: { onRescan: fn(async () => Promise.reject(new Error("Kafka connection 'local' did not answer within 5 s."))) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Rescan' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent("Kafka connection 'local' did not answer within 5 s.");
    await expect(canvas.getByText('Scanned 12 s ago')).toBeVisible();
  },
};

/**
 * The lists are tabs: the arrow keys, Home and End move between them and show that list, and each
 * choice of list is kept in the page's address (a new list starts at its first page).
 */
export const SwitchingLists: Story = {
  args: { view: { search: 'legacy', after: ['legacy.audit'] } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const lists = within(canvas.getByRole('tablist', { name: 'What to list' }));
    await expect(lists.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Topics', 'ACLs', 'Consumer groups']);
    await expect(lists.getByRole('tab', { name: 'Topics' })).toHaveAttribute('aria-selected', 'true');
    await expect(canvas.getByRole('tabpanel', { name: 'Topics' })).toContainElement(canvas.getByRole('table', { name: 'Topics' }));

    lists.getByRole('tab', { name: 'Topics' }).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(lists.getByRole('tab', { name: 'ACLs' })).toHaveAttribute('aria-selected', 'true');
    await expect(lists.getByRole('tab', { name: 'ACLs' })).toHaveFocus();
    await expect(canvas.getByRole('tabpanel', { name: 'ACLs' })).toContainElement(canvas.getByRole('table', { name: 'ACLs by principal' }));
    await expect(args.onView).toHaveBeenLastCalledWith({ search: 'legacy', kind: 'acls' });

    await userEvent.keyboard('{End}');
    await expect(canvas.getByRole('table', { name: 'Consumer groups' })).toBeVisible();
    await expect(args.onView).toHaveBeenLastCalledWith({ search: 'legacy', kind: 'groups' });
    await userEvent.keyboard('{Home}');
    await expect(canvas.getByRole('table', { name: 'Topics' })).toBeVisible();
    // Topics is the default list: the address does not name it.
    await expect(args.onView).toHaveBeenLastCalledWith({ search: 'legacy' });
  },
};

/** Two algorithms' principals chosen: the adopt dialog offers a version picker for each, newest published first. */
export const AdoptPrincipalsWithVersions: Story = {
  args: { view: { kind: 'acls' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Choose User:eventflows.acme.enrich' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Choose User:eventflows.acme.score' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Adopt into flow… (2)' }));
    const dialog = within(canvas.getByRole('dialog', { name: 'Adopt 2 principals into a flow' }));
    await expect(dialog.getByLabelText('acme/enrich')).toHaveValue('2.1.0');
    await expect(dialog.getByText('acme/score: not in the catalog of this org; it is adopted at “latest”.')).toBeVisible();
  },
};

/** Leaving chosen items alone says so, and lets go of them. */
export const LeftAlone: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Choose legacy.audit' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Leave alone (1)' }));
    await expect(args.onMark).toHaveBeenCalledWith([{ kind: 'topics', name: 'legacy.audit', status: 'unmanaged' }], true);
    await expect(await canvas.findByRole('status')).toHaveTextContent('Left 1 topic alone: no longer proposed for adoption.');
    await expect(canvas.getByRole('checkbox', { name: 'Choose legacy.audit' })).not.toBeChecked();
  },
};

/** Principals with their ACLs, one missing an ACL its flow wants. */
export const Principals: Story = {
  args: { view: { kind: 'acls' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('tab', { name: 'ACLs' })).toHaveAttribute('aria-selected', 'true');
    await expect(canvas.getByRole('list', { name: 'ACLs of User:eventflows.acme.alert' })).toHaveTextContent('allow write on topic alerts (missing)');
  },
};

/** Consumer groups, one millions of messages behind. */
export const ConsumerGroups: Story = {
  args: { view: { kind: 'groups' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('row', { name: /legacy-payments-reader/ })).toHaveTextContent('lag 3,365,962');
  },
};

/** The cluster is being read. */
export const Loading: Story = {
  args: { shown: { state: 'loading' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Reading the cluster…');
  },
};

/** The cluster did not answer. */
export const LoadError: Story = {
  args: { shown: { state: 'error', message: "Kafka connection 'local' did not answer within 5 s." } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent("Kafka connection 'local' did not answer within 5 s.");
  },
};

/** A search that matches nothing. */
export const NothingMatches: Story = {
  args: { view: { search: 'no-such-topic' }, shown: { state: 'ready', data: { ...pages.topics, rows: { kind: 'topics', items: [] }, nextCursor: null } } },
  render: (args) => <DiscoverPageView {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Nothing matches.')).toBeVisible();
    // Everything fits on one page: no paging.
    await expect(canvas.queryByRole('button', { name: 'Previous page' })).toBeNull();
    await expect(canvas.queryByRole('button', { name: 'Next page' })).toBeNull();
  },
};

/** No connection yet, as a member sees it. */
export const NoConnections: Story = {
  args: { connections: { state: 'ready', data: [] }, connection: '', role: 'member' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('There are no Kafka connections yet; a cluster admin adds them.')).toBeVisible();
  },
};

/** A viewer: nothing to adopt, so nothing to choose; a sentence says who can. */
export const Viewer: Story = {
  args: { role: 'viewer' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Viewers see what runs; a member of your org can adopt unmanaged topics into a flow.')).toBeVisible();
    await expect(canvas.getByRole('table')).toBeVisible();
    await expect(canvas.queryAllByRole('checkbox')).toEqual([]);
  },
};
