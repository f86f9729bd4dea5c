import type { Tracer } from '@opentelemetry/api';

/** A tracer whose spans go to an OTLP/HTTP endpoint, and the way to send the last of them. */
export interface Tracing {
  readonly tracer: Tracer;
  /** Sends the spans not yet exported and stops exporting. */
  shutdown(): Promise<void>;
}

/** The environment variables of OpenTelemetry's OTLP exporter that say where traces go. */
export interface OtlpEnvironment {
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
}

/**
 * Where spans are exported, as OpenTelemetry's specification reads the environment:
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as it is, else `OTEL_EXPORTER_OTLP_ENDPOINT` with `/v1/traces`
 * appended; `undefined` when neither is set (no tracing).
 */
export function otlpTracesUrl(env: OtlpEnvironment): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/**
 * Starts exporting spans over OTLP/HTTP (JSON) in batches when `env` names an endpoint, as service
 * `serviceName`; `undefined` otherwise. The SDK's modules are loaded only then, so that a runtime
 * without an exporter neither loads nor runs any of it. Other `OTEL_*` settings of the SDK (headers,
 * sampler, batch sizes) are read from the process environment by the SDK itself.
 */
export async function startTracing(env: OtlpEnvironment, serviceName: string): Promise<Tracing | undefined> {
  const url = otlpTracesUrl(env);
  if (url === undefined) return undefined;
  const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  return { tracer: provider.getTracer('@event-flows/runtime'), shutdown: () => provider.shutdown() };
}
