import { useTRPC } from '@event-flows/client';
import { Button, DlqViewer, type DlqSearch, type RedriveControls, type ReplayFollow } from '@event-flows/editor';
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
  const [search, setSearch] = useState<DlqSearch | null>(null);
  const id = useId();
  const target = subscriptions[choice];
  const input = target ? { algorithm: target.algorithm, connection: target.connection, topic: target.topic, limit, ...(search ? { filter: search } : {}) } : null;
  const peek = useQuery({
    ...trpc.runtime.dlq.peek.queryOptions(input ?? { algorithm: 'none/none', connection: 'none', topic: 'none', limit: 1 }),
    enabled: input !== null,
    staleTime: 0,
    refetchInterval: () => (replayedAt !== null && Date.now() - replayedAt < watchAfterReplayMs ? 2_000 : false),
  });
  const groupsOf = target ? { algorithm: target.algorithm, connection: target.connection, topic: target.topic } : null;
  const groups = useQuery({
    ...trpc.runtime.dlq.groups.queryOptions({ of: groupsOf ?? { algorithm: 'none/none', connection: 'none', topic: 'none' } }),
    enabled: groupsOf !== null,
    staleTime: 0,
    refetchInterval: () => (replayedAt !== null && Date.now() - replayedAt < watchAfterReplayMs ? 2_000 : false),
  });
  const afterReplay = () => {
    setReplayedAt(Date.now());
    void peek.refetch();
    void groups.refetch();
  };
  const replay = useMutation(trpc.runtime.dlq.replay.mutationOptions({ onSuccess: afterReplay }));
  const replayEdited = useMutation(trpc.runtime.dlq.replayEdited.mutationOptions({ onSuccess: afterReplay }));
  const stopReplay = useMutation(trpc.runtime.dlq.stopReplay.mutationOptions());
  const startRedrive = useMutation(trpc.runtime.dlq.redrive.mutationOptions());
  const steerRedrive = useMutation(trpc.runtime.dlq.steerRedrive.mutationOptions());
  const resumeRedrive = useMutation(trpc.runtime.dlq.resumeRedrive.mutationOptions());
  // Earlier runs, kept by the server past a restart: an interrupted one is resumed from here.
  const runs = useQuery({
    ...trpc.runtime.dlq.redriveRuns.queryOptions(groupsOf ?? { algorithm: 'none/none', connection: 'none', topic: 'none' }),
    enabled: groupsOf !== null && me.user.role !== 'viewer',
    staleTime: 0,
  });
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
          setSearch(null);
        }}
      >
        {subscriptions.map((s, i) => (
          <option key={`${s.algorithm}/${s.connection}/${s.topic}`} value={i}>
            {s.algorithm} ← {s.topic}
          </option>
        ))}
      </select>
      <Button
        onClick={() => {
          void peek.refetch();
          void groups.refetch();
        }}
        disabled={!target}
      >
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
  const redrive: RedriveControls = {
    start: async (request) => {
      const run = await startRedrive.mutateAsync({ ...subscription, ...request });
      afterReplay();
      return run;
    },
    read: async (run) => {
      const view = await queryClient.fetchQuery({ ...trpc.runtime.dlq.redriveRun.queryOptions({ id: run }), staleTime: 0 });
      if (view && view.state !== 'running' && view.state !== 'paused') {
        afterReplay();
        void runs.refetch();
      }
      return view;
    },
    steer: (run, action) => steerRedrive.mutateAsync({ id: run, action }),
    resume: async (run) => {
      const view = await resumeRedrive.mutateAsync({ id: run });
      void runs.refetch();
      return view;
    },
  };
  // Another topic the algorithm reads in this flow on the same connection may take its dead letters too.
  const redriveTargets = [target.topic, ...subscriptions.filter((s) => s.algorithm === target.algorithm && s.connection === target.connection && s.topic !== target.topic).map((s) => s.topic)];
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
        onReplayEdited={(record, value, keepHeaders) => replayEdited.mutateAsync({ ...subscription, record, value, keepHeaders })}
        groups={groups.data?.groups}
        groupsComplete={groups.data?.complete ?? true}
        onSearch={(found) => {
          setSearch(Object.keys(found).length > 0 ? found : null);
          setLimit(firstPeek);
        }}
        {...(me.user.role === 'viewer' ? {} : { redrive })}
        redriveTargets={redriveTargets}
        redriveRefused={peek.data?.redriveRefused ?? null}
        pastRuns={runs.data}
        // The audit log is a cluster admin's page, with an address when the studio routes by hash.
        auditHref={me.user.role === 'admin' && location.hash.startsWith('#/') ? () => '#/admin/audit' : undefined}
      />
    </div>
  );
}
