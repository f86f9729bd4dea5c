import { describe, expect, it } from 'vitest';
import { kafkaTopicDefaults, newTopicSettings } from './topicCreation.ts';

describe('the settings a new topic starts with', () => {
  it("takes the connection's defaults, retention as retention.ms", () => {
    const connection = { id: 'local', name: 'Local', topics: [], defaults: { partitions: 6, replicationFactor: 3, retentionMs: 3_600_000 } };
    expect(newTopicSettings(connection)).toEqual({ partitions: 6, replicationFactor: 3, config: { 'retention.ms': '3600000' } });
  });

  it("falls back on Kafka's own defaults when the connection's are unknown", () => {
    expect(kafkaTopicDefaults).toEqual({ partitions: 1, replicationFactor: 1, retentionMs: 604_800_000 });
    expect(newTopicSettings({ id: 'local', name: 'Local', topics: [] })).toEqual({ partitions: 1, replicationFactor: 1, config: { 'retention.ms': '604800000' } });
    expect(newTopicSettings(undefined).partitions).toBe(1);
  });
});
