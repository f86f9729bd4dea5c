import type { BindingStatusRow } from '@event-flows/client';
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
    await expect.element(failing).toHaveAttribute('data-failing', 'true');
    await expect.element(table.getByRole('row', { name: /acme\/alert/ }).getByRole('cell').first()).toHaveTextContent(/^running$/);
  });
});
