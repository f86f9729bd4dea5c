import { useTRPC } from '@event-flows/client';
import type { FlowGraph } from '@event-flows/model';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { flowSubscriptions } from './flowTopics.ts';

/** The dead letters of one subscription, with their errors, and replay of chosen ones or all. */
export function DlqPanel({ graph }: { graph: FlowGraph }) {
  const trpc = useTRPC();
  const subscriptions = flowSubscriptions(graph);
  const [choice, setChoice] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const id = useId();
  const target = subscriptions[choice];
  const input = target ? { algorithm: target.algorithm, connection: target.connection, topic: target.topic, limit: 50 } : null;
  const peek = useQuery({ ...trpc.runtime.dlq.peek.queryOptions(input ?? { algorithm: 'none/none', connection: 'none', topic: 'none', limit: 1 }), enabled: input !== null, staleTime: 0 });
  const replay = useMutation(trpc.runtime.dlq.replay.mutationOptions({ onSuccess: () => void peek.refetch() }));
  const records = peek.data?.records ?? [];

  const doReplay = (all: boolean) => {
    if (!target) return;
    const select = all
      ? ('all' as const)
      : records.filter((r) => selected.has(`${r.partition}:${r.offset}`)).map((r) => ({ partition: r.partition, offset: r.offset }));
    if (select !== 'all' && select.length === 0) return;
    replay.mutate({ algorithm: target.algorithm, connection: target.connection, topic: target.topic, select });
    setSelected(new Set());
  };

  return (
    <section className="efs-app__dlq" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Dead letters</h2>
      <label htmlFor={`${id}-sub`}>Subscription</label>
      <select id={`${id}-sub`} value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
        {subscriptions.map((s, i) => (
          <option key={`${s.algorithm}/${s.connection}/${s.topic}`} value={i}>
            {s.algorithm} ← {s.topic}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void peek.refetch()} disabled={!target}>
        Refresh
      </button>
      {peek.error ? <p role="alert">{messageOf(peek.error)}</p> : null}
      {peek.data ? (
        <p className="efs-app__muted">
          {records.length} record(s) of this subscription in {peek.data.dlq.topic}
        </p>
      ) : null}
      <table className="efs-app__table" aria-label="Dead-letter records">
        <thead>
          <tr>
            <th scope="col">Pick</th>
            <th scope="col">Position</th>
            <th scope="col">Value</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const key = `${r.partition}:${r.offset}`;
            return (
              <tr key={key}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Pick record ${key}`}
                    checked={selected.has(key)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.target.checked) next.add(key);
                      else next.delete(key);
                      setSelected(next);
                    }}
                  />
                </td>
                <td>{key}</td>
                <td className="efs-app__code">{r.valueBase64 ? `(base64) ${r.value ?? ''}` : (r.value ?? '(null)')}</td>
                <td>{r.error ? JSON.stringify(r.error) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="efs-app__actions">
        <button type="button" onClick={() => doReplay(false)} disabled={selected.size === 0 || replay.isPending}>
          Replay selected
        </button>
        <button type="button" onClick={() => doReplay(true)} disabled={records.length === 0 || replay.isPending}>
          Replay all
        </button>
      </div>
      {replay.data ? (
        <p role="status">
          Replayed {replay.data.replayed} record(s)
          {replay.data.skipped.length ? `, skipped ${replay.data.skipped.map((s) => `${s.count} (${s.reason})`).join(', ')}` : ''}.
        </p>
      ) : null}
      {replay.error ? <p role="alert">{messageOf(replay.error)}</p> : null}
    </section>
  );
}
