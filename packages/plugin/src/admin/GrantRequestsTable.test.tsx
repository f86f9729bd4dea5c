import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import '../app/studio.css';
import { GrantRequestsTable, type GrantRequestRow } from './GrantRequestsTable.tsx';

afterEach(() => cleanup());

const base = {
  orgId: 'acme',
  connection: 'local',
  access: 'subscribe' as const,
  requestedBy: 'max',
  requestedByName: 'Max (Acme member)',
  requestedAt: '2026-12-06T09:30:00.000Z',
  decidedBy: null,
  decidedByName: null,
  decidedAt: null,
  reason: null,
};
const requests: GrantRequestRow[] = [
  { ...base, id: 3, algorithm: 'acme/classify', topic: 'orders', flowId: 'f1', flowName: 'Fraud checks', status: 'pending' },
  { ...base, id: 2, algorithm: 'acme/enrich', topic: 'payments', flowId: null, flowName: null, status: 'pending', requestedBy: 'svc-42', requestedByName: null },
  { ...base, id: 1, algorithm: 'acme/echo', topic: 'old', flowId: 'f0', flowName: null, status: 'rejected', decidedBy: 'ada', decidedByName: 'Ada (cluster admin)', reason: 'The connection "x" was deleted.' },
];

describe('grant request rows', () => {
  it('say which flow asked, who and when, and offer a decision for the pending ones', async () => {
    const decided: string[] = [];
    await render(
      <div className="efs-app" data-theme="light">
        <GrantRequestsTable
          requests={requests}
          connectionNames={new Map([['local', 'Embedded Kafka']])}
          onApprove={(id) => decided.push(`approve ${id}`)}
          onReject={(id) => decided.push(`reject ${id}`)}
        />
      </div>,
    );
    const rows = page.getByRole('row');
    await expect.element(rows.nth(1)).toHaveTextContent(/acme\/classify subscribe orders on Embedded Kafka\s*Fraud checks \(acme\)\s*Max \(Acme member\)\s*6 Dec 2026, \d\d:30\s*pending/);
    await expect.element(rows.nth(1).getByText('Max (Acme member)')).toHaveAttribute('title', 'User id: max');
    await expect.element(rows.nth(2)).toHaveTextContent("an algorithm's Events tab (acme)");
    // A person the platform does not name: the id, said to be one.
    await expect.element(rows.nth(2)).toHaveTextContent('User id: svc-42');
    await expect.element(rows.nth(3)).toHaveTextContent('a deleted flow (f0) (acme)');
    await expect.element(rows.nth(3)).toHaveTextContent('rejected by Ada (cluster admin): The connection "x" was deleted.');
    await expect.element(rows.nth(3).getByText('Ada (cluster admin)')).toHaveAttribute('title', 'User id: ada');
    await expect.element(rows.nth(1).getByRole('time')).toHaveAttribute('datetime', '2026-12-06T09:30:00.000Z');
    await page.getByRole('button', { name: 'Approve acme/classify subscribe orders' }).click();
    await page.getByRole('button', { name: 'Reject acme/enrich subscribe payments' }).click();
    expect(decided).toEqual(['approve 3', 'reject 2']);
    await expect.element(page.getByRole('button', { name: /acme\/echo/ })).not.toBeInTheDocument();
  });
});
