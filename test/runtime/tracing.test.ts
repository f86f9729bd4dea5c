/**
 * OpenTelemetry spans of the runtime (issue 22): with an OTLP exporter configured, each processed
 * record is a consumer span whose parent is the record's own `traceparent`, with a client span per
 * algorithm call and a producer span per output or DLQ record, whose context the record carries on.
 * A plain HTTP server stands in for the collector and reads what the exporter sends (OTLP/HTTP JSON);
 * another stands in for the platform's algorithm API (the one part we cannot run here).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, otlpTracesUrl, startTracing, type Runtime } from '@event-flows/runtime';
import { countRecords, createTopics, eventually, kafkaAt, produce, readAll, subscribeBinding } from './runtimeHarness.ts';

/** One span as OTLP/HTTP JSON carries it. */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
  status?: { code?: number; message?: string };
}
interface OtlpRequest {
  resourceSpans: Array<{ resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

/** OTLP's span kinds and status codes (opentelemetry-proto trace.proto). */
const kind = { client: 3, producer: 4, consumer: 5 } as const;
const statusError = 2;

let broker: RunningBroker;
let collector: http.Server;
let algorithmApi: http.Server;
const exports: OtlpRequest[] = [];
/** The `traceparent` of each call the algorithm API received, by the input's `id`. */
const callTraceparents = new Map<string, string | undefined>();
const runtimes: Runtime[] = [];

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function body(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
  collector = http.createServer((req, res) => {
    void body(req).then((raw) => {
      const bytes = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (req.url === '/v1/traces' && String(req.headers['content-type']).startsWith('application/json')) exports.push(JSON.parse(bytes.toString('utf8')) as OtlpRequest);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  // The platform's algorithm API: echoes its input, or fails with 400 for `{"fail":true}`.
  algorithmApi = http.createServer((req, res) => {
    void body(req).then((raw) => {
      const input = JSON.parse(raw.toString('utf8')) as { id: string; fail?: boolean };
      callTraceparents.set(input.id, req.headers.traceparent as string | undefined);
      if (input.fail) res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"refused on purpose"}}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: input, metadata: { content_type: 'json', duration: 0 } }));
    });
  });
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close({ drain: false })));
  await broker?.close();
  collector?.close();
  algorithmApi?.close();
});

