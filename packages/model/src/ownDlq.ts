import type { TopicRef } from './catalog.ts';

/** What the rule reads of a binding, or of a subscription drawn in a graph. */
export interface DlqHolder {
  direction: 'subscribe' | 'publish';
  dlq?: TopicRef | null;
}

/**
 * The rule on publishing to one's own DLQ: an algorithm may not publish its results to the DLQ of one
 * of its own subscriptions, where they would mix with the messages it failed. Given the algorithm's
 * bindings (or drawn subscriptions), returns the first subscription whose DLQ is `topic`; `undefined`
 * when publishing to `topic` is allowed.
 */
export function subscriptionWithDlq<B extends DlqHolder>(bindings: readonly B[], topic: TopicRef): B | undefined {
  return bindings.find((b) => b.direction === 'subscribe' && !!b.dlq && b.dlq.connection === topic.connection && b.dlq.topic === topic.topic);
}

/** Why `algorithm` may not publish to `topic`, the DLQ of its subscription to `input`, as a person reads it. */
export function ownDlqProblem(algorithm: string, topic: string, input: string): string {
  return `"${topic}" is the Dead Letter Queue of ${algorithm}'s subscription to "${input}": publishing there would mix its results into the messages it failed. Pick another topic, or turn that subscription's Dead Letter Queue off first.`;
}
