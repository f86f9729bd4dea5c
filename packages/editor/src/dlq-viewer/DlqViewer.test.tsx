import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { DlqViewer, type DlqViewerProps } from './DlqViewer.tsx';
import type { DlqReplayAnswer, DlqViewPosition, ReplayFollow } from './dlqViewerRecords.ts';
import { exampleDlqRecords } from './exampleDlqRecords.ts';

afterEach(() => cleanup());

const done: DlqReplayAnswer = { replayed: 1, topic: 'orders', skipped: [] };

/** The viewer over the example records, in a 480 px wide panel, recording what it asks to replay. */
function setup(overrides: Partial<DlqViewerProps> = {}) {
  const calls = { replay: [] as Array<'all' | DlqViewPosition[]>, edited: [] as Array<{ record: DlqViewPosition; value: { text: string; base64: boolean } }> };
  const props: DlqViewerProps = {
    subscription: 'acme/classify ← orders',
    topic: 'orders',
    dlqTopic: 'orders.dlq',
    records: exampleDlqRecords(),
    complete: true,
    onReplay: async (select) => {
      calls.replay.push(select);
      return done;
    },
    onReplayEdited: async (record, value) => {
      calls.edited.push({ record, value });
      return done;
    },
    ...overrides,
  };
  const view = () => (
    <div style={{ width: 480 }}>
      <DlqViewer {...props} />
    </div>
  );
  return { props, calls, view };
}

const record = (position: string) => page.getByRole('listitem', { name: `Partition ${position.split(':')[0]} · offset ${position.split(':')[1]}` });

