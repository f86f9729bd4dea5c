import type { CatalogConnection, TopicDefaults } from './catalog.ts';
import type { TopicCreate } from './graph.ts';

/**
 * Kafka's own defaults for a new topic (`num.partitions` 1, `default.replication.factor` 1,
 * `log.retention.hours` 168), used when a connection's broker could not be asked for its own.
 */
export const kafkaTopicDefaults: TopicDefaults = { partitions: 1, replicationFactor: 1, retentionMs: 7 * 24 * 3_600_000 };

/** The topic config that holds how long a topic keeps its messages. */
export const retentionConfig = 'retention.ms';

/**
 * The creation settings a new topic on `connection` starts with: the connection's defaults when the
 * catalog has them, else {@link kafkaTopicDefaults}.
 */
export function newTopicSettings(connection: CatalogConnection | undefined): TopicCreate {
  const defaults = connection?.defaults ?? kafkaTopicDefaults;
  return {
    partitions: defaults.partitions,
    replicationFactor: defaults.replicationFactor,
    config: defaults.retentionMs === undefined ? {} : { [retentionConfig]: String(defaults.retentionMs) },
  };
}
