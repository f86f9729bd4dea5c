import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PartitionLog } from './partitionLog.ts';
import { damaged, type DataDir } from './dataDir.ts';
import { logSettings, type LogSettings } from './topicConfig.ts';

/** A topic: its partitions' logs and the configs set on it (defaults are not stored). */
export interface Topic {
  readonly name: string;
  readonly id: string;
  readonly partitions: PartitionLog[];
  configs: Map<string, string>;
}

interface StoredTopic {
  readonly id: string;
  readonly partitions: number;
  readonly configs: Record<string, string>;
}

/** Every topic of the broker; with a data directory, topic metadata and records survive a restart. */
export class TopicStore {
  readonly topics = new Map<string, Topic>();
  /** Bytes cut from torn partition tails during recovery. */
  recoveredTruncatedBytes = 0;

  constructor(
    private readonly dataDir?: DataDir,
    private readonly log?: (line: string) => void,
  ) {
    if (!dataDir) return;
    const file = path.join(dataDir.root, 'topics.json');
    const ifDamaged = 'Restore it from a backup, or move it aside: the broker then rebuilds the topic list from the partition directories, with default configs.';
    const stored = dataDir.readJson('topics.json', ifDamaged);
    const entries = stored === undefined ? rebuiltTopics(dataDir, log) : storedTopics(stored, file, ifDamaged);
    // topics.json written before topics had ids: each topic gets one now, kept from here on.
    const withoutIds = stored !== undefined && entries.some(([, entry]) => !entry.hadId);
    for (const [name, entry] of entries) {
      const topic: Topic = { name, id: entry.id, partitions: [], configs: new Map(Object.entries(entry.configs)) };
      const settings = logSettings(topic.configs);
      for (let p = 0; p < entry.partitions; p++) topic.partitions.push(this.openLog(topic, p, settings));
      this.topics.set(name, topic);
    }
    if ((stored === undefined && entries.length > 0) || withoutIds) this.persist();
  }

  private openLog(topic: Topic, partition: number, settings: LogSettings): PartitionLog {
    const dataDir = this.dataDir;
    const log = new PartitionLog({
      settings,
      name: `${topic.name}-${partition}`,
      ...(this.log ? { log: this.log } : {}),
      ...(dataDir ? { createSegment: (baseOffset: number) => dataDir.createSegment(topic.name, partition, baseOffset) } : {}),
    });
    if (dataDir) this.recoveredTruncatedBytes += dataDir.openPartition(topic.name, partition, log);
    return log;
  }

  private persist(): void {
    if (!this.dataDir) return;
    // fromEntries defines own properties, so a topic named `__proto__` is written like any other.
    const out = Object.fromEntries(
      [...this.topics.values()].map((topic): [string, StoredTopic] => [
        topic.name,
        { id: topic.id, partitions: topic.partitions.length, configs: Object.fromEntries(topic.configs) },
      ]),
    );
    this.dataDir.writeJson('topics.json', out);
  }

  /** The topic with this id (32 hex digits, as topic ids travel in the protocol), or undefined. */
  byId(id: string): Topic | undefined {
    for (const topic of this.topics.values()) if (topic.id === id) return topic;
    return undefined;
  }

  /** The topic's partition log, or undefined when topic or partition does not exist. */
  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  /**
   * Creates a topic (the caller has checked the name and that it is new). Records already in its
   * partition directories (a topic list restored from an older copy, say) are kept and served.
   */
  create(name: string, partitions: number, configs: Map<string, string>): Topic {
    const topic: Topic = { name, id: newTopicId(), partitions: [], configs };
    const settings = logSettings(configs);
    for (let p = 0; p < partitions; p++) topic.partitions.push(this.openLog(topic, p, settings));
    this.topics.set(name, topic);
    this.persist();
    return topic;
  }

  /** Deletes a topic and its records. */
  delete(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) return;
    this.topics.delete(name);
    topic.partitions.forEach((log, p) => {
      log.close();
      this.dataDir?.removePartition(name, p);
    });
    this.persist();
  }

  /** Grows a topic to `count` partitions. */
  growTo(name: string, count: number): void {
    const topic = this.topics.get(name);
    if (!topic) return;
    const settings = logSettings(topic.configs);
    for (let p = topic.partitions.length; p < count; p++) topic.partitions.push(this.openLog(topic, p, settings));
    this.persist();
  }

  /** Replaces a topic's configs. */
  setConfigs(name: string, configs: Map<string, string>): void {
    const topic = this.topics.get(name);
    if (!topic) return;
    topic.configs = configs;
    const settings = logSettings(configs);
    for (const log of topic.partitions) log.settings = settings;
    this.persist();
  }

  /** Applies every partition's retention (see {@link PartitionLog.applyRetention}); returns the segments deleted. */
  applyRetention(now: number): number {
    let deleted = 0;
    for (const topic of this.topics.values()) for (const log of topic.partitions) deleted += log.applyRetention(now);
    return deleted;
  }

  /** Closes every partition file. */
  close(): void {
    for (const topic of this.topics.values()) for (const log of topic.partitions) log.close();
  }
}

/** The entries of a parsed `topics.json`, or the damage refused with a sentence. */
function storedTopics(stored: unknown, file: string, ifDamaged: string): Array<[string, LoadedTopic]> {
  const wrong = (what: string) => damaged(file, what, ifDamaged);
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw wrong('it does not hold an object of topics');
  return Object.entries(stored).map(([name, entry]: [string, unknown]) => {
    const e = entry as Partial<StoredTopic> | null;
    const valid = Number.isInteger(e?.partitions) && (e?.partitions as number) > 0 && typeof e?.configs === 'object' && e.configs !== null;
    if (!valid) throw wrong(`topic "${name}" has no partition count or configs`);
    const id = e.id;
    if (id !== undefined && (typeof id !== 'string' || !/^[0-9a-f]{32}$/.test(id))) throw wrong(`topic "${name}" has an id that is not 32 hex digits`);
    return [name, { id: id ?? newTopicId(), partitions: e.partitions as number, configs: e.configs as Record<string, string>, hadId: id !== undefined }];
  });
}

/** A stored topic as loaded; `hadId` is false for a topic written before topics had ids. */
interface LoadedTopic extends StoredTopic {
  readonly hadId: boolean;
}

/** A fresh topic id: 16 random bytes as 32 hex digits, as the protocol's uuid fields carry it. */
function newTopicId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The topics whose partition directories are on disk, for a data directory without `topics.json`
 * (moved aside when damaged): each with as many partitions as its directories make, default configs
 * and a new id. Logged, as the configs are lost.
 */
function rebuiltTopics(dataDir: DataDir, log: ((line: string) => void) | undefined): Array<[string, LoadedTopic]> {
  const found = [...dataDir.partitionDirectories()].sort(([a], [b]) => (a < b ? -1 : 1));
  if (found.length > 0) {
    log?.(`topics.json is missing: rebuilt ${found.length} topics (${found.map(([name]) => name).join(', ')}) from their partition directories, with default configs`);
  }
  return found.map(([name, partitions]) => [name, { id: newTopicId(), partitions, configs: {}, hadId: false }]);
}
