import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PendingBadge } from '../packages/plugin/src/admin/PendingRequestsCount.tsx';
import { StudioFrame, type StudioFrameProps } from '../packages/plugin/src/app/StudioFrame.tsx';
import { studioNavigation, type StudioNavPage } from '../packages/plugin/src/app/studioNav.ts';
import { FlowListView } from '../packages/plugin/src/flows/FlowListView.tsx';
import { flows } from './flowPanelData.ts';
import { positionsOf, positionsWithEachCurrent } from './steadyPositions.ts';
import { withStudio } from './withStudio.tsx';

/** The flow list as the page under the frame. */
const flowList = (canWrite: boolean) => (
  <FlowListView
    orgName="Acme Analytics"
    flows={{ state: 'ready', data: flows }}
    canWrite={canWrite}
    open={null}
    notice={null}
    onAction={() => undefined}
    onOpenImport={() => undefined}
    onClose={() => undefined}
    onSaveDetails={async () => undefined}
    onImport={async () => undefined}
    onCreate={async () => undefined}
    onConfirmDelete={() => undefined}
    onConfirmUndeploy={() => undefined}
  />
);

/** Props of the story's {@link Shell}: the frame's, with the page shown first and the grant requests waiting. */
type ShellProps = Omit<StudioFrameProps, 'nav' | 'children'> & { start: StudioNavPage; pendingRequests: number };

/** The frame with the studio's own navigation, working: a click shows that page's name. */
function Shell({ start, pendingRequests, onNavigate, ...props }: ShellProps) {
  const [shown, setShown] = useState(start);
  const nav = studioNavigation(props.person.role, shown, pendingRequests > 0 ? <PendingBadge count={pendingRequests} /> : null);
  const label = (nav.admin?.find((item) => item.page === shown) ?? nav.main.find((item) => item.page === shown))?.label;
  return (
    <div style={{ height: 'calc(100vh - 32px)' }}>
      <StudioFrame
        {...props}
        nav={nav}
        onNavigate={(page) => {
          setShown(page);
          onNavigate(page);
        }}
      >
        {shown === 'flows' ? flowList(props.person.role !== 'viewer') : <h1>{label}</h1>}
      </StudioFrame>
    </div>
  );
}

const meta = {
  title: 'Platform/Studio shell',
  component: Shell,
  decorators: [withStudio],
  args: { person: { name: 'Max (Acme member)', role: 'member' }, start: 'flows', pendingRequests: 0, themeChoice: 'system', onChooseTheme: fn(), onSignOut: fn(), onNavigate: fn() },
  argTypes: { person: { control: 'object' }, themeChoice: { control: 'inline-radio', options: ['light', 'dark', 'system', null] } },
} satisfies Meta<typeof Shell>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The studio's navigation, as a person finds it in the header. */
const studioNav = (canvasElement: HTMLElement) => within(within(canvasElement).getByRole('navigation', { name: 'Studio' }));

/** The words of each entry of a navigation, in order. */
const entries = (nav: ReturnType<typeof studioNav>) => nav.getAllByRole('button').map((b) => b.textContent);

/** A member: Flows, Discover and the platform's listeners, no Admin; who is signed in, the theme, Sign out. */
export const Member: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const nav = studioNav(canvasElement);
    await expect(entries(nav)).toEqual(['Flows', 'Discover', 'Platform listeners']);
    await expect(nav.getByRole('button', { name: 'Flows' })).toHaveAttribute('aria-current', 'page');
    await userEvent.click(nav.getByRole('button', { name: 'Discover' }));
    await expect(args.onNavigate).toHaveBeenCalledWith('discover');
    await expect(nav.getByRole('button', { name: 'Discover' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('button', { name: 'Flows' })).not.toHaveAttribute('aria-current');
    await expect(canvas.getByRole('heading', { name: 'Discover' })).toBeVisible();
    await expect(canvas.queryByRole('navigation', { name: 'Admin' })).toBeNull();
    await userEvent.click(nav.getByRole('button', { name: 'Flows' }));
    await expect(canvas.getByRole('banner')).toHaveTextContent(/Max \(Acme member\)\s*member/);
    // Marking the page shown moves no entry.
    const [first, ...others] = await positionsWithEachCurrent(() => nav.getAllByRole('button'));
    for (const positions of others) await expect(positions).toEqual(first);
  },
};

/**
 * A cluster admin on an admin page (Grants): "Admin" in the header holds it, and the admin pages' row
 * under the header marks it; each admin page is one click away there.
 */
