import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { GrantsView, type GrantsViewProps } from '../packages/plugin/src/admin/GrantsView.tsx';
import { connectionNames, connections, grants, publishedAlgorithms, topicNames } from './adminData.ts';
import { withStudio } from './withStudio.tsx';

/** The page as the container keeps it: a revoked grant leaves the list. */
function GrantsRevoking(props: GrantsViewProps) {
  const [shown, setShown] = useState(props.grants);
  return (
    <GrantsView
      {...props}
      grants={shown}
      onRevoke={(grant) => {
        props.onRevoke(grant);
        setShown((s) => (s.state === 'ready' ? { state: 'ready', data: s.data.filter((g) => g !== grant) } : s));
      }}
    />
  );
}

const meta = {
  title: 'Admin/Grants page',
  component: GrantsView,
  decorators: [withStudio],
  render: (args) => <GrantsRevoking {...args} />,
  args: {
    grants: { state: 'ready', data: grants },
    connectionNames,
    revokeProblem: null,
    onRevoke: fn(),
    form: {
      algorithms: publishedAlgorithms,
      connections,
      connection: 'eu-prod',
      onConnectionChange: fn(),
      topics: { state: 'ready', names: topicNames },
      onAdd: fn(async () => undefined),
    },
  },
} satisfies Meta<typeof GrantsView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Grants on several clusters, subscribe and publish; revoking one takes it off the list. */
export const Populated: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const revoke = canvas.getByRole('button', { name: 'Revoke acme/enrich publish payments.enriched.v2' });
    await userEvent.click(revoke);
    await expect(args.onRevoke).toHaveBeenCalledWith(grants[3]);
    await expect(canvas.queryByRole('row', { name: /payments\.enriched\.v2/ })).toBeNull();
    await expect(canvas.getAllByRole('row')).toHaveLength(grants.length);
  },
};

/** The grants are on their way. */
export const Loading: Story = {
  args: { grants: { state: 'loading' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading the grants…');
  },
};

/** The list could not be read. */
export const LoadError: Story = {
  args: { grants: { state: 'error', message: 'The studio’s database did not answer; try again in a moment.' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('The studio’s database did not answer; try again in a moment.');
  },
};

/** No grant yet: the empty state, and the form to add the first. */
export const Empty: Story = {
  args: { grants: { state: 'ready', data: [] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No grants yet')).toBeVisible();
    await expect(canvas.getByRole('form', { name: 'Add a grant' })).toBeVisible();
  },
};

/** A revoke the server refused, said above the table. */
export const RevokeRefused: Story = {
  args: { revokeProblem: 'acme/classify subscribe orders is enabled by the flow "Order pipeline": disable it there first.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('disable it there first.');
  },
};

/** The add form left open after a submit with nothing picked: each field says what it needs. */
export const FormWithFieldErrors: Story = {
  play: async ({ canvasElement, args }) => {
    const form = within(within(canvasElement).getByRole('form', { name: 'Add a grant' }));
    await userEvent.click(form.getByRole('button', { name: 'Add grant' }));
    await expect(form.getByLabelText('Algorithm')).toHaveAccessibleDescription('Pick the algorithm to grant access to.');
    await expect(form.getByLabelText('Topic', { exact: true })).toHaveAccessibleDescription('Pick the topic.');
    await expect(args.form.onAdd).not.toHaveBeenCalled();
  },
};

/** The chosen cluster's topics could not be listed: the topic is named by hand. */
export const TopicsUnreadable: Story = {
  args: {
    form: {
      algorithms: publishedAlgorithms,
      connections,
      connection: 'analytics-shared-cluster-apac-southeast-2',
      onConnectionChange: fn(),
      topics: { state: 'error', message: "Kafka connection 'analytics-shared-cluster-apac-southeast-2' did not answer within 5 s." },
      onAdd: fn(async () => undefined),
    },
  },
  play: async ({ canvasElement }) => {
    const form = within(within(canvasElement).getByRole('form', { name: 'Add a grant' }));
    await expect(form.getByLabelText('Topic', { exact: true })).toHaveAccessibleDescription(/^The topics could not be listed/);
  },
};
