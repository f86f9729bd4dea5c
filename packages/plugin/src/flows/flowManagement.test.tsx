/**
 * The flow management pieces in Chromium: bad input gets a sentence next to its field (never a JSON
 * dump), a good one is handed on; the table shows each flow's state and the search and order work.
 */
import { exportFlow, flowDocumentFormat, limits } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import type { ReactNode } from 'react';
import { problemBeside } from '../admin/formTesting.ts';
import '../app/studio.css';
import { FlowDetailsForm } from './FlowDetailsForm.tsx';
import { NewFlowForm } from './FlowListView.tsx';
import { flowsShown, type FlowRow } from './flowListView.ts';
import { FlowTable, type FlowAction } from './FlowTable.tsx';
import { ImportFlowForm } from './ImportFlowForm.tsx';

afterEach(() => cleanup());

/** Renders `children` in the studio's frame, where its tokens and styles apply. */
const inStudio = (children: ReactNode) =>
  render(
    <div className="efs-app" data-theme="light">
      {children}
    </div>,
  );

/** No zod issue array or object dump anywhere on the page. */
function expectNoDump() {
  expect(document.body.textContent).not.toMatch(/\[\{|"code"/);
}

const flow = (over: Partial<FlowRow>): FlowRow => ({
  id: 'flow_1',
  orgId: 'acme',
  name: 'Orders',
  description: '',
  revision: 3,
  updatedBy: 'mia',
  updatedByName: 'Mia (Acme member)',
  updatedAt: '2026-12-06T10:00:00.000Z',
  nodeCount: 2,
  edgeCount: 1,
  deployedRevision: null,
  alertsFiring: 0,
  ...over,
});

describe('FlowDetailsForm', () => {
  const saved: { name: string; description: string }[] = [];
  const details = () => inStudio(<FlowDetailsForm name="Orders" description="" onSave={async (d) => void saved.push(d)} onCancel={() => undefined} />);

  it(`says a 300-character name is over the ${limits.name}-character limit, next to the field`, async () => {
    const screen = await details();
    const name = screen.getByLabelText('Name');
    await name.fill('n'.repeat(300));
    await screen.getByRole('button', { name: 'Save details' }).click();
    expect(await problemBeside(name)).toBe(`A flow name may have at most ${limits.name} characters; this one has 300.`);
    // What was typed stays, to be shortened rather than typed again.
    await expect.element(name).toHaveValue('n'.repeat(300));
    expect(saved).toEqual([]);
    expectNoDump();
  });

  it('keeps all of a paste three times over the limits, and says its real length', async () => {
    const screen = await details();
    const name = screen.getByLabelText('Name');
    const description = screen.getByLabelText('Description');
    await name.fill('n'.repeat(limits.name * 3));
    await description.fill('d'.repeat(limits.text * 3));
    await screen.getByRole('button', { name: 'Save details' }).click();
    await expect.element(name).toHaveValue('n'.repeat(limits.name * 3));
    await expect.element(description).toHaveValue('d'.repeat(limits.text * 3));
    expect(await problemBeside(name)).toBe(`A flow name may have at most ${limits.name} characters; this one has ${limits.name * 3}.`);
    expect(await problemBeside(description)).toBe(`A description may have at most ${limits.text} characters; this one has ${limits.text * 3}.`);
    expect(saved).toEqual([]);
  });

  it('asks for a name when it is left empty', async () => {
    const screen = await details();
    const name = screen.getByLabelText('Name');
    await name.fill('   ');
    await screen.getByRole('button', { name: 'Save details' }).click();
    expect(await problemBeside(name)).toBe('Give the flow a name.');
    expectNoDump();
  });

  it("shows the server's refusal next to the name, and saves a good name and description", async () => {
    const screen = await inStudio(
      <FlowDetailsForm
        name="Orders"
        description=""
        onSave={async (d) => {
          if (d.name === 'Returns') throw new Error('Another flow is already named "Returns". Choose a different name.');
          saved.push(d);
        }}
        onCancel={() => undefined}
      />,
    );
    const name = screen.getByLabelText('Name');
    await name.fill('Returns');
    await screen.getByRole('button', { name: 'Save details' }).click();
    expect(await problemBeside(name)).toBe('Another flow is already named "Returns". Choose a different name.');
    await name.fill('Orders EU');
    await screen.getByLabelText('Description').fill('Orders from Europe');
    await screen.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => saved.at(-1)).toEqual({ name: 'Orders EU', description: 'Orders from Europe' });
  });
});

describe('NewFlowForm', () => {
  it('keeps all of a name pasted three times over the limit, and says its real length', async () => {
    const created: string[] = [];
    const screen = await inStudio(<NewFlowForm onCreate={async (n) => void created.push(n)} />);
    const name = screen.getByLabelText('New flow name');
    await name.fill('n'.repeat(limits.name * 3));
    await screen.getByRole('button', { name: 'Create flow' }).click();
    await expect.element(name).toHaveValue('n'.repeat(limits.name * 3));
    expect(await problemBeside(name)).toBe(`A flow name may have at most ${limits.name} characters; this one has ${limits.name * 3}.`);
    expect(created).toEqual([]);
  });
});

describe('ImportFlowForm', () => {
  it('says a YAML file that is not a flow is not a flow document, next to the field, and sends nothing', async () => {
    const sent: string[] = [];
    const screen = await inStudio(<ImportFlowForm onImport={async (text) => void sent.push(text)} onCancel={() => undefined} />);
    const file = new File(['- 1\n- 2\nname: [\n'], 'orders.yaml', { type: 'application/yaml' });
    await screen.getByLabelText('Flow file (JSON or YAML)').upload(file);
    const text = screen.getByLabelText('Or paste the document');
    expect(await problemBeside(text)).toMatch(/^This is not a flow document that can be imported\. The document is not valid JSON or YAML/);
    await text.fill('- 1\n- 2\n');
    await screen.getByRole('button', { name: 'Import flow' }).click();
    expect(await problemBeside(text)).toMatch(/^This is not a flow document that can be imported\. document: /);
    await text.fill('format: something/else\nname: Orders\n');
    await screen.getByRole('button', { name: 'Import flow' }).click();
    expect(await problemBeside(text)).toMatch(/^This is not a flow document that can be imported\./);
    // What was pasted stays, to be corrected.
    await expect.element(text).toHaveValue('format: something/else\nname: Orders\n');
    expect(sent).toEqual([]);
    expectNoDump();
  });

  it('says a file too large to be a flow document is too large, next to the file, and keeps what was pasted', async () => {
    const screen = await inStudio(<ImportFlowForm onImport={async () => undefined} onCancel={() => undefined} />);
    const text = screen.getByLabelText('Or paste the document');
    await text.fill('name: Orders\n');
    const file = screen.getByLabelText('Flow file (JSON or YAML)');
    // Chosen in the page (a 20 MB upload through the test driver is slow); the form sees the same change.
    const chosen = new DataTransfer();
    chosen.items.add(new File(['x'.repeat(limits.documentChars * 4 + 1)], 'huge.json', { type: 'application/json' }));
    const input = file.element() as HTMLInputElement;
    input.files = chosen.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(await problemBeside(file)).toMatch(/^The file is [\d.]+ MB; a flow document may have at most [\d,]+ characters\.$/);
    await expect.element(text).toHaveValue('name: Orders\n');
    await expect.element(text).not.toHaveAttribute('aria-invalid');
  });

  it('imports a pasted flow document', async () => {
    const sent: string[] = [];
    const screen = await inStudio(<ImportFlowForm onImport={async (text) => void sent.push(text)} onCancel={() => undefined} />);
    const document = exportFlow({ format: flowDocumentFormat, name: 'Orders', description: '', graph: { nodes: [], edges: [] } }, 'yaml');
    await screen.getByLabelText('Or paste the document').fill(document);
    await screen.getByRole('button', { name: 'Import flow' }).click();
    await expect.poll(() => sent).toEqual([document]);
  });
});

describe('FlowTable', () => {
  const flows = [
    flow({ id: 'a', name: 'Orders 10', updatedAt: '2026-12-06T09:00:00.000Z' }),
    flow({ id: 'b', name: 'orders 2', updatedAt: '2026-12-06T11:00:00.000Z', deployedRevision: 2, updatedBy: 'noah', updatedByName: 'Noah (Acme member)' }),
    flow({ id: 'c', name: 'Payments', updatedAt: '2026-12-06T10:00:00.000Z', description: 'Card payments', updatedBy: 'svc-42', updatedByName: null }),
  ];

  it('finds flows by name and orders them by name or last change', () => {
    expect(flowsShown(flows, 'ORDERS', 'name').map((f) => f.id)).toEqual(['b', 'a']);
    expect(flowsShown(flows, '', 'changed').map((f) => f.id)).toEqual(['b', 'c', 'a']);
    expect(flowsShown(flows, 'nothing', 'name')).toEqual([]);
  });

  it('shows revision, deployed revision, last change and who, and offers undeploy only for a deployed flow', async () => {
    const asked: [FlowAction, string][] = [];
    const screen = await render(<FlowTable flows={flows} canWrite onAction={(action, f) => asked.push([action, f.id])} />);
    const rows = screen.getByRole('row');
    // Who, by name with the user id in the title, or by id when there is no name.
    await expect.element(rows.nth(2)).toHaveTextContent(/orders 2.*3.*revision 2.*by Noah \(Acme member\)/);
    await expect.element(rows.nth(2).getByText('Noah (Acme member)')).toHaveAttribute('title', 'User id: noah');
    await expect.element(rows.nth(3)).toHaveTextContent(/Payments.*by User id: svc-42/);
    await expect.element(rows.nth(1)).toHaveTextContent(/not deployed/);
    await expect.element(screen.getByRole('button', { name: 'Undeploy orders 2' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Undeploy Orders 10' }).elements()).toHaveLength(0);
    await screen.getByRole('button', { name: 'Duplicate Payments' }).click();
    await screen.getByRole('button', { name: 'Export Payments as YAML' }).click();
    expect(asked).toEqual([
      ['duplicate', 'c'],
      ['export-yaml', 'c'],
    ]);
  });

  it('offers a viewer only opening and export', async () => {
    const screen = await render(<FlowTable flows={flows} canWrite={false} onAction={() => undefined} />);
    expect(screen.getByRole('button', { name: /^(Delete|Duplicate|Rename|Undeploy) / }).elements()).toHaveLength(0);
    await expect.element(screen.getByRole('button', { name: 'Export Orders 10 as JSON' })).toBeVisible();
  });
});
