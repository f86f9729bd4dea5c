/** Topic configs the broker knows, with Kafka's defaults. */
export const topicConfigDefaults: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'retention.ms': '604800000',
  'retention.bytes': '-1',
  // Kafka's 1 GiB would be held in memory per partition: the active segment is served from RAM.
  'segment.bytes': '67108864',
  'segment.ms': '604800000',
  'max.message.bytes': '1048588',
  'message.timestamp.type': 'CreateTime',
  'min.insync.replicas': '1',
  'compression.type': 'producer',
};

const isLong = (v: string): boolean => /^-?\d+$/.test(v) && Number(v) >= -1;

// A Map, so that names such as `constructor` or `__proto__` are unknown configs, not Object's own members.
const validators: ReadonlyMap<string, (v: string) => boolean> = new Map([
  ['cleanup.policy', (v: string) => v.split(',').every((p) => p.trim() === 'delete' || p.trim() === 'compact')],
  ['retention.ms', isLong],
  ['retention.bytes', isLong],
  ['segment.bytes', (v: string) => isLong(v) && Number(v) >= 14 && Number(v) <= 2147483647],
  ['segment.ms', (v: string) => isLong(v) && Number(v) >= 1],
  ['max.message.bytes', (v: string) => isLong(v) && Number(v) >= 0],
  ['message.timestamp.type', (v: string) => v === 'CreateTime' || v === 'LogAppendTime'],
  ['min.insync.replicas', (v: string) => isLong(v) && Number(v) >= 1],
  ['compression.type', (v: string) => ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'].includes(v)],
]);

/** The topic configs a partition's log applies, as numbers (-1: no limit). */
export interface LogSettings {
  /** A segment is rolled before a batch would take it past this many bytes. */
  readonly segmentBytes: number;
  /** A segment is rolled before a batch whose timestamp is this much newer than the segment's first batch. */
  readonly segmentMs: number;
  /** Sealed segments whose newest record is older than this are deleted. */
  readonly retentionMs: number;
  /** Sealed segments are deleted, oldest first, while the rest still hold this many bytes. */
  readonly retentionBytes: number;
}

/** The log settings of a topic with these configs set (the rest at their defaults). */
export function logSettings(configs: ReadonlyMap<string, string>): LogSettings {
  const value = (name: string): number => Number(configs.get(name) ?? topicConfigDefaults[name]);
  return {
    segmentBytes: value('segment.bytes'),
    segmentMs: value('segment.ms'),
    retentionMs: value('retention.ms'),
    retentionBytes: value('retention.bytes'),
  };
}

/** Why a set of topic config entries is not acceptable, or undefined when every entry is. */
export function topicConfigProblem(entries: Iterable<readonly [string, string | null]>): string | undefined {
  for (const [name, value] of entries) {
    const valid = validators.get(name);
    if (!valid) return `Unknown topic config name: ${name}`;
    if (value !== null && !valid(value)) return `Invalid value ${value} for configuration ${name}`;
  }
  return undefined;
}

/** Kafka's legal topic names: 1–249 of `[a-zA-Z0-9._-]`, not `.` or `..`. */
export function isLegalTopicName(name: string): boolean {
  return name.length > 0 && name.length <= 249 && name !== '.' && name !== '..' && /^[a-zA-Z0-9._-]+$/.test(name);
}
