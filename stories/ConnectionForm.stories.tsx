import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConnectionForm } from '../packages/plugin/src/admin/ConnectionForm.tsx';
import { withStudio } from './withStudio.tsx';

const secured = {
  id: 'eu',
  name: 'Kafka EU',
  bootstrap: ['kafka-1.eu.example.com:9093', 'kafka-2.eu.example.com:9093'],
  auth: { mechanism: 'scram-sha-512' as const, username: 'studio' },
  tls: { enabled: true, hasCaCertificate: true },
  hasPassword: true,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const meta = {
  title: 'Admin/Connection form',
  component: ConnectionForm,
  decorators: [withStudio],
  args: { onSubmit: fn(async () => undefined), onDelete: fn(async () => undefined), onCancel: fn() },
} satisfies Meta<typeof ConnectionForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Adding a connection: no authentication until a SASL mechanism is chosen. */
export const Add: Story = {};

/** Adding one in the dark theme. */
export const AddDark: Story = { globals: { theme: 'dark' } };

/** Bad values: a sentence beside each field, nothing sent. */
export const AddBadValues: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Bootstrap servers', { exact: false }), 'kafka');
    await userEvent.selectOptions(canvas.getByLabelText('Authentication'), 'plain');
    await userEvent.click(canvas.getByRole('button', { name: 'Add connection' }));
    await expect(canvas.getByText('“kafka” is not host:port (for example kafka-1.example.com:9092).')).toBeVisible();
    await expect(canvas.getByText('Enter the password the connection signs in with.')).toBeVisible();
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

/** Editing a SCRAM connection over TLS: the stored password and CA certificate are never shown. */
export const Edit: Story = { args: { connection: secured } };

/** Editing in the dark theme. */
export const EditDark: Story = { args: { connection: secured }, globals: { theme: 'dark' } };

/** Moving the connection asks for the password again and says why. */
export const EditNeedsPasswordAgain: Story = {
  args: { connection: secured },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const servers = canvas.getByLabelText('Bootstrap servers', { exact: false });
    await userEvent.clear(servers);
    await userEvent.type(servers, 'kafka-9.example.com:9093');
    await userEvent.click(canvas.getByRole('button', { name: 'Save connection' }));
    await expect(canvas.getByText(/^Enter the password again: you changed the bootstrap servers/)).toBeVisible();
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

/** A delete refused while grants use the connection, with the server's reason. */
export const DeleteRefused: Story = {
  args: {
    connection: secured,
    onDelete: fn(async () => {
      throw new Error('Grants on "eu" would be deleted with it: 1 grant (acme/classify subscribe orders). Revoke them first.');
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Delete connection…' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Delete Kafka EU' }));
    await expect(canvas.getByRole('alert')).toHaveTextContent('Revoke them first.');
  },
};