async function expectNoSeriousViolations() {
  const root = document.querySelector('.efs-dlq');
  if (!root) throw new Error('no DLQ viewer');
  const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

describe('DlqViewer', () => {
  it('says older records are not shown when the peek did not see the whole DLQ, and not when it did', async () => {
    let older = 0;
    const incomplete = setup({ complete: false, onShowOlder: () => void older++ });
    const screen = await render(incomplete.view());
    await expect.element(page.getByText(/^Older records not shown/)).toBeVisible();
    await page.getByRole('button', { name: 'Show older records' }).click();
    expect(older).toBe(1);
    await screen.rerender(setup({ complete: true }).view());
    await expect.element(page.getByText('5 dead letters of acme/classify ← orders in orders.dlq.')).toBeVisible();
    expect(page.getByText(/Older records not shown/).query()).toBeNull();
  });

  it('shows each error in words and each value formatted as JSON, text or hex, wrapped by words inside the panel', async () => {
    const { view } = setup();
    await render(view());
    const refused = record('0:3');
    await expect.element(refused.getByText('Permanent error at invoke, after 1 attempt')).toBeVisible();
    await expect.element(refused.getByText('Amount must be positive, got -5 (order o-17).')).toBeVisible();
    await expect.element(record('1:8').getByText('Transient error at invoke, after 5 attempts')).toBeVisible();
    await expect.element(refused.getByText('Value · JSON')).toBeVisible();
    expect(refused.getByLabelText('Value of record 0:3').element().textContent).toBe('{\n  "id": "o-17",\n  "amount": -5,\n  "currency": "EUR"\n}');
    await expect.element(record('0:4').getByText('Value · Text')).toBeVisible();
    await expect.element(record('1:7').getByText('Value · Bytes (hex)')).toBeVisible();
    const hex = record('1:7').getByLabelText('Value of record 1:7').element() as HTMLElement;
    expect(hex.textContent?.split('\n').slice(0, 2)).toEqual(['0000  00 01 02 03 ff 69 6d 61  .....ima', '0008  67 65 2f 70 6e 67 00 00  ge/png..']);
    // Its lines keep their columns and still fit the panel.
    expect(hex.scrollWidth).toBeLessThanOrEqual(hex.clientWidth);
    // No object dumps: nothing on the page reads like JSON of an error.
    expect(document.querySelector('.efs-dlq')?.textContent).not.toMatch(/"class"|\{"/);

    // The long order wraps at spaces inside the panel: no value is wider than its box, no line breaks mid-word.
    const long = record('1:8').getByLabelText('Value of record 1:8').element() as HTMLElement;
    expect(getComputedStyle(long).whiteSpace).toBe('pre-wrap');
    expect(getComputedStyle(long).wordBreak).toBe('normal');
    expect(long.scrollWidth).toBeLessThanOrEqual(long.clientWidth);
    const panel = document.querySelector('.efs-dlq') as HTMLElement;
    expect(panel.scrollWidth).toBeLessThanOrEqual(panel.clientWidth);
  });

  it('filters by error class and by time', async () => {
    const { view } = setup();
    await render(view());
    const list = page.getByRole('list', { name: 'Dead-letter records' });
    await expect.poll(() => list.getByRole('listitem').all().length).toBe(5);
    await page.getByText('Filter by error class and time').click();
    await page.getByLabelText('Error class').selectOptions('transient');
    await expect.element(page.getByText('Filter (1 of 5 shown)')).toBeVisible();
    await expect.poll(() => list.getByRole('listitem').all().length).toBe(1);
    await expect.element(page.getByText('(1 shown by the filter)', { exact: false })).toBeVisible();
    await page.getByLabelText('Error class').selectOptions('');
    // The example's records are a minute apart, ending at 20:59:00 UTC; from 20:56:30 leaves the newest three.
    const from = new Date(Date.UTC(2026, 11, 6, 20, 56, 30));
    const local = new Date(from.getTime() - from.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    await page.getByLabelText('From').fill(local);
    await expect.poll(() => list.getByRole('listitem').all().length).toBe(3);
    await page.getByLabelText('Error class').selectOptions('permanent');
    await expect.poll(() => list.getByRole('listitem').all().length).toBe(2);
  });

  it('asks before replaying all, with the count, shows progress, then what was done', async () => {
    let finish: (answer: DlqReplayAnswer) => void = () => undefined;
    let follow: ReplayFollow | undefined;
    const { view, calls } = setup({
      onReplay: (select, following) => {
        calls.replay.push(select);
        follow = following;
        return new Promise((resolve) => (finish = resolve));
      },
    });
    await render(view());
    await page.getByRole('button', { name: 'Replay all…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay all dead letters?' });
    await expect.element(dialog.getByText(/This puts all 4 dead letters of acme\/classify ← orders back on orders\. The 1 failed replay of one of them is skipped/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(calls.replay).toEqual([]);

    await page.getByRole('button', { name: 'Replay all…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replay 4 records' }).click();
    await expect.element(page.getByRole('progressbar', { name: 'Replay in progress' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Replay all…' })).toBeDisabled();
    expect(calls.replay).toEqual(['all']);
    // A running count as the records are written.
    follow?.onProgress(3);
    await expect.element(page.getByRole('status')).toHaveTextContent('Replayed 3 of 4 records…');
    expect(page.getByRole('progressbar', { name: 'Replay in progress' }).element().getAttribute('value')).toBe('3');
    finish({ replayed: 4, topic: 'orders', skipped: [{ reason: 'a failed replay of a dead letter still in the DLQ, which was replayed instead', count: 1 }] });
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent('Replayed 4 records to orders. Skipped 1 (a failed replay of a dead letter still in the DLQ, which was replayed instead).');
  });

  it('stops a replay of all when asked, and says how far it got', async () => {
    let finish: (answer: DlqReplayAnswer) => void = () => undefined;
    let follow: ReplayFollow | undefined;
    const { view } = setup({
      complete: false,
      onReplay: (_select, following) => {
        follow = following;
        return new Promise((resolve) => (finish = resolve));
      },
    });
    await render(view());
    await page.getByRole('button', { name: 'Replay all…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replay all' }).click();
    follow?.onProgress(100);
    // Older dead letters may not be shown: the total is not known.
    await expect.element(page.getByRole('status')).toHaveTextContent('Replayed 100 records so far…');
    expect(follow?.signal.aborted).toBe(false);
    await page.getByRole('button', { name: 'Stop replaying' }).click();
    expect(follow?.signal.aborted).toBe(true);
    await expect.element(page.getByRole('status')).toHaveTextContent('Stopping after the records being sent…');
    finish({ replayed: 100, topic: 'orders', skipped: [], stopped: true });
    await expect.element(page.getByRole('status')).toHaveTextContent('Stopped after replaying 100 records to orders.');
  });

  it('replays picked records, and marks a record whose replay failed again', async () => {
    const { view, calls } = setup();
    await render(view());
    await expect.element(record('0:3').getByText('Failed again')).toBeVisible();
    await expect.element(record('0:9').getByText('Failed replay of 0:3')).toBeVisible();
    expect(record('0:4').getByText('Failed again').query()).toBeNull();
    await page.getByLabelText('Pick record 0:4').click();
    await page.getByLabelText('Pick record 1:8').click();
    await page.getByRole('button', { name: 'Replay picked (2)' }).click();
    await expect.poll(() => calls.replay).toEqual([
      [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '8' },
      ],
    ]);
    await expect.element(record('0:4').getByText('Replayed')).toBeVisible();
  });

  it('shows a record replayed again from the page as replayed until a newer replay of it fails', async () => {
    const { view, props } = setup();
    const screen = await render(view());
    await page.getByLabelText('Pick record 0:3').click();
    await page.getByRole('button', { name: 'Replay picked (1)' }).click();
    await expect.element(record('0:3').getByText('Replayed')).toBeVisible();
    expect(record('0:3').getByText('Failed again').query()).toBeNull();
    // The DLQ read again: that replay failed too.
    const failedTwice = { ...props.records[4], offset: '10', replayOf: { partition: 0, offset: '3' } } as DlqViewerProps['records'][number];
    await screen.rerender(
      <div style={{ width: 480 }}>
        <DlqViewer {...props} records={[...props.records, failedTwice]} />
      </div>,
    );
    await expect.element(record('0:3').getByText('Failed again')).toBeVisible();
  });

  it('replays one record with an edited value, and keeps the form open with a refusal', async () => {
    let refuse = true;
    const { view, calls } = setup({
      onReplayEdited: async (record, value) => {
        calls.edited.push({ record, value });
        if (refuse) throw new Error('An edited value may have at most 1,000,000 characters.');
        return done;
      },
    });
    await render(view());
    await record('0:4').getByRole('button', { name: 'Edit and replay' }).click();
    const form = page.getByRole('form', { name: 'Edit record 0:4 before its replay' });
    await expect.element(form.getByLabelText('Value')).toHaveValue('not json at all');
    await form.getByLabelText('Value').fill('{"id":"o-18","amount":3}');
    await form.getByRole('button', { name: 'Replay edited' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('at most 1,000,000 characters');
    refuse = false;
    await form.getByRole('button', { name: 'Replay edited' }).click();
    await expect.element(form).not.toBeInTheDocument();
    expect(calls.edited.at(-1)).toEqual({ record: { partition: 0, offset: '4' }, value: { text: '{"id":"o-18","amount":3}', base64: false } });
    await expect.element(page.getByRole('status')).toHaveTextContent('Replayed 1 record to orders.');

    // A JSON value is edited formatted, and says when the edit is no longer JSON.
    await record('0:3').getByRole('button', { name: 'Edit and replay' }).click();
    const json = page.getByRole('form', { name: 'Edit record 0:3 before its replay' });
    await expect.element(json.getByLabelText('Value')).toHaveValue('{\n  "id": "o-17",\n  "amount": -5,\n  "currency": "EUR"\n}');
    await json.getByLabelText('Value').fill('{"id": "o-17", "amount": ');
    await expect.element(json.getByText(/not valid JSON any more/)).toBeVisible();
  });

  it('shows a viewer the records without replay controls, and passes axe in both themes', async () => {
    const readOnly = setup({ readOnly: true });
    const screen = await render(readOnly.view());
    expect(page.getByRole('button', { name: /Replay/ }).query()).toBeNull();
    expect(page.getByLabelText(/Pick record/).query()).toBeNull();
    await expectNoSeriousViolations();
    await screen.rerender(setup({ theme: 'dark', complete: false }).view());
    await expect.element(page.getByText(/^Older records not shown/)).toBeVisible();
    await expectNoSeriousViolations();
  });
});
