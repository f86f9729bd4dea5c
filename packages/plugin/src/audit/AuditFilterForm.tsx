import { Button, Field } from '@event-flows/editor';
import { limits } from '@event-flows/model';
import { useState, type FormEvent } from 'react';
import { auditActions, noAuditFilter, readAuditFilter, type AuditFilterFields, type AuditFilterProblems, type AuditQuery } from './auditFilter.ts';

/**
 * The audit page's filter: actor, action, flow and time range. A field that cannot be used is named
 * in a sentence next to it; a usable filter is handed to `onApply`.
 */
export function AuditFilterForm({ flows, onApply }: { flows: readonly { id: string; name: string }[]; onApply: (query: AuditQuery) => void }) {
  const [fields, setFields] = useState<AuditFilterFields>(noAuditFilter);
  const [problems, setProblems] = useState<AuditFilterProblems>({});
  const set = (field: keyof AuditFilterFields, value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    setProblems((p) => ({ ...p, [field]: undefined }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readAuditFilter(fields);
    if (read.ok) {
      setProblems({});
      onApply(read.query);
    } else setProblems(read.problems);
  };
  return (
    <form className="efs-app__audit-filter" aria-label="Filter the audit log" onSubmit={submit} noValidate>
      <Field label="Actor (user id)" error={problems.actor}>
        <input value={fields.actor} maxLength={limits.id * 4} onChange={(e) => set('actor', e.target.value)} />
      </Field>
      <Field label="Action">
        <select value={fields.action} onChange={(e) => set('action', e.target.value)}>
          <option value="">Any action</option>
          {auditActions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Flow">
        <select value={fields.flowId} onChange={(e) => set('flowId', e.target.value)}>
          <option value="">Any flow</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="From" error={problems.from}>
        <input type="datetime-local" value={fields.from} onChange={(e) => set('from', e.target.value)} />
      </Field>
      <Field label="To" error={problems.to}>
        <input type="datetime-local" value={fields.to} onChange={(e) => set('to', e.target.value)} />
      </Field>
      <div className="efs-app__audit-apply">
        <Button type="submit" variant="primary">
          Show entries
        </Button>
      </div>
    </form>
  );
}
