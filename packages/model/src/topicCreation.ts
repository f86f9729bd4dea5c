import type { CatalogConnection, MemberTopicLimits, TopicConfigRule, TopicDefaults } from './catalog.ts';
import type { DiagnosticCode } from './diagnostics.ts';
import type { TopicCreate } from './graph.ts';
import { matchesTopicNameRule } from './guardrails.ts';
import { limits, memberReplicationFactor, memberTopicLimits } from './limits.ts';
import { countOf } from './words.ts';

/**
 * Kafka's own defaults for a new topic (`num.partitions` 1, `default.replication.factor` 1,
 * `log.retention.hours` 168), used when a connection's broker could not be asked for its own.
 */
export const kafkaTopicDefaults: TopicDefaults = { partitions: 1, replicationFactor: 1, retentionMs: 7 * 24 * 3_600_000 };

/** The topic config that holds how long a topic keeps its messages. */
export const retentionConfig = 'retention.ms';

/** Who the settings of a new topic are for: a member is held to the connection's member limits. */
export interface NewTopicOptions {
  member?: boolean;
}

/**
 * The creation settings a new topic on `connection` starts with: the connection's defaults when the
 * catalog has them, else {@link kafkaTopicDefaults}; for a member, brought within the connection's
 * member limits (a default retention of "forever" becomes the longest a member may ask for).
 */
export function newTopicSettings(connection: CatalogConnection | undefined, options: NewTopicOptions = {}): TopicCreate {
  const defaults = connection?.defaults ?? kafkaTopicDefaults;
  const settings: TopicCreate = {
    partitions: defaults.partitions,
    replicationFactor: defaults.replicationFactor,
    config: defaults.retentionMs === undefined ? {} : { [retentionConfig]: String(defaults.retentionMs) },
  };
  if (!options.member) return settings;
  const allowed = memberLimitsOn(connection);
  const retention = allowed.config[retentionConfig];
  const config: Record<string, string> = {};
  if (defaults.retentionMs !== undefined && retention && 'min' in retention) {
    const ms = defaults.retentionMs < 0 ? retention.max : Math.min(Math.max(defaults.retentionMs, retention.min), retention.max);
    config[retentionConfig] = String(ms);
  }
  const fewest = fewestOnCreate(connection, options);
  return {
    partitions: Math.max(Math.min(settings.partitions, allowed.partitions), fewest.partitions),
    replicationFactor: Math.max(Math.min(settings.replicationFactor, allowed.replicationFactor), fewest.replicationFactor),
    config,
  };
}

/**
 * The fewest partitions and lowest replication factor a new topic on `connection` may ask for: the
 * connection's guardrails for a member, 1 for a cluster admin. The other end of {@link mostOnCreate}.
 */
export function fewestOnCreate(connection: CatalogConnection | undefined, options: NewTopicOptions = {}): { partitions: number; replicationFactor: number } {
  const set = options.member ? connection?.memberTopicLimits : undefined;
  return { partitions: set?.minPartitions ?? 1, replicationFactor: set?.minReplicationFactor ?? 1 };
}

/**
 * The guardrails of `connection` that are not numbers on a form, as members read them where they
 * create topics: its topic name pattern, and that every subscription there needs a DLQ.
 */
export function guardrailSentences(connection: CatalogConnection | undefined): string[] {
  const set = connection?.memberTopicLimits;
  const out: string[] = [];
  if (set?.topicName) out.push(topicNameRuleSentence(set.topicName, connection?.name ?? ''));
  if (set?.requireDlq) out.push(`Every subscription to a topic on ${connection?.name ?? ''} needs a DLQ.`);
  return out;
}

/**
 * The member limits that hold on `connection`: those a cluster admin set on it, else the model's
 * default; the highest replication factor filled in from the connection's default when unset.
 */
export function memberLimitsOn(connection: CatalogConnection | undefined): MemberTopicLimits & { replicationFactor: number } {
  const set = connection?.memberTopicLimits ?? memberTopicLimits;
  return { ...set, replicationFactor: set.replicationFactor ?? connection?.defaults?.replicationFactor ?? memberReplicationFactor };
}

