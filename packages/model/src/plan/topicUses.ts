import type { Binding } from '../desired.ts';
import { byString, topicKey } from '../keys.ts';
import type { Plan, PlanAction, TopicUse } from './planSchema.ts';

/** A consumer group on a cluster and the topics it has committed offsets on or is assigned. */
export interface ConsumerGroupUse {
  connection: string;
  groupId: string;
  topics: readonly string[];
}

/** The topic an action changes something of, if any (an ACL on a consumer group or a prefix has none). */
export function actionTopic(action: PlanAction): { connection: string; topic: string } | undefined {
  switch (action.kind) {
    case 'grant':
      return action.grant;
    case 'create-topic':
    case 'adopt-topic':
      return action.topic;
    case 'alter-topic-config':
    case 'add-partitions':
      return action;
    case 'create-acl':
    case 'adopt-acl':
    case 'delete-acl':
      return action.acl.resourceType === 'topic' && action.acl.patternType === 'literal' ? { connection: action.acl.connection, topic: action.acl.resourceName } : undefined;
    case 'start-binding':
    case 'update-binding':
    case 'stop-binding':
      return action.binding;
  }
}

/** Every topic a binding reads or writes: its own, and a subscription's outputs and DLQ. */
function topicsOf(binding: Binding): Array<{ connection: string; topic: string }> {
  return binding.direction === 'subscribe' ? [binding, ...binding.outputs, ...(binding.dlq ? [binding.dlq] : [])] : [binding];
}

/**
 * For each topic `plan` touches (its actions' and its drift's), the other flows whose enabled bindings
 * read or write it (named by `flowNames`, else by id) and the consumer groups on the cluster that read
 * it, other than this flow's own; topics nothing else uses are left out. Sorted by connection and topic.
 */
export function topicUses(plan: Plan, bindings: readonly Binding[], flowNames: ReadonlyMap<string, string>, groups: readonly ConsumerGroupUse[]): TopicUse[] {
  const touched = new Map<string, { connection: string; topic: string }>();
  const touch = (ref: { connection: string; topic: string } | undefined) => {
    if (ref) touched.set(topicKey(ref.connection, ref.topic), { connection: ref.connection, topic: ref.topic });
  };
  for (const action of plan.actions) touch(actionTopic(action));
  for (const drift of plan.drift) touch(drift.kind === 'topic-partitions' || drift.kind === 'topic-config' ? drift : drift.binding);
  if (touched.size === 0) return [];

  const flows = new Map<string, Set<string>>();
  const ownGroups = new Set<string>();
  for (const binding of bindings) {
    if (binding.flowId === plan.flowId) {
      if (binding.direction === 'subscribe') ownGroups.add(binding.consumerGroup);
      continue;
    }
    for (const ref of topicsOf(binding)) {
      const key = topicKey(ref.connection, ref.topic);
      if (!touched.has(key)) continue;
      const names = flows.get(key) ?? new Set<string>();
      names.add(flowNames.get(binding.flowId) ?? binding.flowId);
      flows.set(key, names);
    }
  }
  const readers = new Map<string, Set<string>>();
  for (const group of groups) {
    if (ownGroups.has(group.groupId)) continue;
    for (const topic of group.topics) {
      const key = topicKey(group.connection, topic);
      if (!touched.has(key)) continue;
      const ids = readers.get(key) ?? new Set<string>();
      ids.add(group.groupId);
      readers.set(key, ids);
    }
  }
  const uses: TopicUse[] = [];
  for (const [key, ref] of touched) {
    const f = flows.get(key);
    const g = readers.get(key);
    if (f || g) uses.push({ ...ref, flows: [...(f ?? [])].sort(byString), consumerGroups: [...(g ?? [])].sort(byString) });
  }
  return uses.sort((a, b) => byString(a.connection, b.connection) || byString(a.topic, b.topic));
}
