import { useTRPC } from '@event-flows/client';
import { useQuery } from '@tanstack/react-query';
import { Badge } from '@event-flows/editor';

/**
 * How many grant requests wait for a cluster admin, as a badge beside "Admin" and "Grant requests"
 * in the navigation; nothing when none wait. Kept fresh by the studio's change stream (a request filed or
 * decided marks the list stale).
 */
export function PendingRequestsCount() {
  const trpc = useTRPC();
  const pending = useQuery(trpc.admin.grantRequests.list.queryOptions({ status: 'pending' }));
  const count = pending.data?.length ?? 0;
  return count > 0 ? <PendingBadge count={count} /> : null;
}

/** The badge itself: the design system's count badge, read out as "N pending" (a button's gap keeps it apart from its words). */
export function PendingBadge({ count }: { count: number }) {
  return (
    <Badge count>
      <span aria-label={`${count} pending`}>{count.toLocaleString('en')}</span>
    </Badge>
  );
}
