import type { RuntimeOptions } from '@event-flows/runtime';
import { z } from 'zod';

/**
 * The session time-outs Kafka's brokers accept by default (`group.min.session.timeout.ms` and
 * `group.max.session.timeout.ms`); the embedded broker has the same bounds.
 */
export const sessionTimeoutBounds = { minMs: 6_000, maxMs: 1_800_000 } as const;

/** A switch: `on` or `off` (`true` and `false` are read the same way). */
const onOff = (fallback: 'on' | 'off') =>
  z
    .enum(['on', 'off', 'true', 'false'], { error: 'must be on or off' })
    .default(fallback)
    .transform((value) => value === 'on' || value === 'true');

/** The server's settings, read from the environment (see the README's configuration table). */
export const ServerConfig = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    HOST: z.string().default('127.0.0.1'),
    KAFKA_PORT: z.coerce.number().int().min(0).max(65_535).default(9092),
    DATA_DIR: z.string().default('.data'),
    KAFKA_BROKERS: z.string().optional(),
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    KAFKA_TLS: z.enum(['true', 'false']).default('false'),
    KAFKA_TLS_CA_FILE: z.string().optional(),
    DATABASE_URL: z.string().optional(),
    SECRET_KEY: z.string().optional(),
    IDENTITY_FILE: z.string().optional(),
    CORS_ORIGINS: z.string().default(''),
    /**
     * A port of its own for Prometheus' `/metrics`, served there without sign-in (on HOST); the API's port
     * serves `/metrics` too, to a cluster admin's bearer token. For `pnpm worker`, the only way to its metrics.
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    /** `in-process`: `pnpm start` runs the bindings itself; `workers`: only `pnpm worker` processes do. */
    RUNTIME: z.enum(['in-process', 'workers']).default('in-process'),
    ALGORITHMIA_API_URL: z.string().url().optional(),
    ALGORITHMIA_API_KEY: z.string().optional(),
    /**
     * How long a binding's consumer group waits for a silent worker before giving its partitions to the
     * others: shorter moves a dead worker's partitions sooner, but a worker stalled that long (a GC pause,
     * a slow network) is taken for dead and its partitions move (and messages repeat) needlessly.
     */
    KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(sessionTimeoutBounds.minMs).max(sessionTimeoutBounds.maxMs).default(30_000),
    /**
     * With `RUNTIME=workers`, how long a deploy waits for every live `pnpm worker` to confirm it runs the
     * new bindings (stopped ones out of their groups) before it removes ACLs; then it fails naming them.
     */
    WORKER_ACK_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
    /** How often the server evaluates the alert rules against the bindings' live status. */
    ALERT_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(15_000),
    /**
     * Comma-separated hosts alert webhooks may post to (e.g. `hooks.slack.com`). Unset: any host but
     * this machine's and private networks' addresses, so a rule's author cannot make the server call inside them.
     */
    ALERT_WEBHOOK_HOSTS: z.string().default(''),
    /** How often a runtime consumer tells its group it is alive; at most a third of the session time-out, as Kafka advises. */
    KAFKA_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).default(3_000),
    /** Whether the runtime passes W3C trace context (`traceparent`, `tracestate`) from input records to their outputs, DLQ records and algorithm calls. */
    TRACE_CONTEXT: onOff('on'),
    /** Whether dead letters carry Kafka Connect's error context headers (`__connect.errors.*`) besides the runtime's own. */
    DLQ_CONNECT_HEADERS: onOff('on'),
    /** Whether the runtime times each message for `/metrics`' processing-time histogram. */
    PROCESSING_TIMES: onOff('on'),
    /** OpenTelemetry's OTLP/HTTP endpoint: with it (or the next), the runtime exports spans to `<endpoint>/v1/traces`. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    /** The traces endpoint itself, used as it is (wins over OTEL_EXPORTER_OTLP_ENDPOINT). */
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
    /** The `service.name` of the exported spans (default `event-flows-studio`, or `event-flows-worker` for `pnpm worker`). */
    OTEL_SERVICE_NAME: z.string().min(1).optional(),
  })
  .refine((c) => c.KAFKA_HEARTBEAT_INTERVAL_MS * 3 <= c.KAFKA_SESSION_TIMEOUT_MS, {
    path: ['KAFKA_HEARTBEAT_INTERVAL_MS'],
    message: 'must be at most a third of KAFKA_SESSION_TIMEOUT_MS, so that a member misses two heartbeats before it is taken for dead',
  });
export type ServerConfig = z.infer<typeof ServerConfig>;

/** The runtime consumers' group timings the configuration sets. */
export function consumerTimings(config: ServerConfig): { sessionTimeoutMs: number; heartbeatIntervalMs: number } {
  return { sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS, heartbeatIntervalMs: config.KAFKA_HEARTBEAT_INTERVAL_MS };
}

/** The runtime's settings the configuration sets: consumer group timings and the observability switches. */
export function runtimeSettings(config: ServerConfig): Pick<RuntimeOptions, 'consumer' | 'traceContext' | 'dlqConnectHeaders' | 'processingTimes'> {
  return {
    consumer: consumerTimings(config),
    traceContext: config.TRACE_CONTEXT,
    dlqConnectHeaders: config.DLQ_CONNECT_HEADERS,
    processingTimes: config.PROCESSING_TIMES,
  };
}

/** Reads the configuration, with one clear message per wrong setting. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = ServerConfig.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
