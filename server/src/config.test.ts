/** The server's settings: the runtime consumers' group timings are read, within Kafka's bounds; observability switches. */
import { describe, expect, it } from 'vitest';
import { consumerTimings, readConfig, runtimeSettings } from './config.ts';

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

describe('observability switches', () => {
  it('pass trace context, write Connect headers on dead letters and time messages by default', () => {
    expect(runtimeSettings(readConfig({}))).toEqual({
      consumer: { sessionTimeoutMs: 30_000, heartbeatIntervalMs: 3_000 },
      traceContext: true,
      dlqConnectHeaders: true,
      processingTimes: true,
    });
  });

  it('turn each off (or on) with on/off or true/false', () => {
    expect(runtimeSettings(readConfig({ TRACE_CONTEXT: 'off', DLQ_CONNECT_HEADERS: 'false', PROCESSING_TIMES: 'off' }))).toMatchObject({ traceContext: false, dlqConnectHeaders: false, processingTimes: false });
    expect(runtimeSettings(readConfig({ TRACE_CONTEXT: 'true', DLQ_CONNECT_HEADERS: 'on' }))).toMatchObject({ traceContext: true, dlqConnectHeaders: true });
  });

  it('refuse anything but on or off, naming the setting', () => {
    expect(() => readConfig({ TRACE_CONTEXT: 'yes' })).toThrow(/TRACE_CONTEXT: must be on or off/);
  });

  it('read the OTLP endpoints as URLs', () => {
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://127.0.0.1:4318');
    expect(() => readConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/);
  });
});
