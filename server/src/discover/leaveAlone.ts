/**
 * "Leave alone" (issue 21): a cluster admin marks unmanaged items of a connection's discovery so they
 * are no longer proposed for adoption, or takes the marks back. Kept per connection; audited.
 */
import type { LeaveAloneRequest } from '@event-flows/model';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { audit } from '../store/audit.ts';
import { getConnectionView } from '../store/connections.ts';
import { setLeftAlone } from '../store/leftAlone.ts';

/** How many names an audit entry lists (the count says the rest). */
const auditedNames = 20;

/**
 * Marks (or unmarks) `request.names` on the connection to be left alone, as `user`; answers how many
 * marks changed. Refuses a connection that does not exist (NOT_FOUND). A mark on an item a flow
 * manages is kept but changes nothing until no flow manages it.
 */
export async function leaveAlone(services: Pick<Services, 'db'>, user: User, request: LeaveAloneRequest): Promise<{ changed: number }> {
  if (!(await getConnectionView(services.db, request.connection))) throw new DomainError('NOT_FOUND', `There is no connection "${request.connection}".`);
  const changed = await setLeftAlone(services.db, { ...request, by: user.id });
  await audit(services.db, {
    actor: user.id,
    action: 'discover.leave-alone',
    target: request.connection,
    result: 'ok',
    detail: { kind: request.kind, names: request.names.slice(0, auditedNames), leftAlone: request.leftAlone, changed },
  });
  return { changed };
}
