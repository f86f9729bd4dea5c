/**
 * The fields of what a plan changes (a topic, an ACL, a grant, a binding) as a person reads them, and
 * the before → after of each ({@link FieldChange}).
 */
import type { Grant, TopicRef } from '../catalog.ts';
import type { Acl, Binding, DesiredTopic } from '../desired.ts';
import type { RetryPolicy } from '../graph.ts';
import { defaultValue } from '../discover.ts';
import type { FieldChange } from './planSchema.ts';

export { defaultValue };

/** The value on the side of a change where the thing does not exist (before a creation, after a removal). */
export const absentValue = '(none)';

/** A subscription without a dead-letter queue, or without outputs. */
const none = 'none';

/** A field's name and its value as shown, in the order the review lists them. */
export type FieldValues = ReadonlyArray<readonly [field: string, value: string]>;

function setting(value: number | null): string {
  return value === null ? defaultValue : String(value);
}

function topicRefText(ref: TopicRef, connection: string): string {
  return ref.connection === connection ? ref.topic : `${ref.topic} on ${ref.connection}`;
}

/** A topic to create: partitions, replication factor, then each config entry the flow sets, by name. */
export function topicFields(topic: DesiredTopic): FieldValues {
  const config = Object.keys(topic.config).sort().map((key) => [key, topic.config[key] ?? defaultValue] as const);
  return [['partitions', setting(topic.partitions)], ['replication factor', setting(topic.replicationFactor)], ...config];
}

/** An ACL as one field: its principal, with what it allows on which resource. */
export function aclFields(acl: Acl): FieldValues {
  const resource = acl.resourceType === 'group' ? 'consumer group' : acl.resourceType;
  const pattern = acl.patternType === 'prefixed' ? ' (prefix)' : '';
  const host = acl.host === '*' ? '' : ` from ${acl.host}`;
  return [[acl.principal, `${acl.permission} ${acl.operation.toUpperCase()} ${resource} "${acl.resourceName}"${pattern}${host}`]];
}

/** A grant as one field: the algorithm's access to the topic. */
export function grantFields(grant: Grant): FieldValues {
  return [[`${grant.algorithm} ${grant.access}`, `"${grant.topic}" granted`]];
}

/**
 * Every setting of a binding but its identity (flow, algorithm, connection, topic, direction): what the
 * runtime runs it with and whom it acts as.
 */
export function bindingFields(binding: Binding): FieldValues {
  const common = [['version', binding.version] as const, ['principal', binding.principal] as const];
  if (binding.direction === 'publish') return common;
  return [
    ...common,
    ['consumer group', binding.consumerGroup],
    ['dlq', binding.dlq ? topicRefText(binding.dlq, binding.connection) : none],
    ['outputs', binding.outputs.length === 0 ? none : binding.outputs.map((o) => topicRefText(o, binding.connection)).join(', ')],
    ['retry attempts', String(binding.retry.maxAttempts)],
    ['retry backoff ms', String(binding.retry.backoffMs)],
    ...retryPolicyFields(binding.retry),
    ['concurrency', String(binding.concurrency)],
    ['ordering', binding.ordering],
    ['timeout ms', String(binding.timeoutMs)],
  ];
}

/**
 * The parts of a retry policy a flow may leave to the runtime's defaults: only those it sets are
 * listed, so a flow saved before they existed plans as it did.
 */
function retryPolicyFields(retry: RetryPolicy): FieldValues {
  const fields: Array<readonly [string, string]> = [];
  if (retry.backoff !== undefined) fields.push(['retry backoff', retry.backoff]);
  if (retry.maxBackoffMs !== undefined) fields.push(['retry longest wait ms', String(retry.maxBackoffMs)]);
  if (retry.attemptTimeoutMs !== undefined) fields.push(['retry attempt timeout ms', String(retry.attemptTimeoutMs)]);
  if (retry.transientStatuses !== undefined) fields.push(['retry transient statuses', retry.transientStatuses.join(', ')]);
  if (retry.honourRetryAfter !== undefined) fields.push(['retry honours Retry-After', retry.honourRetryAfter ? 'yes' : 'no']);
  return fields;
}

/** Each field of something created: from {@link absentValue} to its value. */
export function created(fields: FieldValues): FieldChange[] {
  return fields.map(([field, after]) => ({ field, before: absentValue, after }));
}

/** Each field of something removed: from its value to {@link absentValue}. */
export function removed(fields: FieldValues): FieldChange[] {
  return fields.map(([field, before]) => ({ field, before, after: absentValue }));
}

/** The fields whose values differ between `before` and `after`, in `after`'s order, then those only `before` has. */
export function changed(before: FieldValues, after: FieldValues): FieldChange[] {
  const was = new Map(before);
  const changes: FieldChange[] = [];
  for (const [field, value] of after) {
    const old = was.get(field) ?? absentValue;
    if (old !== value) changes.push({ field, before: old, after: value });
    was.delete(field);
  }
  for (const [field, old] of was) changes.push({ field, before: old, after: absentValue });
  return changes;
}

/** A topic or ACL that exists already taken over by the flow: only who manages it changes. */
export function adopted(): FieldChange[] {
  return [{ field: 'managed by', before: 'the cluster', after: 'this flow' }];
}
