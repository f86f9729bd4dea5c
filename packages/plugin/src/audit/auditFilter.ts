import { limits } from '@event-flows/model';

/** The audit page's filter as typed: empty fields do not narrow. Times are `datetime-local` values. */
export interface AuditFilterFields {
  actor: string;
  action: string;
  flowId: string;
  from: string;
  to: string;
}

/** The filter `admin.audit` takes. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

/** The fields' problems, each a sentence for its field; empty when the filter can be sent. */
export type AuditFilterProblems = Partial<Record<keyof AuditFilterFields, string>>;

/** An empty filter: the whole log. */
export const noAuditFilter: AuditFilterFields = { actor: '', action: '', flowId: '', from: '', to: '' };

/** The actions the log records, as the filter offers them ("flow." is every flow action). */
export const auditActions = [
  { value: 'flow.', label: 'Any flow action' },
  { value: 'flow.deploy', label: 'Flow deployed' },
  { value: 'flow.undeploy', label: 'Flow undeployed' },
  { value: 'flow.delete', label: 'Flow deleted' },
  { value: 'flow.duplicate', label: 'Flow duplicated' },
  { value: 'flow.import', label: 'Flow imported' },
  { value: 'flow.rollback', label: 'Flow rolled back' },
  { value: 'connection.', label: 'Any connection action' },
  { value: 'grant.', label: 'Any grant change' },
  { value: 'grant-request.', label: 'Any grant request decision' },
  { value: 'dlq.replay', label: 'Dead letters replayed' },
  { value: 'discover.adopt', label: 'Adopted from a cluster' },
  { value: 'discover.leave-alone', label: 'Left alone on a cluster (or proposed again)' },
] as const;

function isoOf(local: string): string | undefined {
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** Reads the typed filter: the query to send, or the problems to show next to the fields. */
export function readAuditFilter(fields: AuditFilterFields): { ok: true; query: AuditQuery } | { ok: false; problems: AuditFilterProblems } {
  const problems: AuditFilterProblems = {};
  const actor = fields.actor.trim();
  if (actor.length > limits.id) problems.actor = `A user id has at most ${limits.id} characters; this one has ${actor.length}.`;
  const from = fields.from ? isoOf(fields.from) : undefined;
  const to = fields.to ? isoOf(fields.to) : undefined;
  if (fields.from && !from) problems.from = 'Enter a date and time, or leave it empty.';
  if (fields.to && !to) problems.to = 'Enter a date and time, or leave it empty.';
  if (from && to && to <= from) problems.to = 'The end of the time range must be after its start.';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    query: {
      ...(actor ? { actor } : {}),
      ...(fields.action ? { action: fields.action } : {}),
      ...(fields.flowId ? { target: fields.flowId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
  };
}

/**
 * An entry's detail as short text: "revision: 3 · summary: 2 changes"; lists are counted. A user id
 * that `names` (display names by user id) has is written as the person's name.
 */
export function detailText(detail: Record<string, unknown>, names: Readonly<Record<string, string>> = {}): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      if (Array.isArray(value)) return `${key}: ${value.length === 1 ? '1 item' : `${value.length} items`}`;
      if (value === null || typeof value === 'object') return null;
      if (typeof value === 'string' && Object.hasOwn(names, value)) return `${key}: ${names[value]}`;
      return `${key}: ${String(value)}`;
    })
    .filter((part): part is string => part !== null)
    .join(' · ');
}
