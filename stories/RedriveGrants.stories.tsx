import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { RedriveGrantsView, type RedriveGrantRow, type RedriveGrantsViewProps, type RedrivePerson } from '../packages/plugin/src/admin/RedriveGrantsView.tsx';
import { withStudio } from './withStudio.tsx';

const orgs = [
  { id: 'acme', name: 'Acme' },
  { id: 'globex', name: 'Globex' },
];

const grants: RedriveGrantRow[] = [
  { orgId: 'acme', userId: 'max', userName: 'Max (Acme member)', grantedBy: 'ada', grantedByName: 'Ada (cluster admin)', grantedAt: '2026-12-06T09:30:00.000Z' },
  { orgId: 'acme', userId: 'oncall-7', userName: null, grantedBy: 'ada', grantedByName: 'Ada (cluster admin)', grantedAt: '2026-12-07T06:12:00.000Z' },
  { orgId: 'globex', userId: 'gina', userName: 'Gina (Globex member)', grantedBy: 'eventflows-seed', grantedByName: null, grantedAt: '2026-12-01T08:00:00.000Z' },
];

/** Each org's people as the server lists them: by name, those who may redrive already and viewers marked. */
const peopleOf: Record<string, RedrivePerson[]> = {
  acme: [
    { userId: 'ada', name: 'Ada (cluster admin)', clusterAdmin: true, viewer: false, granted: false },
    { userId: 'max', name: 'Max (Acme member)', clusterAdmin: false, viewer: false, granted: true },
    { userId: 'val', name: 'Val (Acme viewer)', clusterAdmin: false, viewer: true, granted: false },
    { userId: 'oncall-7', name: null, clusterAdmin: false, viewer: false, granted: true },
    { userId: 'svc-reports', name: null, clusterAdmin: false, viewer: false, granted: false },
  ],
  globex: [
    { userId: 'gina', name: 'Gina (Globex member)', clusterAdmin: false, viewer: false, granted: true },
    { userId: 'gus', name: 'Gus (Globex member)', clusterAdmin: false, viewer: false, granted: false },
  ],
};

/**
 * The view as its container feeds it: the chosen org's people (the story's `people` for the first org,
 * then the fixture's), and a give that the next read of the grants and people shows.
 */
function AsFed(args: RedriveGrantsViewProps) {
  const [orgId, setOrgId] = useState(args.orgId);
  const [given, setGiven] = useState<RedriveGrantRow[]>([]);
  const listed = orgId === args.orgId ? args.people : (peopleOf[orgId] ?? []);
  const people = listed?.map((p) => (given.some((g) => g.orgId === orgId && g.userId === p.userId) ? { ...p, granted: true } : p)) ?? null;
  return (
    <RedriveGrantsView
      {...args}
      grants={args.grants ? [...args.grants, ...given] : args.grants}
      orgId={orgId}
      people={people}
      onOrgChange={(next) => {
        args.onOrgChange(next);
        setOrgId(next);
      }}
      onGive={async (grant) => {
        await args.onGive(grant);
        const person = listed?.find((p) => p.userId === grant.userId);
        setGiven((rows) => [...rows, { ...grant, userName: person?.name ?? null, grantedBy: 'ada', grantedByName: 'Ada (cluster admin)', grantedAt: '2026-12-07T10:00:00.000Z' }]);
      }}
    />
  );
}

const meta = {
  title: 'Admin/Redrive grants',
  component: RedriveGrantsView,
  decorators: [withStudio],
  render: (args) => <AsFed {...args} />,
  args: {
    grants,
    orgs,
    orgId: 'acme',
    people: peopleOf.acme ?? [],
    onOrgChange: fn(),
    onGive: fn(async () => undefined),
    onTakeBack: fn(async () => undefined),
  },
} satisfies Meta<typeof RedriveGrantsView>;

export default meta;
type Story = StoryObj<typeof meta>;

const personOption = (canvas: ReturnType<typeof within>, name: string | RegExp) => within(canvas.getByLabelText('Person')).getByRole('option', { name });

/** Who may redrive which org's dead letters; give one of the org's people the permission by name, and take one back. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const table = canvas.getByRole('table', { name: 'Who may redrive dead letters' });
    await expect(table).toBeVisible();
    // Those who may redrive already are shown as such, not offered.
    await expect(personOption(canvas, 'Ada (cluster admin) · ada: a cluster admin')).toBeDisabled();
    await expect(personOption(canvas, 'Max (Acme member) · max: given already')).toBeDisabled();
    // A viewer may only read: shown with the reason, not offered.
    await expect(personOption(canvas, 'Val (Acme viewer) · val: a viewer: may only read')).toBeDisabled();
    // Nobody chosen: nothing is given.
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(canvas.getByText('Choose whose permission it is.')).toBeVisible();
    await expect(args.onGive).not.toHaveBeenCalled();

    await userEvent.selectOptions(canvas.getByLabelText('Person'), 'svc-reports');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(args.onGive).toHaveBeenCalledWith({ orgId: 'acme', userId: 'svc-reports' });
    await expect(await canvas.findByText('svc-reports may now redrive the dead letters of Acme.')).toBeVisible();
    // The grant appears as a row, and nobody is left to offer: the others may redrive already, Val only reads.
    await expect(within(table).getByText('svc-reports')).toBeVisible();
    await expect(canvas.getByText('Everyone in Acme who may be given it has it already; viewers may only read.')).toBeVisible();

    // Taken back by name, as it was given.
    await userEvent.click(canvas.getByRole('button', { name: "Take back Max (Acme member)'s redrive permission for Acme" }));
    await expect(args.onTakeBack).toHaveBeenCalledWith(expect.objectContaining({ orgId: 'acme', userId: 'max' }));
    await expect(await canvas.findByText('Max (Acme member) may no longer redrive the dead letters of Acme.')).toBeVisible();
  },
};

/** The same in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Another org: its people are asked for and offered instead. */
export const OtherOrg: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByLabelText('Org'), 'globex');
    await expect(args.onOrgChange).toHaveBeenCalledWith('globex');
    await waitFor(() => expect(personOption(canvas, 'Gus (Globex member) · gus')).toBeEnabled());
    await expect(personOption(canvas, 'Gina (Globex member) · gina: given already')).toBeDisabled();
    await expect(within(canvas.getByLabelText('Person')).queryByRole('option', { name: /Val/ })).toBeNull();
    await userEvent.selectOptions(canvas.getByLabelText('Person'), 'gus');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(args.onGive).toHaveBeenCalledWith({ orgId: 'globex', userId: 'gus' });
    await expect(await canvas.findByText('Gus (Globex member) may now redrive the dead letters of Globex.')).toBeVisible();
  },
};

