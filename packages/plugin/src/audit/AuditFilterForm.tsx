import { limits } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import { auditActions, noAuditFilter, readAuditFilter, type AuditFilterFields, type AuditFilterProblems, type AuditQuery } from './auditFilter.ts';

/**
 * The audit page's filter: actor, action, flow and time range. A field that cannot be used is named
 * in a sentence next to it; a usable filter is handed to `onApply`.
 */
export function AuditFilterForm({ flows, onApply }: { flows: readonly { id: string; name: string }[]; onApply: (query: AuditQuery) => void }) {
  const id = useId();
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
  const note = (field: keyof AuditFilterFields) =>
    problems[field] ? (
      <p id={`${id}-${field}-note`} className="efs-app__problem" role="alert">
        {problems[field]}
      </p>
    ) : null;
  const described = (field: keyof AuditFilterFields) =>
    problems[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-note` } : {};
  return (
    <form className="efs-app__audit-filter" aria-label="Filter the audit log" onSubmit={submit} noValidate>
      <div>
        <label htmlFor={`${id}-actor`}>Actor (user id)</label>
        <input id={`${id}-actor`} value={fields.actor} maxLength={limits.id * 4} onChange={(e) => set('actor', e.target.value)} {...described('actor')} />
        {note('actor')}
      </div>
      <div>
        <label htmlFor={`${id}-action`}>Action</label>
        <select id={`${id}-action`} value={fields.action} onChange={(e) => set('action', e.target.value)}>
          <option value="">Any action</option>
          {auditActions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-flow`}>Flow</label>
        <select id={`${id}-flow`} value={fields.flowId} onChange={(e) => set('flowId', e.target.value)}>
          <option value="">Any flow</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="datetime-local" value={fields.from} onChange={(e) => set('from', e.target.value)} {...described('from')} />
        {note('from')}
      </div>
      <div>
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="datetime-local" value={fields.to} onChange={(e) => set('to', e.target.value)} {...described('to')} />
        {note('to')}
      </div>
      <div className="efs-app__audit-apply">
        <button type="submit">Show entries</button>
      </div>
    </form>
  );
}
