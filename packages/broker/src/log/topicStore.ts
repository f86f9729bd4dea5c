import { randomBytes } from 'node:crypto';
import { PartitionLog } from './partitionLog.ts';
import type { DataDir } from './dataDir.ts';
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
    const stored = dataDir.readJson('topics.json') as Record<string, StoredTopic> | undefined;
    for (const [name, entry] of Object.entries(stored ?? {})) {
      const topic: Topic = { name, id: entry.id, partitions: [], configs: new Map(Object.entries(entry.configs)) };
      const settings = logSettings(topic.configs);
      for (let p = 0; p < entry.partitions; p++) topic.partitions.push(this.openLog(topic, p, settings));
      this.topics.set(name, topic);
    }
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

  /** The topic's partition log, or undefined when topic or partition does not exist. */
  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  /** Creates a topic (the caller has checked the name and that it is new). */
  create(name: string, partitions: number, configs: Map<string, string>): Topic {
    if (this.dataDir) for (let p = 0; p < partitions; p++) this.dataDir.removePartition(name, p);
    const topic: Topic = { name, id: randomBytes(16).toString('hex'), partitions: [], configs };
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
    for (let p = topic.partitions.length; p < count; p++) {
      this.dataDir?.removePartition(name, p);
      topic.partitions.push(this.openLog(topic, p, settings));
    }
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