function attribute(span: OtlpSpan | undefined, key: string): unknown {
  const value = span?.attributes.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  if ('intValue' in value) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

describe('tracing configuration', () => {
  it('starts no tracing without an OTLP endpoint, and reads the traces endpoint before the general one', async () => {
    expect(otlpTracesUrl({})).toBeUndefined();
    expect(await startTracing({}, 'runtime-test')).toBeUndefined();
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/custom' })).toBe('http://traces:4318/custom');
  });
});

describe('spans', () => {
  it('exports a consumer span per record under its traceparent, with call and produce spans, and an error for a dead letter', { timeout: 60_000 }, async () => {
    const collectorUrl = await listen(collector);
    const apiUrl = await listen(algorithmApi);
    const tracing = await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl }, 'runtime-test');
    expect(tracing).toBeDefined();
    if (!tracing) return;
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'spans.in': 1, 'spans.out': 1, 'spans.dlq': 1 });
    const runtime = createRuntime({
      connections: async () => ({ brokers: [broker.address] }),
      credentials: async () => undefined,
      invokers: { http: { apiUrl, apiKey: 'test' } },
      invokerFor: () => 'http',
      consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
      tracer: tracing.tracer,
    });
    runtimes.push(runtime);
    await runtime.reconcile([subscribeBinding('acme/echo', 'spans.in', ['spans.out'], { version: '1.2.0', dlq: { connection: 'local', topic: 'spans.dlq' }, retry: { maxAttempts: 1, backoffMs: 0 } })]);
    const okTrace = { id: '4bf92f3577b34da6a3ce929d0e0e4736', parent: '00f067aa0ba902b7' };
    const badTrace = { id: '0af7651916cd43dd8448eb211c80319c', parent: 'b7ad6b7169203331' };
    await produce(kafka, 'spans.in', [
      { key: 'ok', value: '{"id":"ok"}', headers: { traceparent: `00-${okTrace.id}-${okTrace.parent}-01`, tracestate: 'vendor=opaque' } },
      { key: 'bad', value: '{"id":"bad","fail":true}', headers: { traceparent: `00-${badTrace.id}-${badTrace.parent}-01` } },
      { key: 'none', value: '{"id":"none"}' },
    ]);
    expect(await eventually(async () => (await countRecords(kafka, 'spans.out')) === 2 && (await countRecords(kafka, 'spans.dlq')) === 1, 30_000)).toBe(true);
    await runtime.close();
    await tracing.shutdown();

    expect(exports.length).toBeGreaterThan(0);
    const serviceNames = exports.flatMap((e) => e.resourceSpans.map((r) => attribute({ attributes: r.resource.attributes } as OtlpSpan, 'service.name')));
    expect(new Set(serviceNames)).toEqual(new Set(['runtime-test']));
    const spans = exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const childrenOf = (parent: OtlpSpan | undefined) => spans.filter((s) => parent && s.parentSpanId === parent.spanId && s.traceId === parent.traceId);
    const processOf = (traceId: string) => spans.find((s) => s.traceId === traceId && s.kind === kind.consumer);

    // The record with a trace context: its span continues that trace, under the span that sent it.
    const ok = processOf(okTrace.id);
    expect(ok).toMatchObject({ name: 'process spans.in', parentSpanId: okTrace.parent });
    expect(ok?.status?.code).not.toBe(statusError);
    expect(attribute(ok, 'messaging.system')).toBe('kafka');
    expect(attribute(ok, 'messaging.destination.name')).toBe('spans.in');
    expect(attribute(ok, 'messaging.kafka.offset')).toBe(0);
    expect(attribute(ok, 'eventflows.algorithm')).toBe('acme/echo');
    const [okCall, ...otherCalls] = childrenOf(ok).filter((s) => s.kind === kind.client);
    expect(otherCalls).toEqual([]);
    expect(okCall?.name).toBe('invoke acme/echo');
    expect(attribute(okCall, 'eventflows.algorithm')).toBe('acme/echo');
    expect(attribute(okCall, 'eventflows.version')).toBe('1.2.0');
    expect(attribute(okCall, 'eventflows.attempt')).toBe(1);
    expect(attribute(okCall, 'http.response.status_code')).toBe(200);
    // The algorithm's call carries the call span's context, so the platform's own spans join the trace.
    expect(callTraceparents.get('ok')).toBe(`00-${okTrace.id}-${okCall?.spanId}-01`);
    const okSend = childrenOf(ok).find((s) => s.kind === kind.producer);
    expect(okSend?.name).toBe('send spans.out');
    expect(attribute(okSend, 'messaging.destination.name')).toBe('spans.out');
    const outputs = new Map((await readAll(kafka, 'spans.out')).map((r) => [r.key, r.headers]));
    expect(outputs.get('ok')).toMatchObject({ traceparent: `00-${okTrace.id}-${okSend?.spanId}-01`, tracestate: 'vendor=opaque' });

    // The record that fails: an error on its span and on its call (with the API's status), and its DLQ record under a produce span.
    const bad = processOf(badTrace.id);
    expect(bad).toMatchObject({ name: 'process spans.in', parentSpanId: badTrace.parent });
    expect(bad?.status?.code).toBe(statusError);
    expect(bad?.status?.message).toContain('refused on purpose');
    const badCall = childrenOf(bad).find((s) => s.kind === kind.client);
    expect(badCall?.status?.code).toBe(statusError);
    expect(attribute(badCall, 'http.response.status_code')).toBe(400);
    const deadSend = childrenOf(bad).find((s) => s.kind === kind.producer);
    expect(deadSend?.name).toBe('send spans.dlq');
    const [dead] = await readAll(kafka, 'spans.dlq');
    expect(dead?.headers.traceparent).toBe(`00-${badTrace.id}-${deadSend?.spanId}-01`);

    // A record without a trace context starts a trace of its own, which its output continues.
    const noneOutput = outputs.get('none')?.traceparent ?? '';
    const noneTrace = noneOutput.split('-')[1] ?? '';
    expect(noneTrace).not.toMatch(new RegExp(`${okTrace.id}|${badTrace.id}`));
    const none = processOf(noneTrace);
    expect(none?.parentSpanId ?? '').toBe('');
    expect(childrenOf(none).find((s) => s.kind === kind.producer)?.spanId).toBe(noneOutput.split('-')[2]);
  });
});
