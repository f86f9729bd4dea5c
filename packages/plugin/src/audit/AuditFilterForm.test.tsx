/**
 * The audit filter in Chromium: an unusable field is named in a sentence next to it (no JSON), a
 * usable filter becomes the query `admin.audit` takes.
 */
import { limits } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { detailText, type AuditQuery } from './auditFilter.ts';
import { AuditFilterForm } from './AuditFilterForm.tsx';

afterEach(() => cleanup());

const flows = [
  { id: 'flow_1', name: 'Orders' },
  { id: 'flow_2', name: 'Payments' },
];

describe('AuditFilterForm', () => {
  it('names a 300-character actor and a time range that ends before it starts, next to the fields', async () => {
    const applied: AuditQuery[] = [];
    const screen = await render(<AuditFilterForm flows={flows} onApply={(q) => applied.push(q)} />);
    const actor = screen.getByLabelText('Actor (user id)');
    await actor.fill('a'.repeat(300));
    await screen.getByLabelText('From', { exact: true }).fill('2026-12-06T12:00');
    await screen.getByLabelText('To', { exact: true }).fill('2026-12-06T11:00');
    await screen.getByRole('button', { name: 'Show entries' }).click();
    await expect.element(actor).toHaveAccessibleDescription(`A user id has at most ${limits.id} characters; this one has 300.`);
    await expect.element(screen.getByLabelText('To', { exact: true })).toHaveAccessibleDescription('The end of the time range must be after its start.');
    expect(applied).toEqual([]);
    expect(document.body.textContent).not.toMatch(/\[\{|"code"/);
  });

  it('sends actor, action, flow and time range as the query', async () => {
    const applied: AuditQuery[] = [];
    const screen = await render(<AuditFilterForm flows={flows} onApply={(q) => applied.push(q)} />);
    await screen.getByLabelText('Actor (user id)').fill(' u_member ');
    await screen.getByLabelText('Action').selectOptions('Any flow action');
    await screen.getByLabelText('Flow').selectOptions('Payments');
    await screen.getByLabelText('From', { exact: true }).fill('2026-12-06T10:00');
    await screen.getByRole('button', { name: 'Show entries' }).click();
    expect(applied).toEqual([{ actor: 'u_member', action: 'flow.', target: 'flow_2', from: new Date('2026-12-06T10:00').toISOString() }]);
  });
});

describe('detailText', () => {
  it('writes plain values and counts lists, with the right plural', () => {
    expect(detailText({ revision: 3, added: [1], missingGrants: [1, 2], plan: { a: 1 } })).toBe('revision: 3 · added: 1 item · missingGrants: 2 items');
    // A person the server named is written by name; an id it did not name stays as it is.
    expect(detailText({ request: 4, requestedBy: 'max' }, { max: 'Max (Acme member)' })).toBe('request: 4 · requestedBy: Max (Acme member)');
    expect(detailText({ requestedBy: 'svc-42' }, { max: 'Max (Acme member)' })).toBe('requestedBy: svc-42');
  });
});
