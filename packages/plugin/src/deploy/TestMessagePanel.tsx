import { useTRPC } from '@event-flows/client';
import type { FlowGraph } from '@event-flows/model';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FollowTarget } from '../app/studioAddress.ts';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { useNotice } from '../flows/useNotice.ts';
import { flowTopics } from './flowTopics.ts';
import { TestMessageForm, type TestMessage } from './TestMessageForm.tsx';

export { testMessageProblem } from './TestMessageForm.tsx';

/**
 * Sends one message to a topic of the flow, to watch it flow through the deployed bindings, and offers to
 * follow it (`onFollow`). Feeds {@link TestMessageForm}.
 */
export function TestMessagePanel({ graph, onFollow }: { graph: FlowGraph; onFollow?: (target: FollowTarget) => void }) {
  const { orgId } = useStudio();
  const trpc = useTRPC();
  const send = useMutation(trpc.runtime.sendTestMessage.mutationOptions());
  // The flow page has the catalog already: its topics are named with their connection's name, as nodes are.
  const catalog = useQuery(trpc.catalog.get.queryOptions({ orgId }));
  const connectionNames = new Map(catalog.data?.catalog.connections.map((c) => [c.id, c.name]));
  const topics = flowTopics(graph).map((t) => ({ ...t, connectionName: connectionNames.get(t.connection) ?? t.connection }));
  // What was sent, or why not, is about the form as it was: it goes once the form changes.
  const [edits, setEdits] = useState(0);
  const outcome = useNotice(edits);
  // Where the last message landed, while the form is as it was sent.
  const [landed, setLanded] = useState<{ edits: number; target: FollowTarget } | null>(null);
  const submit = async ({ connection, topic, key, value }: TestMessage) => {
    try {
      const sent = await send.mutateAsync({ orgId, connection, topic, value, ...(key ? { key } : {}) });
      outcome.show(`Sent to partition ${sent.partition} at offset ${sent.offset}.`, edits);
      setLanded({ edits, target: { connection, topic, partition: sent.partition, offset: sent.offset } });
    } catch (error) {
      outcome.show(messageOf(error), edits, 'error');
    }
  };
  return (
    <TestMessageForm
      topics={topics}
      sending={send.isPending}
      outcome={outcome.text && outcome.tone ? { text: outcome.text, tone: outcome.tone } : null}
      onSend={(message) => void submit(message)}
      onEdit={() => setEdits((n) => n + 1)}
      // Offered after the "Sent" notice goes too, until the form changes or a send fails.
      onFollow={onFollow && landed?.edits === edits && outcome.tone !== 'error' ? () => onFollow(landed.target) : undefined}
    />
  );
}
