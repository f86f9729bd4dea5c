import type { Grant, TopicRef } from './catalog.ts';
import type { Binding } from './desired.ts';

/**
 * The grants an enabled binding lies inside (DESIGN §4), the rule compile's grants follow: a
 * subscription needs to subscribe to its topic and to publish to its DLQ; a publication needs to
 * publish to its topic.
 */
export function grantsFor(binding: Binding): Grant[] {
  const { algorithm } = binding;
  if (binding.direction === 'publish') return [{ connection: binding.connection, topic: binding.topic, algorithm, access: 'publish' }];
  const grants: Grant[] = [{ connection: binding.connection, topic: binding.topic, algorithm, access: 'subscribe' }];
  if (binding.dlq) grants.push({ ...binding.dlq, algorithm, access: 'publish' });
  return grants;
}

/** Every topic an enabled binding names: its own and, for a subscription, its DLQ and its outputs. */
export function topicsOf(binding: Binding): TopicRef[] {
  const own = { connection: binding.connection, topic: binding.topic };
  if (binding.direction === 'publish') return [own];
  return [own, ...(binding.dlq ? [binding.dlq] : []), ...binding.outputs];
}
