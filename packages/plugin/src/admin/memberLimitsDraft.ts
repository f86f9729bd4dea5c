import { limits, MemberTopicLimits, TopicConfigKey, topicNamePatternProblem, type TopicConfigRule } from '@event-flows/model';

/** One config key a member may set, as the form's fields hold it (text, as typed). */
export interface ConfigRuleDraft {
  key: string;
  /** A whole number in a range, or one of a list of values. */
  kind: 'range' | 'list';
  min: string;
  max: string;
  unit: 'ms' | 'bytes';
  /** The allowed values, comma-separated. */
  values: string;
}

/** The member topic limits and guardrails of one connection, as the form's fields hold them. */
export interface MemberLimitsDraft {
  partitions: string;
  /** Empty: 1. */
  minPartitions: string;
  /** Empty: the connection's default replication factor. */
  replicationFactor: string;
  /** Empty: 1. */
  minReplicationFactor: string;
  rules: ConfigRuleDraft[];
  /** Empty, with an empty description: any name. */
  topicNamePattern: string;
  topicNameDescription: string;
  requireDlq: boolean;
}

/** A sentence per field that holds a value the limits cannot take. */
export interface MemberLimitsProblems {
  partitions?: string;
  minPartitions?: string;
  replicationFactor?: string;
  minReplicationFactor?: string;
  topicNamePattern?: string;
  topicNameDescription?: string;
  /** Per rule, in the draft's order. */
  rules: Array<Partial<Record<'key' | 'min' | 'max' | 'values', string>>>;
  /** What concerns the whole table (too many keys). */
  form?: string;
}

/** How many fields `problems` marks wrong (what concerns the whole table is not a field). */
export function fieldProblemCount(problems: MemberLimitsProblems): number {
  const { rules, form: _form, ...fields } = problems;
  return Object.values(fields).filter(Boolean).length + rules.reduce((count, found) => count + Object.values(found).filter(Boolean).length, 0);
}

/** The form's fields for `set`. */
export function draftOf(set: MemberTopicLimits): MemberLimitsDraft {
  return {
    partitions: String(set.partitions),
    minPartitions: set.minPartitions === undefined ? '' : String(set.minPartitions),
    replicationFactor: set.replicationFactor === undefined ? '' : String(set.replicationFactor),
    minReplicationFactor: set.minReplicationFactor === undefined ? '' : String(set.minReplicationFactor),
    rules: Object.entries(set.config).map(([key, rule]) => ruleDraft(key, rule)),
    topicNamePattern: set.topicName?.pattern ?? '',
    topicNameDescription: set.topicName?.description ?? '',
    requireDlq: set.requireDlq ?? false,
  };
}

function ruleDraft(key: string, rule: TopicConfigRule): ConfigRuleDraft {
  return 'oneOf' in rule
    ? { key, kind: 'list', min: '', max: '', unit: 'ms', values: rule.oneOf.join(', ') }
    : { key, kind: 'range', min: String(rule.min), max: String(rule.max), unit: rule.unit, values: '' };
}

/** An empty rule, as "Add a config key" starts it. */
export const newRule = (): ConfigRuleDraft => ({ key: '', kind: 'range', min: '', max: '', unit: 'ms', values: '' });

/** A whole number from the text, or `undefined`. */
function wholeNumber(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The limits the draft describes, checked against the model's schema (`MemberTopicLimits`, whose bounds
 * come from `limits`), or a sentence beside each field that is wrong.
 */
export function readDraft(draft: MemberLimitsDraft): { limits: MemberTopicLimits } | { problems: MemberLimitsProblems } {
  const problems: MemberLimitsProblems = { rules: draft.rules.map(() => ({})) };
  let bad = false;
  const partitions = wholeNumber(draft.partitions);
  if (partitions === undefined || partitions < 1 || partitions > limits.partitions) {
    problems.partitions = `Most partitions is a whole number from 1 to ${limits.partitions}.`;
    bad = true;
  }
  const replicationFactor = draft.replicationFactor.trim() === '' ? undefined : wholeNumber(draft.replicationFactor);
  if (draft.replicationFactor.trim() !== '' && (replicationFactor === undefined || replicationFactor < 1 || replicationFactor > limits.replicationFactor)) {
    problems.replicationFactor = `Highest replication factor is a whole number from 1 to ${limits.replicationFactor}, or empty for the connection's default.`;
    bad = true;
  }
  const guardrails = readGuardrails(draft, partitions, replicationFactor, problems);
  if (!guardrails) bad = true;
  if (draft.rules.length > limits.configEntries) {
    problems.form = `A member may be allowed at most ${limits.configEntries} config keys; remove ${draft.rules.length - limits.configEntries}.`;
    bad = true;
  }
  const config: Record<string, TopicConfigRule> = {};
  draft.rules.forEach((draftRule, index) => {
    const found = problems.rules[index] ?? {};
    const key = draftRule.key.trim();
    if (key === '') found.key = 'Give the config key (for example retention.ms).';
    else if (key.length > limits.configEntry) found.key = `A config key has at most ${limits.configEntry} characters.`;
    else if (!TopicConfigKey.safeParse(key).success) found.key = `“${key}” is not a topic config key: it is lower-case words joined by “.” (for example retention.ms).`;
    else if (Object.hasOwn(config, key)) found.key = `${key} is in the table already.`;
    const rule = readRule(draftRule, found);
    if (Object.keys(found).length > 0 || !rule) bad = true;
    else config[key] = rule;
  });
  if (bad) return { problems };
  const set = { partitions: partitions ?? 1, ...(replicationFactor === undefined ? {} : { replicationFactor }), config, ...guardrails };
  // The schema has the last word; every field above says its own rule first, so this only guards.
  const parsed = MemberTopicLimits.safeParse(set);
  return parsed.success ? { limits: parsed.data } : { problems: { rules: problems.rules, form: 'These limits are not valid; check each field.' } };
}

