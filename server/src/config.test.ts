/** The server's settings: the runtime consumers' group timings are read, within Kafka's bounds. */
import { describe, expect, it } from 'vitest';
import { consumerTimings, readConfig } from './config.ts';

describe('consumer group timings', () => {
  it('default to Kafka client defaults and follow the environment', () => {
    expect(consumerTimings(readConfig({}))).toEqual({ sessionTimeoutMs: 30_000, heartbeatIntervalMs: 3_000 });
    expect(consumerTimings(readConfig({ KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000' }))).toEqual({ sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 });
  });

  it('refuse a session time-out outside the bounds brokers accept, naming the setting', () => {
    expect(() => readConfig({ KAFKA_SESSION_TIMEOUT_MS: '5999' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS: .*6000/);
    expect(() => readConfig({ KAFKA_SESSION_TIMEOUT_MS: '1800001' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS: .*1800000/);
  });

  it('refuse a heartbeat interval over a third of the session time-out', () => {
    expect(() => readConfig({ KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '3000' })).toThrow(/KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third/);
  });
});
