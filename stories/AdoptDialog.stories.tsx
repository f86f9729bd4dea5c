import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AdoptDialogView } from '../packages/plugin/src/admin/AdoptDialogView.tsx';
import { flows } from './adminData.ts';
import { adoptCatalog } from './discoverData.ts';
import { withStudio } from './withStudio.tsx';

const choice = {
  connection: { id: 'eu-prod', name: 'Kafka EU (production)' },
  topics: ['legacy.payments', 'legacy.audit', 'analytics.customer-lifetime-value.predictions.daily-batch.v12.backfill-2026-q4'],
  principals: ['User:eventflows.acme.classify', 'User:ops', 'User:eventflows.acme.enrich', 'User:eventflows.acme.alert'],
  algorithms: ['acme/alert', 'acme/classify', 'acme/enrich'],
};

const adopted = {
  adopted: { flowId: 'flow_new', revision: 1, addedNodes: 9, addedEdges: 6, leftOut: [{ kind: 'principal' as const, name: 'User:ops', reason: 'does not follow the naming template User:{prefix}.{org}.{algorithm}' }] },
  flowName: 'Adopted from Kafka EU (production)',
};

const meta = {
  title: 'Dialogs/Adopt into a flow',
  component: AdoptDialogView,
  decorators: [withStudio],
  args: { choice, orgName: 'Acme Analytics', flows, catalog: adoptCatalog, onAdopt: fn(async () => adopted), onClose: fn(), onOpenFlow: fn() },
} satisfies Meta<typeof AdoptDialogView>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Seven items chosen on a production cluster, into a new flow named after it; the dialog is modal.
 * Each adopted algorithm starts at the catalog's newest published version; one the catalog lacks says so.
 */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    const dialog = within(canvasElement).getByRole('dialog', { name: 'Adopt 3 topics and 4 principals into a flow' });
    await expect(dialog).toHaveTextContent('and 2 more');
    await expect(within(dialog).getByLabelText('Flow name')).toHaveValue('Adopted from Kafka EU (production)');
    const classify = within(dialog).getByLabelText('acme/classify');
    await expect(classify).toHaveValue('1.2.0');
    await expect([...within(classify).getAllByRole('option')].map((o) => o.textContent)).toEqual(['1.2.0', '1.1.0', '1.0.0']);
    // An unpublished build is not offered.
    await expect([...within(within(dialog).getByLabelText('acme/enrich')).getAllByRole('option')].map((o) => o.textContent)).toEqual(['2.1.0', '2.0.0']);
    await expect(dialog).toHaveTextContent('acme/alert: not in the catalog of this org; it is adopted at “latest”.');
  },
};

/** A version other than the newest is chosen: it is the one sent with the adoption. */
export const ChooseVersion: Story = {
  play: async ({ canvasElement, args }) => {
    const dialog = within(within(canvasElement).getByRole('dialog'));
    await userEvent.selectOptions(dialog.getByLabelText('acme/classify'), '1.1.0');
    await userEvent.click(dialog.getByRole('button', { name: 'Adopt' }));
    await expect(args.onAdopt).toHaveBeenCalledWith({
      into: { kind: 'new', name: 'Adopted from Kafka EU (production)' },
      versions: { 'acme/classify': '1.1.0', 'acme/enrich': '2.1.0' },
    });
  },
};

/** The catalog is still loading: the pickers wait, disabled. */
export const CatalogLoading: Story = {
  args: { catalog: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByLabelText('acme/classify')).toBeDisabled();
  },
};

/** Adopted: what was added, what was left out and why, and the way to the flow. */
export const Adopted: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Adopt' }));
    await expect(args.onAdopt).toHaveBeenCalledWith({ into: { kind: 'new', name: 'Adopted from Kafka EU (production)' }, versions: { 'acme/classify': '1.2.0', 'acme/enrich': '2.1.0' } });
    const done = await canvas.findByRole('dialog', { name: 'Adopted' });
    await expect(within(done).getByRole('status')).toHaveTextContent('Added 9 nodes and 6 edges to Adopted from Kafka EU (production) (revision 1).');
    await expect(within(done).getByRole('list', { name: 'Left out' })).toHaveTextContent('User:ops: does not follow the naming template');
    await userEvent.click(within(done).getByRole('button', { name: 'Open the flow' }));
    await expect(args.onOpenFlow).toHaveBeenCalledWith('flow_new');
  },
};

/** Left open with a name a flow may not have: the field says why, nothing is adopted. */
export const NameError: Story = {
  play: async ({ canvasElement, args }) => {
    const dialog = within(within(canvasElement).getByRole('dialog'));
    await userEvent.clear(dialog.getByLabelText('Flow name'));
    await userEvent.click(dialog.getByRole('button', { name: 'Adopt' }));
    await expect(dialog.getByLabelText('Flow name')).toHaveAccessibleDescription(/name/i);
    await expect(dialog.getByLabelText('Flow name')).toHaveAttribute('aria-invalid', 'true');
    await expect(args.onAdopt).not.toHaveBeenCalled();
  },
};

/** Into an existing flow, with none picked yet: the flow field asks for one. */
export const ExistingFlowNotChosen: Story = {
  play: async ({ canvasElement, args }) => {
    const dialog = within(within(canvasElement).getByRole('dialog'));
    await userEvent.click(dialog.getByLabelText('an existing flow of Acme Analytics'));
    await userEvent.click(dialog.getByRole('button', { name: 'Adopt' }));
    await expect(dialog.getByLabelText('Flow', { exact: true })).toHaveAccessibleDescription('Choose the flow to adopt into.');
    await expect(args.onAdopt).not.toHaveBeenCalled();
  },
};

/** The server refused: its sentence in the dialog, which stays open. */
export const Refused: Story = {
  args: { onAdopt: fn(async () => Promise.reject(new Error('The flow "Order pipeline" was saved by someone else since it was listed (revision 15): choose it again.'))) },
  play: async ({ canvasElement }) => {
    const dialog = within(within(canvasElement).getByRole('dialog'));
    await userEvent.click(dialog.getByRole('button', { name: 'Adopt' }));
    await expect(await dialog.findByRole('alert')).toHaveTextContent('was saved by someone else');
  },
};
