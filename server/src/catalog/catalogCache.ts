import type { ActualTopic, TopicDefaults } from '@event-flows/model';
import { fingerprintOf, type ConnectionConfig } from '../connections/connectionSchema.ts';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import { readFailure } from '../kafka/kafkaFailures.ts';

/** What a connection answered when last asked: its topics and its defaults for new topics, or why it did not. */
export type ConnectionAnswer =
  | { readonly ok: true; readonly topics: readonly ActualTopic[]; readonly defaults: TopicDefaults | undefined }
  | { readonly ok: false; readonly error: string };

/**
 * How long a connection's answer is served before the cluster is asked again. Each server process keeps
 * its own answers; several replicas may each be this far behind a topic made outside Event Flows Studio.
 */
export const catalogMaxAgeMs = 15_000;

/** One connection's last answer, when it came, and the read under way. */
interface Entry {
  /** Of the connection's settings: an answer read with other settings is not this connection's. */
  readonly fingerprint: string;
  answer?: ConnectionAnswer;
  at: number;
  reading?: Promise<ConnectionAnswer>;
  /** When the read under way began. */
  askedAt: number;
}

/**
 * The catalog's memory of each connection's topics and defaults, so that a request waits only for the
 * connections it names, and a cluster that does not answer is asked once per {@link catalogMaxAgeMs}, not
 * once per request. An answer is kept per connection id together with a fingerprint of the connection's
 * settings: when an admin changes them (on any server process) the next read asks the cluster anew.
 */
export class CatalogCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly kafka: KafkaGateway,
    private readonly maxAgeMs: number = catalogMaxAgeMs,
  ) {}

  /**
   * The connection's answer. One younger than the maximum age is served as it is; an older one is served
   * while the cluster is asked again in the background; without one, this waits for the cluster (which
   * answers or fails within the gateway's time-out), or until `waitMs` after it was asked, and then
   * resolves to `undefined` (so callers after the first wait no longer than it did). `fresh` waits for
   * an answer asked now (or joins the read under way), whatever is known.
   */
  async read(config: ConnectionConfig, options: { waitMs?: number; fresh?: boolean } = {}): Promise<ConnectionAnswer | undefined> {
    const entry = this.entryFor(config);
    if (!options.fresh && entry.answer && Date.now() - entry.at < this.maxAgeMs) return entry.answer;
    if (!entry.reading) {
      entry.askedAt = Date.now();
      entry.reading = this.ask(config, entry);
    }
    if (!options.fresh && entry.answer) return entry.answer;
    return options.waitMs === undefined ? entry.reading : within(entry.reading, entry.askedAt + options.waitMs - Date.now());
  }

  /**
   * Keeps an answer the caller asked the cluster for itself just now (a deploy reads its clusters
   * once, for its plan and its catalog), so that the next read serves it. A read under way, asked
   * before it, does not replace it.
   */
  remember(config: ConnectionConfig, answer: ConnectionAnswer): void {
    const entry = this.entryFor(config);
    entry.answer = answer;
    entry.at = Date.now();
  }

  /** Drops what is known of a connection (its topics changed), so that the next read asks the cluster. */
  forget(connection: string): void {
    this.entries.delete(connection);
  }

  /** Drops what is known of every connection not in `ids` (deleted connections). */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }

  private entryFor(config: ConnectionConfig): Entry {
    const fingerprint = fingerprintOf(config);
    const known = this.entries.get(config.id);
    if (known?.fingerprint === fingerprint) return known;
    const entry: Entry = { fingerprint, at: 0, askedAt: 0 };
    this.entries.set(config.id, entry);
    return entry;
  }

  private async ask(config: ConnectionConfig, entry: Entry): Promise<ConnectionAnswer> {
    const askedAt = entry.askedAt;
    const answer = await readConnection(this.kafka, config);
    entry.reading = undefined;
    // A connection forgotten or changed meanwhile keeps nothing of an answer asked before, nor does
    // one remembered since.
    if (this.entries.get(config.id) === entry && entry.at <= askedAt) {
      entry.answer = answer;
      entry.at = Date.now();
    }
    return answer;
  }
}

/** Asks a cluster for its topics and defaults; never rejects. */
async function readConnection(kafka: KafkaGateway, config: ConnectionConfig): Promise<ConnectionAnswer> {
  try {
    // Defaults are a convenience: a cluster that will not describe its configs still lists its topics.
    const [topics, defaults] = await Promise.all([kafka.readTopics(config), kafka.readTopicDefaults(config).catch((): undefined => undefined)]);
    return { ok: true, topics, defaults };
  } catch (error) {
    return { ok: false, error: readFailure(config.name, error) };
  }
}

/** `promise`'s value, or `undefined` once `ms` have passed without one (at once when `ms` is not positive). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