export const AdminOnAdminPage: Story = {
  args: { person: { name: 'Ada (cluster admin)', role: 'admin' }, start: 'grants' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const nav = studioNav(canvasElement);
    await expect(entries(nav)).toEqual(['Flows', 'Discover', 'Platform listeners', 'Admin']);
    await expect(nav.getByRole('button', { name: 'Admin' })).toHaveAttribute('aria-current', 'true');
    const admin = within(canvas.getByRole('navigation', { name: 'Admin' }));
    await expect(entries(admin)).toEqual(['Connections', 'Grants', 'Grant requests', 'Redrive grants', 'Audit log']);
    await expect(admin.getByRole('button', { name: 'Grants' })).toHaveAttribute('aria-current', 'page');
    await expect(canvas.getByRole('heading', { name: 'Grants' })).toBeVisible();
    await userEvent.click(admin.getByRole('button', { name: 'Redrive grants' }));
    await expect(args.onNavigate).toHaveBeenCalledWith('redrive-grants');
    await expect(admin.getByRole('button', { name: 'Redrive grants' })).toHaveAttribute('aria-current', 'page');
    await expect(admin.getByRole('button', { name: 'Grants' })).not.toHaveAttribute('aria-current');
    await expect(canvas.getByRole('heading', { name: 'Redrive grants' })).toBeVisible();
    // Marking the admin page shown moves no tab of the row, nor "Admin" in the header.
    const adminRowAndHeader = () => [...admin.getAllByRole('button'), ...nav.getAllByRole('button')];
    const positions = [];
    for (const label of ['Connections', 'Grants', 'Grant requests', 'Redrive grants', 'Audit log']) {
      await userEvent.click(admin.getByRole('button', { name: label }));
      positions.push(positionsOf(adminRowAndHeader()));
    }
    for (const seen of positions) await expect(seen).toEqual(positions[0]);
    // Back to the flows: the admin row goes, and Admin no longer holds the page shown.
    await userEvent.click(nav.getByRole('button', { name: 'Flows' }));
    await expect(canvas.queryByRole('navigation', { name: 'Admin' })).toBeNull();
    await expect(nav.getByRole('button', { name: 'Admin' })).not.toHaveAttribute('aria-current');
  },
};

/** A cluster admin on the flows with 12 grant requests waiting: "Admin" shows the count, and opens Connections. */
export const AdminWithPendingRequests: Story = {
  args: { person: { name: 'Ada (cluster admin)', role: 'admin' }, pendingRequests: 12 },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const nav = studioNav(canvasElement);
    await expect(nav.getByRole('button', { name: 'Admin 12 pending' })).toBeVisible();
    await expect(canvas.queryByRole('navigation', { name: 'Admin' })).toBeNull();
    // The header's entries and buttons stand on one row.
    const tops = within(canvas.getByRole('banner')).getAllByRole('button').map((b) => Math.round(b.getBoundingClientRect().top));
    await expect(new Set(tops).size).toBe(1);
    await userEvent.click(nav.getByRole('button', { name: 'Admin 12 pending' }));
    await expect(args.onNavigate).toHaveBeenCalledWith('connections');
    const admin = within(canvas.getByRole('navigation', { name: 'Admin' }));
    await expect(admin.getByRole('button', { name: 'Connections' })).toHaveAttribute('aria-current', 'page');
    await expect(admin.getByRole('button', { name: 'Grant requests 12 pending' })).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Connections' })).toBeVisible();
  },
};

/** A viewer, signed in by the host page (no Sign out) with the host's theme (no switch); a very long name is cut. */
export const ViewerInHost: Story = {
  args: { person: { name: 'Dana Okafor-Lindqvist (payments platform team, read-only auditor)', role: 'viewer' }, themeChoice: null, onSignOut: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(entries(studioNav(canvasElement))).toEqual(['Flows', 'Discover', 'Platform listeners']);
    await expect(canvas.queryByRole('button', { name: 'Sign out' })).toBeNull();
    await expect(canvas.queryByLabelText('Theme')).toBeNull();
    await expect(canvas.getByTitle(/^Dana Okafor-Lindqvist/)).toBeVisible();
  },
};

/** The theme switch: the person's choice is handed on. */
export const ChooseTheme: Story = {
  play: async ({ canvasElement, args }) => {
    await userEvent.selectOptions(within(canvasElement).getByRole('combobox', { name: 'Theme' }), 'dark');
    await expect(args.onChooseTheme).toHaveBeenCalledWith('dark');
  },
};