/**
 * The guardrails the draft describes (fewest partitions and lowest replication factor within the
 * limits' maxima, a safe topic name pattern with its meaning in words, a DLQ for every subscription),
 * or `undefined` with a sentence in `problems` beside each field that is wrong.
 */
function readGuardrails(
  draft: MemberLimitsDraft,
  most: number | undefined,
  highest: number | undefined,
  problems: MemberLimitsProblems,
): Omit<MemberTopicLimits, 'partitions' | 'replicationFactor' | 'config'> | undefined {
  const minPartitions = draft.minPartitions.trim() === '' ? undefined : wholeNumber(draft.minPartitions);
  if (draft.minPartitions.trim() !== '' && (minPartitions === undefined || minPartitions < 1 || minPartitions > limits.partitions)) {
    problems.minPartitions = `Fewest partitions is a whole number from 1 to ${limits.partitions}, or empty for 1.`;
  } else if (minPartitions !== undefined && most !== undefined && minPartitions > most) {
    problems.minPartitions = `Fewest partitions is at most the most partitions (${most}).`;
  }
  const minReplicationFactor = draft.minReplicationFactor.trim() === '' ? undefined : wholeNumber(draft.minReplicationFactor);
  if (draft.minReplicationFactor.trim() !== '' && (minReplicationFactor === undefined || minReplicationFactor < 1 || minReplicationFactor > limits.replicationFactor)) {
    problems.minReplicationFactor = `Lowest replication factor is a whole number from 1 to ${limits.replicationFactor}, or empty for 1.`;
  } else if (minReplicationFactor !== undefined && highest !== undefined && minReplicationFactor > highest) {
    problems.minReplicationFactor = `Lowest replication factor is at most the highest (${highest}).`;
  }
  const pattern = draft.topicNamePattern;
  const description = draft.topicNameDescription.trim();
  const named = pattern !== '' || description !== '';
  if (named) {
    const patternProblem = topicNamePatternProblem(pattern);
    if (patternProblem) problems.topicNamePattern = patternProblem;
    if (description === '') problems.topicNameDescription = 'Say in words what the pattern asks for: members read it beside the pattern.';
    else if (description.length > limits.name) problems.topicNameDescription = `The description has at most ${limits.name} characters.`;
    else if (/\p{Cc}/u.test(description)) problems.topicNameDescription = 'The description may not contain control characters.';
  }
  const wrong = ['minPartitions', 'minReplicationFactor', 'topicNamePattern', 'topicNameDescription'] as const;
  if (wrong.some((field) => problems[field] !== undefined)) return undefined;
  return {
    ...(named ? { topicName: { pattern, description } } : {}),
    ...(minPartitions === undefined ? {} : { minPartitions }),
    ...(minReplicationFactor === undefined ? {} : { minReplicationFactor }),
    ...(draft.requireDlq ? { requireDlq: true } : {}),
  };
}

/** One rule from its fields, with a sentence in `found` per field that is wrong. */
function readRule(draft: ConfigRuleDraft, found: MemberLimitsProblems['rules'][number]): TopicConfigRule | undefined {
  if (draft.kind === 'list') {
    const values = draft.values.split(',').map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) found.values = 'List at least one value, comma-separated.';
    else if (values.length > limits.configEntries) found.values = `At most ${limits.configEntries} values.`;
    else if (values.some((v) => v.length > limits.configEntry)) found.values = `A value has at most ${limits.configEntry} characters.`;
    return found.values ? undefined : { oneOf: [...new Set(values)] };
  }
  const min = wholeNumber(draft.min);
  const max = wholeNumber(draft.max);
  if (min === undefined) found.min = 'The smallest value is a whole number.';
  if (max === undefined) found.max = 'The largest value is a whole number.';
  else if (min !== undefined && min > max) found.max = `Must be at least the smallest, ${min.toLocaleString('en')}.`;
  return min === undefined || max === undefined || min > max ? undefined : { min, max, unit: draft.unit };
}
