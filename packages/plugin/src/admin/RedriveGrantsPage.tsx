import { useTRPC } from '@event-flows/client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { RedriveGrantsView } from './RedriveGrantsView.tsx';

/**
 * Cluster admins: the redrive grants, read, given and taken back through the admin API, and the chosen
 * org's people to give the permission to, read again when the org or the grants change.
 */
export function RedriveGrantsPage() {
  const trpc = useTRPC();
  const { me } = useStudio();
  const [orgId, setOrgId] = useState(me.orgs[0]?.id ?? '');
  const grants = useQuery(trpc.admin.redriveGrants.list.queryOptions());
  const people = useQuery({ ...trpc.admin.redriveGrants.people.queryOptions({ orgId }), enabled: orgId !== '', retry: false });
  const refresh = { onSuccess: () => void Promise.all([grants.refetch(), people.refetch()]) };
  const add = useMutation(trpc.admin.redriveGrants.add.mutationOptions(refresh));
  const remove = useMutation(trpc.admin.redriveGrants.remove.mutationOptions(refresh));
  const failure = (error: unknown) => new Error(messageOf(error));
  return (
    <RedriveGrantsView
      grants={grants.data ?? null}
      error={grants.error ? messageOf(grants.error) : null}
      orgs={me.orgs}
      orgId={orgId}
      onOrgChange={setOrgId}
      people={people.data?.people ?? null}
      peopleComplete={people.data?.complete ?? true}
      peopleError={people.error ? messageOf(people.error) : null}
      onGive={async (grant) => {
        await add.mutateAsync(grant).catch((error: unknown) => Promise.reject(failure(error)));
      }}
      onTakeBack={async ({ orgId: org, userId }) => {
        await remove.mutateAsync({ orgId: org, userId }).catch((error: unknown) => Promise.reject(failure(error)));
      }}
    />
  );
}
