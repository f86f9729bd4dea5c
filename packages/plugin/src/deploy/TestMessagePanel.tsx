import { Button } from '@event-flows/editor';
import { useTRPC } from '@event-flows/client';
import { limits, sizeOf, utf8Bytes, type FlowGraph } from '@event-flows/model';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { FollowTarget } from '../app/studioAddress.ts';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { useNotice } from '../flows/useNotice.ts';
import { flowTopics } from './flowTopics.ts';

/**
 * Why `value` is too large to send from the studio, with its size and the limit; `null` when it fits.
 * Said before sending: the server would refuse it anyway, and a 12 MB paste would not even reach it.
 */
export function testMessageProblem(value: string): string | null {
  if (value.length <= limits.messageChars) return null;
  return `The message is ${sizeOf(utf8Bytes(value))}; at most ${sizeOf(limits.messageChars)} is sent from the studio.`;
}

/** Sends one message to a topic of the flow, to watch it flow through the deployed bindings, and offers to follow it (`onFollow`). */
export function TestMessagePanel({ graph, onFollow }: { graph: FlowGraph; onFollow?: (target: FollowTarget) => void }) {
  const { orgId } = useStudio();
  const trpc = useTRPC();
  const topics = flowTopics(graph);
  const [choice, setChoice] = useState(0);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('{"id": "order-1", "amount": 120}');
  const send = useMutation(trpc.runtime.sendTestMessage.mutationOptions());
  // The flow page has the catalog already: its topics are named with their connection's name, as nodes are.
  const catalog = useQuery(trpc.catalog.get.queryOptions({ orgId }));
  const connectionNames = new Map(catalog.data?.catalog.connections.map((c) => [c.id, c.name]));
  const id = useId();
  const target = topics[choice];
  // What was sent, or why not, is about the form as it was: it goes once the form changes.
  const form = `${choice}\n${key}\n${value}`;
  const outcome = useNotice(form);
  // Where the last message landed, while the form is as it was sent.
  const [landed, setLanded] = useState<{ form: string; target: FollowTarget } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    const tooLarge = testMessageProblem(value);
    if (tooLarge) return outcome.show(tooLarge, form, 'error');
    try {
      const sent = await send.mutateAsync({ orgId, connection: target.connection, topic: target.topic, value, ...(key ? { key } : {}) });
      outcome.show(`Sent to partition ${sent.partition} at offset ${sent.offset}.`, form);
      setLanded({ form, target: { connection: target.connection, topic: target.topic, partition: sent.partition, offset: sent.offset } });
    } catch (error) {
      outcome.show(messageOf(error), form, 'error');
    }
  };
  return (
    <form className="efs-app__form" onSubmit={(event) => void submit(event)} aria-label="Send test message">
      <h2>Send test message</h2>
      <label htmlFor={`${id}-topic`}>Topic</label>
      <select id={`${id}-topic`} value={choice} onChange={(e) => setChoice(Number(e.target.value))}>
        {topics.map((t, i) => (
          <option key={`${t.connection}/${t.topic}`} value={i}>
            {t.topic} ({connectionNames.get(t.connection) ?? t.connection})
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-key`}>Key (optional)</label>
      <input id={`${id}-key`} value={key} maxLength={limits.messageKey} onChange={(e) => setKey(e.target.value)} />
      <label htmlFor={`${id}-value`}>Value</label>
      <textarea id={`${id}-value`} rows={4} value={value} onChange={(e) => setValue(e.target.value)} />
      <Button type="submit" variant="primary" disabled={!target || send.isPending}>
        Send
      </Button>
      {outcome.text ? <p role={outcome.tone === 'error' ? 'alert' : 'status'}>{outcome.text}</p> : null}
      {onFollow && landed && landed.form === form && outcome.tone !== 'error' ? (
        <Button onClick={() => onFollow(landed.target)}>Follow this message</Button>
      ) : null}
    </form>
  );
}
