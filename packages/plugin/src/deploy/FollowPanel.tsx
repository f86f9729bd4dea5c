import { useTRPC } from '@event-flows/client';
import { Button, Field, Spinner } from '@event-flows/editor';
import { limits, type FlowGraph, type MessagePath } from '@event-flows/model';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { FollowTarget } from '../app/studioAddress.ts';
import { messageOf } from '../app/StudioContext.ts';
import { flowTopics } from './flowTopics.ts';
import { MessagePathList } from './MessagePathList.tsx';

/** Props of {@link FollowPanel}. */
export interface FollowPanelProps {
  flowId: string;
  graph: FlowGraph;
  /** The record followed (from the page's address), or none yet. */
  target: FollowTarget | undefined;
  /** Follows another record: the page puts it in its address. */
  onFollow: (target: FollowTarget) => void;
  /** Told the path found (to draw on the canvas), and `null` when there is none to draw. */
  onPath: (path: MessagePath | null) => void;
}

/** How the followed record is named: "orders 0/42" or "orders key o-1". */
export function followLabel(target: FollowTarget): string {
  return target.key !== undefined ? `${target.topic} key ${target.key}` : `${target.topic} ${target.partition ?? 0}/${target.offset ?? 0}`;
}

/**
 * "Follow a message": a record of one of the flow's topics, by partition and offset or by key, and
 * its path through the deployed flow (`runtime.follow`) as a list; the path also goes to the page to
 * be drawn on the canvas.
 */
export function FollowPanel({ flowId, graph, target, onFollow, onPath }: FollowPanelProps) {
  const trpc = useTRPC();
  const topics = flowTopics(graph);
  const [by, setBy] = useState<'position' | 'key'>(target?.key !== undefined ? 'key' : 'position');
  const [choice, setChoice] = useState(() => Math.max(0, topics.findIndex((t) => t.topic === target?.topic && (!target.connection || t.connection === target.connection))));
  const [partition, setPartition] = useState(String(target?.partition ?? 0));
  const [offset, setOffset] = useState(target?.offset ?? '');
  const [key, setKey] = useState(target?.key ?? '');
  const input = target ? { flowId, ...target } : null;
  const follow = useQuery({ ...trpc.runtime.follow.queryOptions(input ?? { flowId, topic: 'none', key: 'none' }), enabled: input !== null, staleTime: 0, retry: false });
  const path = follow.data?.found ? follow.data.path : null;
  useEffect(() => onPath(path), [path, onPath]);
  useEffect(() => () => onPath(null), [onPath]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const topic = topics[choice];
    if (!topic) return;
    const at = { connection: topic.connection, topic: topic.topic };
    onFollow(by === 'key' ? { ...at, key } : { ...at, partition: Number(partition), offset });
  };
  return (
    <div className="efs-app__form efs-app__form--wide">
      <h2>Follow a message</h2>
      <form className="efs-app__form" onSubmit={submit} aria-label="Follow a message">
        <Field label="Topic">
          <select value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
            {topics.map((t, i) => (
              <option key={`${t.connection}/${t.topic}`} value={i}>
                {t.topic}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="efs-follow__by">
          <legend>Find the record</legend>
          <label>
            <input type="radio" name="follow-by" checked={by === 'position'} onChange={() => setBy('position')} /> by partition and offset
          </label>
          <label>
            <input type="radio" name="follow-by" checked={by === 'key'} onChange={() => setBy('key')} /> by key (the newest)
          </label>
        </fieldset>
        {by === 'position' ? (
          <div className="efs-app__range">
            <Field label="Partition">
              <input type="number" min={0} required value={partition} onChange={(e) => setPartition(e.target.value)} />
            </Field>
            <Field label="Offset">
              <input inputMode="numeric" pattern="\d{1,19}" required value={offset} onChange={(e) => setOffset(e.target.value)} />
            </Field>
          </div>
        ) : (
          <Field label="Key">
            <input required maxLength={limits.messageKey} value={key} onChange={(e) => setKey(e.target.value)} />
          </Field>
        )}
        <div className="efs-app__range">
          <Button type="submit" variant="primary" disabled={topics.length === 0}>
            Follow
          </Button>
          {target ? (
            <Button onClick={() => void follow.refetch()} disabled={follow.isFetching}>
              Follow again
            </Button>
          ) : null}
        </div>
      </form>
      {follow.isFetching ? <Spinner label="Following the message…" /> : null}
      {follow.error ? <p role="alert">{messageOf(follow.error)}</p> : null}
      {follow.data && !follow.data.found ? <p role="status">{follow.data.reason}</p> : null}
      {path ? <MessagePathList path={path} /> : null}
    </div>
  );
}
