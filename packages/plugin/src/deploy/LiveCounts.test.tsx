import type { BindingHistoryRow, BindingStatusRow } from '@event-flows/client';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import '../app/studio.css';
import { LiveCounts } from './LiveCounts.tsx';

afterEach(() => cleanup());

function row(algorithm: string, failed: number, deadLettered: number): BindingStatusRow {
  return {
    key: `${algorithm}|orders`,
    flowId: 'f1',
    algorithm,
    version: '1.0.0',
    connection: 'local',
    topic: 'orders',
    state: 'running',
    consumed: 10,
    published: 10 - failed,
    failed,
    deadLettered,
    lag: {},
    lastError: null,
    msgsPerSecond: 1,
    lagSeconds: 0,
    failedPerSecond: 0,
    deadLetteredPerSecond: 0,
  } as BindingStatusRow;
}

describe('LiveCounts', () => {
  it('marks a running binding with failures amber and says so; a clean one stays "running"', async () => {
    await render(
      <div className="efs-app">
        <LiveCounts statuses={[row('acme/classify', 2, 2), row('acme/alert', 0, 0)]} state="connecting" />
      </div>,
    );
    const table = page.getByRole('table', { name: 'Live status' });
    await expect.element(table.getByRole('caption')).toHaveTextContent('Live status (connecting) · 1 binding with failures');
    const failing = table.getByRole('row', { name: /acme\/classify/ }).getByRole('cell').first();
    await expect.element(failing).toHaveTextContent('running, with failures');
    await expect.element(failing.getByText('running, with failures')).toHaveAttribute('data-tone', 'warning');
    await expect.element(table.getByRole('row', { name: /acme\/alert/ }).getByRole('cell').first()).toHaveTextContent(/^running$/);
  });

  it("draws each binding's last hour of lag, lag in seconds, throughput and errors as small charts beside their values now", async () => {
    const status = { ...row('acme/classify', 0, 0), lag: { '0': 30, '1': 12 }, lagSeconds: 8.5, msgsPerSecond: 40 };
    const at = Array.from({ length: 24 }, (_, i) => 1_000_000 + i * 5_000);
    const history: BindingHistoryRow = {
      key: status.key,
      flowId: 'f1',
      algorithm: 'acme/classify',
      connection: 'local',
      topic: 'orders',
      at,
      lag: at.map((_, i) => i * 2),
      lagSeconds: at.map((_, i) => i / 2),
      msgsPerSecond: at.map(() => 40),
      failedPerSecond: at.map(() => 0),
      deadLetteredPerSecond: at.map(() => 0),
    };
    await render(
      <div className="efs-app">
        <LiveCounts statuses={[status, row('acme/alert', 0, 0)]} state="pending" histories={[history]} />
      </div>,
    );
    const classify = page.getByRole('row', { name: /acme\/classify/ });
    await expect.element(classify.getByRole('img', { name: 'Lag in messages over the last 2 minutes: highest 46, now 46' })).toBeVisible();
    await expect.element(classify.getByRole('img', { name: 'Lag in seconds over the last 2 minutes: highest 11.5 s, now 11.5 s' })).toBeVisible();
    await expect.element(classify.getByRole('img', { name: /^Throughput/ })).toBeVisible();
    await expect.element(classify.getByRole('img', { name: /^Errors per second/ })).toBeVisible();
    // The values beside the charts are the live ones: 42 behind, 8.5 s.
    await expect.element(classify.getByRole('cell').nth(4)).toHaveTextContent('42');
    await expect.element(classify.getByRole('cell').nth(5)).toHaveTextContent('8.5 s');
    // A binding without history yet shows its values only.
    expect(page.getByRole('row', { name: /acme\/alert/ }).getByRole('img').elements()).toHaveLength(0);
  });

  it('right-aligns each number under a right-aligned heading, with thousands separators', async () => {
    const busy = { ...row('acme/classify', 0, 0), consumed: 48_210, published: 1_284_503, deadLettered: 12_007, lag: { '0': 30_000, '1': 1_200 } };
    await render(
      <div className="efs-app">
        <LiveCounts statuses={[busy]} state="pending" />
      </div>,
    );
    const table = page.getByRole('table', { name: 'Live status' });
    const headings = table.getByRole('columnheader').elements();
    const cells = table.getByRole('row', { name: /acme\/classify/ }).getByRole('cell').elements();
    const align = (element: Element) => getComputedStyle(element).textAlign;
    // Every column after the binding and its state holds numbers: heading and value share the right edge.
    for (const [index, heading] of headings.entries()) {
      if (index < 2) continue;
      expect([heading.textContent, align(heading)]).toEqual([heading.textContent, 'right']);
      expect([heading.textContent, align(cells[index - 1] as Element)]).toEqual([heading.textContent, 'right']);
    }
    await expect.element(table.getByRole('row', { name: /acme\/classify/ })).toHaveTextContent(/48,210.*1,284,503.*12,007.*31,200/);
  });

  it('shows each binding state as a badge in its colour role: starting, paused, stopped, error', async () => {
    const states = (['starting', 'paused', 'stopped', 'error'] as const).map((state) => ({ ...row(`acme/${state}`, 0, 0), key: state, state }));
    await render(
      <div className="efs-app">
        <LiveCounts statuses={states} state="pending" />
      </div>,
    );
    for (const state of ['starting', 'paused', 'stopped', 'error']) {
      const badge = page.getByRole('row', { name: new RegExp(`acme/${state}`) }).getByText(state, { exact: true });
      await expect.element(badge).toHaveClass('efs-badge');
    }
  });
});
