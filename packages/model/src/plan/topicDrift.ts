/**
 * Drift of a deployed topic (partitions and the config entries the flow sets) and the actions that put
 * it back when a person chose so: AlterConfigs for config entries, CreatePartitions for partitions.
 */
import type { ActualTopic, DesiredTopic } from '../desired.ts';
import { byString, topicKey } from '../keys.ts';
import { countOf } from '../words.ts';
import { defaultValue } from './fieldValues.ts';
import type { Drift, PlanAction, PutBack } from './planSchema.ts';

type TopicDrift = Extract<Drift, { kind: 'topic-partitions' | 'topic-config' }>;
type AlterTopicConfig = Extract<PlanAction, { kind: 'alter-topic-config' }>;
type AddPartitions = Extract<PlanAction, { kind: 'add-partitions' }>;

/**
 * Where an existing topic differs from the flow: its partition count (when the flow sets one) and each
 * config entry the flow sets (when the live configs were read). A live setting the flow leaves alone is
 * not the flow's to judge.
 */
export function topicDrift(topic: DesiredTopic, existing: ActualTopic): TopicDrift[] {
  const found: TopicDrift[] = [];
  if (topic.partitions !== null && existing.partitions !== topic.partitions) {
    found.push({ kind: 'topic-partitions', connection: topic.connection, topic: topic.topic, desired: topic.partitions, actual: existing.partitions });
  }
  if (existing.configs) {
    for (const key of Object.keys(topic.config).sort(byString)) {
      const desiredValue = topic.config[key] ?? defaultValue;
      const live = existing.configs[key] ?? defaultValue;
      if (live !== desiredValue) found.push({ kind: 'topic-config', connection: topic.connection, topic: topic.topic, key, desired: desiredValue, actual: live });
    }
  }
  return found;
}

/**
 * Whether a topic's partitions can be put back: Kafka adds partitions to a topic but never takes them
 * away. `undefined` when it can; otherwise the sentence that says why not and what is left to do.
 */
export function partitionsCannotBePutBack(drift: Extract<Drift, { kind: 'topic-partitions' }>, connectionName: string = drift.connection): string | undefined {
  if (drift.actual < drift.desired) return undefined;
  return `Topic "${drift.topic}" on "${connectionName}" has ${countOf(drift.actual, 'partition')} and the flow asks for ${drift.desired}: Kafka cannot take partitions away from a topic, so this cannot be put back. Take the live value into the flow instead.`;
}

/** The actions that put back the chosen findings, and the notes for those that cannot be. */
export interface PutBackPlan {
  alter: AlterTopicConfig[];
  grow: AddPartitions[];
  notes: string[];
}

/** The choice that puts a topic's drift finding back; `undefined` for a finding of another kind. */
export function putBackOf(drift: Drift): PutBack | undefined {
  if (drift.kind === 'topic-partitions') return { kind: drift.kind, connection: drift.connection, topic: drift.topic };
  if (drift.kind === 'topic-config') return { kind: drift.kind, connection: drift.connection, topic: drift.topic, key: drift.key };
  return undefined;
}

/** Whether two put-back choices name the same topic field. */
export function samePutBack(a: PutBack, b: PutBack): boolean {
  return choiceKey(a) === choiceKey(b);
}

function choiceKey(choice: PutBack): string {
  return JSON.stringify([choice.kind, choice.connection, choice.topic, choice.kind === 'topic-config' ? choice.key : '']);
}

function findingKey(drift: TopicDrift): string {
  return JSON.stringify([drift.kind, drift.connection, drift.topic, drift.kind === 'topic-config' ? drift.key : '']);
}

/**
 * For each drift finding of `drift` that `choices` names, the action that restores the flow's value:
 * one `alter-topic-config` per topic (with every entry the topic is to have set: the live ones, the
 * chosen ones changed back, an entry the flow leaves at the default removed) and one `add-partitions`
 * per topic that has fewer partitions than the flow asks for. A topic with more cannot be put back: a
 * note says so. A choice naming no finding (put back meanwhile) is ignored.
 */
export function putBackActions(drift: readonly Drift[], topics: ReadonlyMap<string, ActualTopic>, choices: readonly PutBack[], nameOf: (connection: string) => string): PutBackPlan {
  const result: PutBackPlan = { alter: [], grow: [], notes: [] };
  if (choices.length === 0) return result;
  const chosen = new Set(choices.map(choiceKey));
  const configsByTopic = new Map<string, Array<Extract<Drift, { kind: 'topic-config' }>>>();
  for (const d of drift) {
    if ((d.kind !== 'topic-partitions' && d.kind !== 'topic-config') || !chosen.has(findingKey(d))) continue;
    if (d.kind === 'topic-config') {
      const key = topicKey(d.connection, d.topic);
      configsByTopic.set(key, [...(configsByTopic.get(key) ?? []), d]);
      continue;
    }
    const refusal = partitionsCannotBePutBack(d, nameOf(d.connection));
    if (refusal) result.notes.push(refusal);
    else result.grow.push({ kind: 'add-partitions', connection: d.connection, topic: d.topic, partitions: d.desired, changes: [{ field: 'partitions', before: String(d.actual), after: String(d.desired) }] });
  }
  for (const [key, found] of configsByTopic) {
    const first = found[0];
    if (!first) continue;
    const config: Record<string, string> = { ...topics.get(key)?.configs };
    for (const d of found) {
      if (d.desired === defaultValue) delete config[d.key];
      else config[d.key] = d.desired;
    }
    const changes = found.map((d) => ({ field: d.key, before: d.actual, after: d.desired }));
    result.alter.push({ kind: 'alter-topic-config', connection: first.connection, topic: first.topic, config: sortedRecord(config), changes });
  }
  return result;
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort(byString).map((k) => [k, record[k] as string]));
}
