/**
 * The dead-letter groups and bulk redrive in a real Chromium: a group's records shown, its redrive set up
 * in a dialog (topic, rate), followed with a progress bar, paused, resumed and cancelled, and each
 * record's result listed; an edited redrive with the headers chosen; the server search's fields.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { DlqViewer, type DlqViewerProps } from './DlqViewer.tsx';
import type { DlqGroup } from '@event-flows/model';
import type { DlqSearch, RedriveControls, RedriveRequest, RedriveRunView } from './dlqViewerRecords.ts';
import { exampleDlqRecords } from './exampleDlqRecords.ts';

afterEach(() => cleanup());

const at = Date.UTC(2026, 11, 7, 9, 0, 0);
const groups: DlqGroup[] = [
  { algorithm: 'acme/classify', topic: 'orders', errorClass: 'permanent', stage: 'invoke', records: 2, deadLetters: 1, failedReplays: 1, first: at, last: at + 60_000 },
  { algorithm: 'acme/classify', topic: 'orders', errorClass: 'permanent', stage: 'decode', records: 2, deadLetters: 2, failedReplays: 0, first: at, last: at },
  { algorithm: 'acme/classify', topic: 'orders', errorClass: 'transient', stage: 'invoke', records: 1, deadLetters: 1, failedReplays: 0, first: at, last: at },
];

/**
 * A redrive run as the server would answer it, moved on by the test: what the viewer asked to start and
 * steer is recorded; each read answers the run's current state.
 */
function redriveServer() {
  const asked = { started: [] as RedriveRequest[], steered: [] as string[] };
  let run: RedriveRunView = { id: 'run-1', to: 'orders', rate: null, total: null, state: 'running', replayed: 0, skipped: 0, failed: 0, error: null, measuredRate: 0, resultCount: 0, results: [] };
  const controls: RedriveControls = {
    start: async (request) => {
      asked.started.push(request);
      run = { ...run, to: request.to, rate: request.rate };
      return run;
    },
    read: async () => run,
    steer: async (_id, action) => {
      asked.steered.push(action);
      // As the server: a cancelled run goes on running until the page being sent is written.
      run = { ...run, state: action === 'pause' ? 'paused' : 'running' };
      return true;
    },
  };
  return { asked, controls, move: (change: Partial<RedriveRunView>) => void (run = { ...run, ...change }) };
}

function viewer(overrides: Partial<DlqViewerProps>) {
  const props: DlqViewerProps = {
    subscription: 'acme/classify ← orders',
    topic: 'orders',
    dlqTopic: 'orders.dlq',
    records: exampleDlqRecords(),
    complete: true,
    onReplay: async () => ({ replayed: 0, topic: 'orders', skipped: [] }),
    onReplayEdited: async () => ({ replayed: 1, topic: 'orders', skipped: [] }),
    groups,
    ...overrides,
  };
  return (
    <div style={{ width: 480 }}>
      <DlqViewer {...props} />
    </div>
  );
}

const listed = () => [...document.querySelectorAll('.efs-dlq__records > li h3')].map((h) => h.textContent);

