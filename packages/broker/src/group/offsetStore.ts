import type { DataDir } from '../log/dataDir.ts';

/** A committed position of a group on one partition. */
export interface CommittedOffset {
  readonly offset: number;
  readonly metadata: string | null;
}

/** One line of `offsets.log`: a commit, a deleted group (`deleted`) or a deleted topic (`topicDeleted`, no group). */
interface OffsetEntry {
  readonly g?: string;
  readonly t?: string;
  readonly p?: number;
  readonly o?: number;
  readonly m?: string | null;
  readonly deleted?: boolean;
  readonly topicDeleted?: boolean;
}

/** Committed offsets per group; with a data directory each commit is logged before it is acknowledged. */
export class OffsetStore {
  private readonly groups = new Map<string, Map<string, Map<number, CommittedOffset>>>();

  constructor(private readonly dataDir?: DataDir) {
    if (!dataDir) return;
    for (const line of dataDir.readOffsetLines()) {
      const e = line as OffsetEntry;
      if (e.topicDeleted && e.t !== undefined) this.forgetTopic(e.t);
      else if (e.g !== undefined && e.deleted) this.groups.delete(e.g);
      else if (e.g !== undefined && e.t !== undefined && e.p !== undefined && e.o !== undefined) this.put(e.g, e.t, e.p, { offset: e.o, metadata: e.m ?? null });
    }
    dataDir.rewriteOffsets(this.entries());
  }

  private entries(): OffsetEntry[] {
    const out: OffsetEntry[] = [];
    for (const [g, topics] of this.groups) {
      for (const [t, partitions] of topics) for (const [p, c] of partitions) out.push({ g, t, p, o: c.offset, m: c.metadata });
    }
    return out;
  }

  private put(group: string, topic: string, partition: number, committed: CommittedOffset): void {
    let topics = this.groups.get(group);
    if (!topics) this.groups.set(group, (topics = new Map()));
    let partitions = topics.get(topic);
    if (!partitions) topics.set(topic, (partitions = new Map()));
    partitions.set(partition, committed);
  }

  /** Stores a commit (durably first, when there is a data directory). */
  commit(group: string, topic: string, partition: number, committed: CommittedOffset): void {
    this.dataDir?.appendOffset({ g: group, t: topic, p: partition, o: committed.offset, m: committed.metadata });
    this.put(group, topic, partition, committed);
  }

  /** The committed offset, or undefined when none was committed. */
  fetch(group: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(group)?.get(topic)?.get(partition);
  }

  /** Every topic and partition the group has committed, for OffsetFetch with all topics. */
  topicsOf(group: string): Map<string, Map<number, CommittedOffset>> {
    return this.groups.get(group) ?? new Map();
  }

  /** Groups that have committed offsets. */
  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  /** Whether the group has committed anything. */
  has(group: string): boolean {
    return this.groups.has(group);
  }

  /** Forgets a group's offsets (DeleteGroups). */
  deleteGroup(group: string): void {
    if (!this.groups.delete(group)) return;
    this.dataDir?.appendOffset({ g: group, deleted: true });
  }

  /** Forgets offsets of a deleted topic, durably: a topic created again later starts with none. */
  deleteTopic(topic: string): void {
    if (this.forgetTopic(topic)) this.dataDir?.appendOffset({ t: topic, topicDeleted: true });
  }

  private forgetTopic(topic: string): boolean {
    let forgot = false;
    for (const topics of this.groups.values()) if (topics.delete(topic)) forgot = true;
    return forgot;
  }
}
