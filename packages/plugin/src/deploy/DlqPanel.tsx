import { useTRPC } from '@event-flows/client';
import { Button, DlqViewer, type ReplayFollow } from '@event-flows/editor';
import { limits, type FlowGraph } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { flowSubscriptions } from './flowTopics.ts';

/** How long after a replay the dead letters are read again now and then, to show a replay that failed again. */
const watchAfterReplayMs = 20_000;

/** How often a running replay's count is read. */
const progressEveryMs = 500;

/** How many dead letters the panel reads first; "Show older records" reads four times as many, up to the API's limit. */
const firstPeek = 50;

/** The dead letters of one subscription of the flow, in the dead-letter viewer, replayed through the API. */
export function DlqPanel({ graph }: { graph: FlowGraph }) {
  const trpc = useTRPC();
  const { me, theme } = useStudio();
  const subscriptions = flowSubscriptions(graph);
  const [choice, setChoice] = useState(0);
  const [replayedAt, setReplayedAt] = useState<number | null>(null);
  const [limit, setLimit] = useState(firstPeek);
  const id = useId();
  const target = subscriptions[choice];
  const input = target ? { algorithm: target.algorithm, connection: target.connection, topic: target.topic, limit } : null;
  const peek = useQuery({
    ...trpc.runtime.dlq.peek.queryOptions(input ?? { algorithm: 'none/none', connection: 'none', topic: 'none', limit: 1 }),
    enabled: input !== null,
    staleTime: 0,
    refetchInterval: () => (replayedAt !== null && Date.now() - replayedAt < watchAfterReplayMs ? 2_000 : false),
  });
  const afterReplay = () => {
    setReplayedAt(Date.now());
    void peek.refetch();
  };
  const replay = useMutation(trpc.runtime.dlq.replay.mutationOptions({ onSuccess: afterReplay }));
  const replayEdited = useMutation(trpc.runtime.dlq.replayEdited.mutationOptions({ onSuccess: afterReplay }));
  const stopReplay = useMutation(trpc.runtime.dlq.stopReplay.mutationOptions());
  const queryClient = useQueryClient();

  /** Replays as named run, reading its count now and then while it runs, and asking it to stop when told. */
  const followedReplay = async (input: Parameters<typeof replay.mutateAsync>[0], follow: ReplayFollow) => {
    // getRandomValues, unlike randomUUID, works on a studio served over plain HTTP too.
    const run = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    const readCount = async () => {
      const progress = await queryClient.fetchQuery({ ...trpc.runtime.dlq.replayProgress.queryOptions({ run }), staleTime: 0 }).catch(() => null);
      if (progress) follow.onProgress(progress.replayed);
    };
    const timer = setInterval(() => void readCount(), progressEveryMs);
    const stop = () => stopReplay.mutate({ run });
    follow.signal.addEventListener('abort', stop, { once: true });
    try {
      return await replay.mutateAsync({ ...input, run });
    } finally {
      clearInterval(timer);
      follow.signal.removeEventListener('abort', stop);
    }
  };

  const toolbar = (
    <div className="efs-dlq__actions">
      <label htmlFor={`${id}-sub`}>Subscription</label>
      <select
        id={`${id}-sub`}
        value={choice}
        onChange={(e) => {
          setChoice(Number(e.target.value));
          setLimit(firstPeek);
        }}
      >
        {subscriptions.map((s, i) => (
          <option key={`${s.algorithm}/${s.connection}/${s.topic}`} value={i}>
            {s.algorithm} ← {s.topic}
          </option>
        ))}
      </select>
      <Button onClick={() => void peek.refetch()} disabled={!target}>
        Refresh
      </Button>
    </div>
  );
  if (!target) {
    return (
      <section className="efs-app__dlq">
        <h2>Dead letters</h2>
        <p className="efs-app__muted">This flow has no subscription, so it has no dead letters.</p>
      </section>
    );
  }
  const subscription = { algorithm: target.algorithm, connection: target.connection, topic: target.topic };
  return (
    <div className="efs-app__dlq">
      <DlqViewer
        key={`${target.algorithm}/${target.connection}/${target.topic}`}
        subscription={`${target.algorithm} ← ${target.topic}`}
        topic={target.topic}
        dlqTopic={peek.data?.dlq.topic ?? null}
        records={peek.data?.records ?? []}
        complete={peek.data?.complete ?? true}
        loading={peek.isFetching}
        error={peek.error ? messageOf(peek.error) : null}
        readOnly={me.user.role === 'viewer'}
        theme={theme}
        toolbar={toolbar}
        onShowOlder={limit < limits.dlqPeekRecords ? () => setLimit(Math.min(limit * 4, limits.dlqPeekRecords)) : undefined}
        onReplay={(select, follow) => followedReplay({ ...subscription, select }, follow)}
        onReplayEdited={(record, value) => replayEdited.mutateAsync({ ...subscription, record, value })}
      />
    </div>
  );
}