describe('dead-letter groups and bulk redrive', () => {
  it('shows the groups with their counts, and one group’s records when asked', async () => {
    const server = redriveServer();
    await render(viewer({ redrive: server.controls }));
    const table = page.getByRole('table', { name: 'Dead letters by error' });
    await expect.element(table).toBeVisible();
    const rows = [...table.element().querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('th, td')].slice(0, 2).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['permanent at invoke', '1 (1 failed replay)'],
      ['permanent at decode', '2'],
      ['transient at invoke', '1'],
    ]);
    expect(listed()).toHaveLength(5);
    await page.getByRole('button', { name: 'Show permanent at decode' }).click();
    expect(listed()).toEqual(['Partition 1 · offset 7', 'Partition 0 · offset 4']);
    await page.getByRole('button', { name: 'Show permanent at decode' }).click();
    expect(listed()).toHaveLength(5);
  });

  it('redrives a group at the rate set, shows its progress, pauses, resumes and cancels it, then lists each result', async () => {
    const server = redriveServer();
    await render(viewer({ redrive: server.controls, redriveTargets: ['orders', 'orders.retry'] }));
    await page.getByRole('button', { name: 'Redrive permanent at decode…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Redrive dead letters?' });
    await expect.element(dialog.getByText(/the 2 dead letters of permanent at decode back in front of the algorithm \(2 records\)/)).toBeVisible();
    await dialog.getByLabelText('To topic').selectOptions('orders.retry');
    await dialog.getByLabelText('Records a second').fill('500');
    await dialog.getByRole('button', { name: 'Start redrive' }).click();
    expect(server.asked.started).toEqual([{ select: 'all', filter: { errorClass: 'permanent', stage: 'decode' }, to: 'orders.retry', rate: 500 }]);

    // While it runs: a progress bar of the group's count, and the buttons to pause and cancel.
    server.move({ replayed: 1, measuredRate: 480 });
    const run = page.getByRole('region', { name: 'Redrive' });
    // The viewer reads the run every half second.
    await expect.element(run.getByRole('status'), { timeout: 3_000 }).toHaveTextContent('Redriving to orders.retry at 500 a second: 1 of 2 records done, 1 redriven. 480 records a second so far.');
    expect((run.getByRole('progressbar', { name: 'Redrive progress' }).element() as HTMLProgressElement).value).toBe(1);
    // Nothing else is redriven or replayed meanwhile.
    await expect.element(page.getByRole('button', { name: 'Redrive all…' })).toBeDisabled();
    await run.getByRole('button', { name: 'Pause' }).click();
    await expect.element(run.getByRole('status')).toHaveTextContent(/^Paused redriving to orders.retry at 500 a second: 1 of 2 records done/);
    await run.getByRole('button', { name: 'Resume' }).click();
    await expect.element(run.getByRole('button', { name: 'Pause' })).toBeVisible();
    await run.getByRole('button', { name: 'Cancel redrive' }).click();
    expect(server.asked.steered).toEqual(['pause', 'resume', 'cancel']);

    server.move({
      state: 'cancelled',
      replayed: 1,
      skipped: 1,
      resultCount: 2,
      results: [
        { partition: 0, offset: '4', outcome: 'replayed' },
        { partition: 1, offset: '7', outcome: 'skipped', reason: 'the replay was stopped before it was sent' },
      ],
    });
    await expect.element(run.getByRole('status'), { timeout: 3_000 }).toHaveTextContent('Cancelled: redrove 1 record to orders.retry (1 skipped). 480 records a second over the run.');
    await run.getByText('Result of each record (2)').click();
    expect([...run.element().querySelectorAll('li')].map((li) => li.textContent)).toEqual(['0:4: replayed', '1:7: skipped (the replay was stopped before it was sent)']);
    expect(run.getByRole('button', { name: 'Cancel redrive' }).query()).toBeNull();
    await expect.element(page.getByRole('button', { name: 'Redrive all…' })).toBeEnabled();
  });

  it('redrives picked records, and says why a redrive was refused', async () => {
    const server = redriveServer();
    const refused: RedriveControls = { ...server.controls, start: async () => Promise.reject(new Error('Redriving dead letters of acme needs the redrive permission: ask a cluster admin to grant it to you.')) };
    const screen = await render(viewer({ redrive: refused }));
    await page.getByRole('checkbox', { name: 'Pick record 0:4' }).click();
    await page.getByRole('button', { name: 'Redrive picked (1)…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start redrive' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Redrive refused: Redriving dead letters of acme needs the redrive permission: ask a cluster admin to grant it to you.');

    await screen.rerender(viewer({ redrive: server.controls }));
    await page.getByRole('button', { name: 'Redrive picked (1)…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start redrive' }).click();
    expect(server.asked.started).toEqual([{ select: [{ partition: 0, offset: '4' }], to: 'orders', rate: 100 }]);
  });

  it('has no redrive for a viewer', async () => {
    await render(viewer({ readOnly: true, redrive: redriveServer().controls }));
    await expect.element(page.getByRole('table', { name: 'Dead letters by error' })).toBeVisible();
    expect(page.getByRole('button', { name: /^Redrive/ }).query()).toBeNull();
  });

  it('sends an edited value with the headers left ticked', async () => {
    const sent: Array<{ value: string; keepHeaders: string[] }> = [];
    const records = exampleDlqRecords().map((r) => (r.offset === '4' ? { ...r, headers: { ...r.headers, 'trace-id': 't-1', 'x-secret': 's', 'eventflows.error.class': 'permanent', '__connect.errors.topic': 'orders' } } : r));
    await render(
      viewer({
        records,
        onReplayEdited: async (_record, value, keepHeaders) => {
          sent.push({ value: value.text, keepHeaders });
          return { replayed: 1, topic: 'orders', skipped: [] };
        },
      }),
    );
    const item = page.getByRole('listitem', { name: 'Partition 0 · offset 4' });
    await item.getByRole('button', { name: 'Edit and replay' }).click();
    const form = page.getByRole('form', { name: 'Edit record 0:4 before its replay' });
    // The runtime's headers are written anew: only the record's own are offered.
    expect([...form.element().querySelectorAll('fieldset label')].map((l) => l.textContent?.trim())).toEqual(['trace-id', 'x-secret']);
    await form.getByRole('checkbox', { name: 'x-secret' }).click();
    await form.getByLabelText('Value').fill('{"id":"o-9"}');
    await form.getByRole('button', { name: 'Replay edited' }).click();
    expect(sent).toEqual([{ value: '{"id":"o-9"}', keepHeaders: ['trace-id'] }]);
  });

  it('searches the DLQ on the server by key, header and value text', async () => {
    const searched: DlqSearch[] = [];
    await render(viewer({ onSearch: (search) => void searched.push(search) }));
    await page.getByText('Filter by error class and time').click();
    const form = page.getByRole('form', { name: 'Search the DLQ' });
    await form.getByLabelText('Key contains').fill('o-17');
    await form.getByLabelText('Header', { exact: true }).fill('tenant');
    await form.getByLabelText('Header value').fill('blue');
    await form.getByLabelText('Value contains').fill('EUR');
    await form.getByRole('button', { name: 'Search the DLQ' }).click();
    expect(searched).toEqual([{ key: 'o-17', text: 'EUR', header: { name: 'tenant', value: 'blue' } }]);
  });
});
