import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PendingBadge } from '../packages/plugin/src/admin/PendingRequestsCount.tsx';
import { StudioFrame, type StudioFrameProps, type StudioNavItem } from '../packages/plugin/src/app/StudioFrame.tsx';
import { FlowListView } from '../packages/plugin/src/flows/FlowListView.tsx';
import { flows } from './flowPanelData.ts';
import { withStudio } from './withStudio.tsx';

const pages = [
  { name: 'flows', label: 'Flows' },
  { name: 'connections', label: 'Connections', adminOnly: true },
  { name: 'grants', label: 'Grants', adminOnly: true },
  { name: 'grant-requests', label: 'Grant requests', adminOnly: true },
  { name: 'discover', label: 'Discover' },
  { name: 'platform-listeners', label: 'Platform listeners' },
  { name: 'audit', label: 'Audit log', adminOnly: true },
];

/** The navigation a person with `role` gets, `current` marked, 12 grant requests waiting for an admin. */
function navFor(role: StudioFrameProps['person']['role'], current: string): StudioNavItem[] {
  return pages
    .filter((p) => role === 'admin' || !p.adminOnly)
    .map((p) => ({ name: p.name, label: p.label, current: p.name === current, ...(p.name === 'grant-requests' ? { badge: <PendingBadge count={12} /> } : {}) }));
}

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

/** The frame with its navigation working: a click shows that page's name. */
function Shell(props: Omit<StudioFrameProps, 'nav' | 'children' | 'onNavigate'> & { onNavigate: (name: string) => void }) {
  const [current, setCurrent] = useState('flows');
  const label = pages.find((p) => p.name === current)?.label ?? current;
  return (
    <div style={{ height: 'calc(100vh - 32px)' }}>
      <StudioFrame
        {...props}
        nav={navFor(props.person.role, current)}
        onNavigate={(name) => {
          setCurrent(name);
          props.onNavigate(name);
        }}
      >
        {current === 'flows' ? flowList(props.person.role !== 'viewer') : <h1>{label}</h1>}
      </StudioFrame>
    </div>
  );
}

const meta = {
  title: 'Platform/Studio shell',
  component: Shell,
  decorators: [withStudio],
  args: { person: { name: 'Max (Acme member)', role: 'member' }, themeChoice: 'system', onChooseTheme: fn(), onSignOut: fn(), onNavigate: fn() },
  argTypes: { person: { control: 'object' }, themeChoice: { control: 'inline-radio', options: ['light', 'dark', 'system', null] } },
} satisfies Meta<typeof Shell>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A member: Flows, Discover and the platform's listeners; who is signed in, the theme, Sign out. */
export const Member: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const nav = within(canvas.getByRole('navigation', { name: 'Studio' }));
    await expect(nav.getAllByRole('button').map((b) => b.textContent)).toEqual(['Flows', 'Discover', 'Platform listeners']);
    await expect(nav.getByRole('button', { name: 'Flows' })).toHaveAttribute('aria-current', 'page');
    await userEvent.click(nav.getByRole('button', { name: 'Discover' }));
    await expect(args.onNavigate).toHaveBeenCalledWith('discover');
    await expect(nav.getByRole('button', { name: 'Discover' })).toHaveAttribute('aria-current', 'page');
    await expect(canvas.getByRole('heading', { name: 'Discover' })).toBeVisible();
    await userEvent.click(nav.getByRole('button', { name: 'Flows' }));
    await expect(canvas.getByRole('banner')).toHaveTextContent(/Max \(Acme member\)\s*member/);
  },
};

/** A cluster admin: the admin pages too, 12 grant requests waiting. */
export const Admin: Story = {
  args: { person: { name: 'Ada (cluster admin)', role: 'admin' } },
  play: async ({ canvasElement }) => {
    const nav = within(within(canvasElement).getByRole('navigation', { name: 'Studio' }));
    await expect(nav.getByRole('button', { name: /Grant requests/ })).toHaveTextContent('Grant requests12');
    await expect(nav.getByLabelText('12 pending')).toBeVisible();
  },
};

/** A viewer, signed in by the host page (no Sign out) with the host's theme (no switch); a very long name is cut. */
export const ViewerInHost: Story = {
  args: { person: { name: 'Dana Okafor-Lindqvist (payments platform team, read-only auditor)', role: 'viewer' }, themeChoice: null, onSignOut: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
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
