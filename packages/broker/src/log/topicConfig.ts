/** Topic configs the broker knows, with Kafka's defaults. */
export const topicConfigDefaults: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'retention.ms': '604800000',
  'retention.bytes': '-1',
  'segment.bytes': '1073741824',
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
  ['segment.bytes', (v: string) => isLong(v) && Number(v) >= 14],
  ['max.message.bytes', (v: string) => isLong(v) && Number(v) >= 0],
  ['message.timestamp.type', (v: string) => v === 'CreateTime' || v === 'LogAppendTime'],
  ['min.insync.replicas', (v: string) => isLong(v) && Number(v) >= 1],
  ['compression.type', (v: string) => ['producer', 'uncompressed', 'gzip', 'snappy', 'lz4', 'zstd'].includes(v)],
]);

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