/**
 * The settings a topic created without settings of its own gets on `connection`: the cluster's
 * defaults for partitions and replication, and no config (so the cluster's retention).
 */
export function clusterDefaultCreate(connection: CatalogConnection | undefined): TopicCreate {
  const defaults = connection?.defaults ?? kafkaTopicDefaults;
  return { partitions: defaults.partitions, replicationFactor: defaults.replicationFactor, config: {} };
}

/**
 * The most partitions and highest replication factor a new topic on `connection` may ask for: the
 * connection's member limits for a member ({@link memberLimitsOn}), the schema's bounds for a cluster
 * admin. Every field that takes these settings is bounded by this one rule.
 */
export function mostOnCreate(connection: CatalogConnection | undefined, options: NewTopicOptions = {}): { partitions: number; replicationFactor: number } {
  if (!options.member) return { partitions: limits.partitions, replicationFactor: limits.replicationFactor };
  const allowed = memberLimitsOn(connection);
  return { partitions: allowed.partitions, replicationFactor: allowed.replicationFactor };
}

/** One way a new topic's name or settings go beyond a connection's member limits or guardrails, with its diagnostic code. */
export interface TopicFinding {
  code: DiagnosticCode;
  /** A sentence naming the topic, the setting and what is allowed. */
  message: string;
}

/**
 * Each way `create` goes beyond what a member's flow may ask on `connection` (partitions and
 * replication factor out of their range, config keys and their values, a retention out of its range
 * even when left to the cluster's default), as a sentence about `subject` ("Topic "x" on "Local
 * Kafka"") naming the setting and what is allowed. Empty when the settings are within the limits.
 */
export function memberTopicFindings(create: TopicCreate, connection: CatalogConnection | undefined, subject: string): TopicFinding[] {
  const allowed = memberLimitsOn(connection);
  const out: TopicFinding[] = [];
  const changeIt = 'Change it, or ask a cluster admin to create the topic.';
  const fewest = allowed.minPartitions ?? 1;
  if (create.partitions > allowed.partitions || create.partitions < fewest) {
    const fix = create.partitions > allowed.partitions ? 'Lower it, or ask a cluster admin to create the topic.' : changeIt;
    out.push({
      code: 'guardrail-partitions',
      message: `${subject} asks for ${countOf(create.partitions, 'partition')}; a member's flow may create a topic with ${fewest} to ${countOf(allowed.partitions, 'partition')}. ${fix}`,
    });
  }
  const lowest = allowed.minReplicationFactor ?? 1;
  if (create.replicationFactor > allowed.replicationFactor || create.replicationFactor < lowest) {
    const fix = create.replicationFactor > allowed.replicationFactor ? 'Lower it, or ask a cluster admin to create the topic.' : changeIt;
    out.push({
      code: 'guardrail-replication',
      message: `${subject} asks for a replication factor of ${create.replicationFactor}; a member's flow may ask for ${lowest} to ${allowed.replicationFactor}. ${fix}`,
    });
  }
  const keys = Object.keys(allowed.config);
  for (const [key, value] of Object.entries(create.config)) {
    const rule = Object.hasOwn(allowed.config, key) ? allowed.config[key] : undefined;
    if (!rule) {
      const only = keys.length === 0 ? 'none at all' : `only ${listed(keys)}`;
      out.push({
        code: 'topic-setting-not-allowed',
        message: `${subject} sets ${key}, which a member's flow may not set (${only}). Remove it, or ask a cluster admin to create the topic.`,
      });
    } else if (!allows(rule, value)) {
      out.push({
        code: key === retentionConfig ? 'guardrail-retention' : 'topic-setting-not-allowed',
        message: `${subject} sets ${key} to ${JSON.stringify(value)}; a member's flow may set ${key} to ${describeRule(rule)}.`,
      });
    }
  }
  // Left out, retention.ms is the cluster's: held to the same range, or a member could keep messages forever.
  const retention = Object.hasOwn(allowed.config, retentionConfig) ? allowed.config[retentionConfig] : undefined;
  const clusterRetention = connection?.defaults?.retentionMs ?? kafkaTopicDefaults.retentionMs ?? -1;
  if (retention && 'min' in retention && !Object.hasOwn(create.config, retentionConfig) && !allows(retention, String(clusterRetention))) {
    const kept = clusterRetention < 0 ? 'forever' : `for ${describeNumber(clusterRetention, 'ms')}`;
    out.push({
      code: 'guardrail-retention',
      message: `${subject} keeps messages ${kept}, the cluster's default; a member's flow must set ${retentionConfig} to ${describeRule(retention)}.`,
    });
  }
  return out;
}

