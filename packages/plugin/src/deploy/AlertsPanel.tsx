import { useTRPC } from '@event-flows/client';
import type { FlowGraph } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useStudio } from '../app/StudioContext.ts';
import { AlertsView, type AlertDraft } from './AlertsView.tsx';
import { flowSubscriptions } from './flowTopics.ts';

/** How often the panel reads what fires, while it is open. */
const refreshMs = 10_000;

/** The flow's alerts (rules, what fires now, history), read from and written to the server. */
export function AlertsPanel({ flowId, graph }: { flowId: string; graph: FlowGraph }) {
  const trpc = useTRPC();
  const { me } = useStudio();
  const queryClient = useQueryClient();
  const list = useQuery({ ...trpc.alerts.list.queryOptions({ flowId }), refetchInterval: refreshMs });
  const history = useQuery({ ...trpc.alerts.history.queryOptions({ flowId, limit: 50 }), refetchInterval: refreshMs });
  const changed = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.alerts.list.queryKey({ flowId }) }), queryClient.invalidateQueries({ queryKey: trpc.alerts.history.queryKey() })]);
  const save = useMutation(trpc.alerts.save.mutationOptions({ onSuccess: changed }));
  const remove = useMutation(trpc.alerts.remove.mutationOptions({ onSuccess: changed }));
  const silence = useMutation(trpc.alerts.silence.mutationOptions({ onSuccess: changed }));
  if (list.isPending) return <p role="status">Loading the flow's alerts…</p>;
  if (list.isError) return <p role="alert">The alerts could not be loaded: {list.error.message}</p>;
  return (
    <AlertsView
      rules={list.data.rules}
      firing={list.data.firing}
      history={history.data ?? []}
      subscriptions={flowSubscriptions(graph)}
      readOnly={me.user.role === 'viewer'}
      onSave={(draft: AlertDraft) => save.mutateAsync({ flowId, ...draft })}
      onRemove={(id) => remove.mutateAsync({ flowId, id })}
      onSilence={(id, minutes) => silence.mutateAsync({ flowId, id, minutes })}
    />
  );
}
