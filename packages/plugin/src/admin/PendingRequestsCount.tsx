import { useTRPC } from '@event-flows/client';
import { useQuery } from '@tanstack/react-query';

/**
 * How many grant requests wait for a cluster admin, as a badge beside "Grant requests" in the
 * navigation; nothing when none wait. Kept fresh by the studio's change stream (a request filed or
 * decided marks the list stale).
 */
export function PendingRequestsCount() {
  const trpc = useTRPC();
  const pending = useQuery(trpc.admin.grantRequests.list.queryOptions({ status: 'pending' }));
  const count = pending.data?.length ?? 0;
  return count > 0 ? <PendingBadge count={count} /> : null;
}

/** The badge itself: the count, read out as "N pending". */
export function PendingBadge({ count }: { count: number }) {
  return (
    <span className="efs-app__badge" aria-label={`${count} pending`}>
      {count}
    </span>
  );
}