/** The sentences of {@link memberTopicFindings}, for a form that shows them together. */
export function memberTopicProblems(create: TopicCreate, connection: CatalogConnection | undefined, subject: string): string[] {
  return memberTopicFindings(create, connection, subject).map((f) => f.message);
}

/**
 * Why a member's flow may not create a topic named `name` on `connection`: the connection's guardrails
 * set a topic name pattern the name does not match. `undefined` when it may.
 */
export function topicNameFinding(name: string, connection: CatalogConnection | undefined): TopicFinding | undefined {
  const rule = connection?.memberTopicLimits?.topicName;
  if (!rule || matchesTopicNameRule(rule, name)) return undefined;
  return {
    code: 'guardrail-topic-name',
    message: `${topicNameRuleSentence(rule, connection?.name ?? '')} "${name}" does not. Rename the topic, or ask a cluster admin to create it.`,
  };
}

/** The topic name guardrail as members read it: "Topic names on "Prod" must match orders\..+: the team's prefix, a dot, the event." */
export function topicNameRuleSentence(rule: { pattern: string; description: string }, connectionName: string): string {
  const description = rule.description.replace(/[.!?]$/, '');
  return `Topic names on "${connectionName}" must match ${rule.pattern}: ${description}.`;
}

/** Tells whether a config value is one `rule` allows. */
function allows(rule: TopicConfigRule, value: string): boolean {
  if ('oneOf' in rule) return rule.oneOf.includes(value);
  if (!/^-?\d{1,16}$/.test(value)) return false;
  const n = Number(value);
  return n >= rule.min && n <= rule.max;
}

/** What a rule allows, as the end of a sentence: "a whole number from 3600000 (1 hour) to …" or "one of: a, b". */
export function describeRule(rule: TopicConfigRule): string {
  if ('oneOf' in rule) return `one of: ${rule.oneOf.join(', ')}`;
  const describe = (n: number) => {
    const words = describeNumber(n, rule.unit);
    return words === String(n) ? words : `${n} (${words})`;
  };
  return `a whole number from ${describe(rule.min)} to ${describe(rule.max)}`;
}

/** A number of milliseconds or bytes in the largest whole unit it has ("30 days", "10 MiB"), else the number. */
function describeNumber(n: number, unit: 'ms' | 'bytes'): string {
  return (unit === 'ms' ? duration(n) : size(n)) ?? String(n);
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A positive number in the largest whole unit it has, with its unit's name; `undefined` for none. */
function inUnits(n: number, units: ReadonlyArray<readonly [number, string, string]>): string | undefined {
  for (const [size, one, many] of units) {
    if (n > 0 && n % size === 0) return `${n / size} ${n === size ? one : many}`;
  }
  return undefined;
}

/** Milliseconds in days, hours, minutes or seconds ("30 days"). */
function duration(ms: number): string | undefined {
  return inUnits(ms, [
    [86_400_000, 'day', 'days'],
    [3_600_000, 'hour', 'hours'],
    [60_000, 'minute', 'minutes'],
    [1_000, 'second', 'seconds'],
  ]);
}

/** Bytes in GiB, MiB or KiB ("10 MiB"). */
function size(bytes: number): string | undefined {
  return inUnits(bytes, [
    [1_073_741_824, 'GiB', 'GiB'],
    [1_048_576, 'MiB', 'MiB'],
    [1_024, 'KiB', 'KiB'],
  ]);
}