/** The org's people are being read: nobody can be chosen yet. */
export const PeopleLoading: Story = {
  args: { people: null },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("Reading Acme's people…")).toBeVisible();
    await expect(canvas.queryByLabelText('Person')).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Give permission' })).toBeDisabled();
  },
};

/** The platform could not list the org's people: the person's user id is typed instead, and the page says why. */
export const PeopleUnreadable: Story = {
  args: { people: null, peopleError: "The platform answered 503 when listing acme's members: directory restarting." },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("The platform answered 503 when listing acme's members: directory restarting. Type the person's user id instead.")).toBeVisible();
    // A user id that is not one is refused beside its field, and nothing is given.
    await userEvent.type(canvas.getByLabelText('User id'), 'not an id');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(canvas.getByText(/This is not a user id/)).toBeVisible();
    await expect(args.onGive).not.toHaveBeenCalled();
    await userEvent.clear(canvas.getByLabelText('User id'));
    await userEvent.type(canvas.getByLabelText('User id'), 'oncall-9');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(args.onGive).toHaveBeenCalledWith({ orgId: 'acme', userId: 'oncall-9' });
    await expect(await canvas.findByText('oncall-9 may now redrive the dead letters of Acme.')).toBeVisible();
  },
};

/**
 * The org has more people than the platform is asked for: the page says only the first 1,000 are
 * offered, and someone not offered is given the permission by their user id.
 */
export const PeopleCut: Story = {
  args: { peopleComplete: false },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/^Only the first 1,000 of Acme's people are offered: the platform lists more\./)).toBeVisible();
    // The people listed are offered as always.
    await expect(personOption(canvas, 'svc-reports')).toBeEnabled();
    // Someone else: their user id, typed.
    await userEvent.selectOptions(canvas.getByLabelText('Person'), 'Someone else: type their user id…');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(canvas.getByText('Say whose permission it is: their user id.')).toBeVisible();
    await expect(args.onGive).not.toHaveBeenCalled();
    await userEvent.type(canvas.getByLabelText('User id'), 'person_1042');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(args.onGive).toHaveBeenCalledWith({ orgId: 'acme', userId: 'person_1042' });
    await expect(await canvas.findByText('person_1042 may now redrive the dead letters of Acme.')).toBeVisible();
    await expect(within(canvas.getByRole('table', { name: 'Who may redrive dead letters' })).getByText('person_1042')).toBeVisible();
  },
};

/** Everyone listed may redrive already, but the list is cut: someone else can still be given the permission. */
export const EveryoneListedGrantedPeopleCut: Story = {
  args: { peopleComplete: false, people: (peopleOf.acme ?? []).map((p) => ({ ...p, granted: !p.clusterAdmin })) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByText('Everyone in Acme may redrive already.')).toBeNull();
    await userEvent.selectOptions(canvas.getByLabelText('Person'), 'Someone else: type their user id…');
    await userEvent.type(canvas.getByLabelText('User id'), 'person_1042');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(args.onGive).toHaveBeenCalledWith({ orgId: 'acme', userId: 'person_1042' });
  },
};

/** Everyone in the org who may be given the permission has it already (the viewer may only read): there is nobody to give it to. */
export const EveryoneGranted: Story = {
  args: { people: (peopleOf.acme ?? []).map((p) => ({ ...p, granted: !p.clusterAdmin && !p.viewer })) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Everyone in Acme who may be given it has it already; viewers may only read.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Give permission' })).toBeDisabled();
  },
};

/** No grant yet: only cluster admins may redrive. */
export const Empty: Story = {
  args: { grants: [], people: (peopleOf.acme ?? []).map((p) => ({ ...p, granted: false })) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No one besides cluster admins may redrive')).toBeVisible();
  },
};

/** The grants are being read. */
export const Loading: Story = { args: { grants: null } };

/** The grants could not be read; a give the server refuses says why. */
export const Error: Story = {
  args: {
    grants: null,
    error: 'The server did not answer: check your connection and try again.',
    onGive: fn(async () => Promise.reject(new globalThis.Error('Only cluster admins give the redrive permission.'))),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('The server did not answer: check your connection and try again.')).toBeVisible();
    await userEvent.selectOptions(canvas.getByLabelText('Person'), 'svc-reports');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(await canvas.findByText('Only cluster admins give the redrive permission.')).toBeVisible();
  },
};

/** The error in the dark theme. */
export const ErrorDark: Story = { ...Error, globals: { theme: 'dark' } };
