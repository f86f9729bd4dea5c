import { refreshAfterChange, useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { noticeMs } from '../flows/useNotice.ts';
import { updateInputOf } from './connectionInput.ts';
import { ConnectionsView, type ConnectionTestOutcome } from './ConnectionsView.tsx';
import { loadedOf } from './loaded.ts';

/** Cluster admins: the Kafka connections, "test connection", adding, editing and deleting one, and its member topic limits. Feeds {@link ConnectionsView}. */
export function ConnectionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(useStudio().orgId);
  const connections = useQuery(trpc.admin.connections.list.queryOptions());
  const test = useMutation(trpc.admin.connections.test.mutationOptions());
  const refresh = { onSuccess: () => void refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'connections' }) };
  const create = useMutation(trpc.admin.connections.create.mutationOptions(refresh));
  const update = useMutation(trpc.admin.connections.update.mutationOptions(refresh));
  const remove = useMutation(trpc.admin.connections.delete.mutationOptions(refresh));
  const [results, setResults] = useState<Record<string, ConnectionTestOutcome>>({});
  // A test's result is of that moment: it goes after a few seconds, and when the connections change.
  useEffect(() => {
    if (Object.keys(results).length === 0) return undefined;
    const timer = setTimeout(() => setResults({}), noticeMs);
    return () => clearTimeout(timer);
  }, [results]);
  useEffect(() => setResults({}), [connections.data]);

  const runTest = async (connection: string) => {
    try {
      const result = await test.mutateAsync({ id: connection });
      setResults((r) => ({ ...r, [connection]: result }));
    } catch (error) {
      setResults((r) => ({ ...r, [connection]: messageOf(error) }));
    }
  };

  return (
    <ConnectionsView
      connections={loadedOf(connections)}
      testResults={results}
      testing={test.isPending ? (test.variables?.id ?? null) : null}
      onTest={(id) => void runTest(id)}
      onCreate={(input) => create.mutateAsync(input)}
      onUpdate={(input) => update.mutateAsync(input)}
      onDelete={(id) => remove.mutateAsync({ id })}
      onSaveLimits={(chosen, memberTopicLimits) => update.mutateAsync(updateInputOf(chosen, { memberTopicLimits }))}
    />
  );
}
