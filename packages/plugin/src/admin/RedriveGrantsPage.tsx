import { useTRPC } from '@event-flows/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { RedriveGrantsView } from './RedriveGrantsView.tsx';

/** Cluster admins: the redrive grants, read, given and taken back through the admin API. */
export function RedriveGrantsPage() {
  const trpc = useTRPC();
  const { me } = useStudio();
  const grants = useQuery(trpc.admin.redriveGrants.list.queryOptions());
  const refresh = { onSuccess: () => void grants.refetch() };
  const add = useMutation(trpc.admin.redriveGrants.add.mutationOptions(refresh));
  const remove = useMutation(trpc.admin.redriveGrants.remove.mutationOptions(refresh));
  const failure = (error: unknown) => new Error(messageOf(error));
  return (
    <RedriveGrantsView
      grants={grants.data ?? null}
      error={grants.error ? messageOf(grants.error) : null}
      orgs={me.orgs}
      onGive={async (grant) => {
        await add.mutateAsync(grant).catch((error: unknown) => Promise.reject(failure(error)));
      }}
      onTakeBack={async (grant) => {
        await remove.mutateAsync(grant).catch((error: unknown) => Promise.reject(failure(error)));
      }}
    />
  );
}
