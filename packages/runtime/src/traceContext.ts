import type { IHeaders } from 'kafkajs';

/** The W3C Trace Context of a record: its `traceparent`, `tracestate` when it has one, and both headers as they came. */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate?: string;
  /** The record's own header values (bytes as consumed), for passing on without encoding them again. */
  readonly headers: IHeaders;
}

/** The header names of W3C Trace Context, as the Kafka instrumentations of OpenTelemetry write them. */
export const traceContextHeaders = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

/** Lower-case hex digits, by character code. */
const hex = new Uint8Array(128);
for (const c of '0123456789abcdef') hex[c.charCodeAt(0)] = 1;

/**
 * Whether `bytes` (as consumed) are a traceparent W3C Trace Context (§3.2) accepts: version-traceid-parentid-flags in
 * lower-case hex, a version other than `ff`, trace and parent ids not all zero, exactly 55 characters
 * for version 00 (a later version may append fields after a dash). One pass over the bytes, read as they
 * are (reading a string's characters took four times as long): it runs for every record.
 */
function acceptable(bytes: Buffer): boolean {
  const versionZero = bytes[0] === 48 && bytes[1] === 48;
  if (bytes.length < 55 || (bytes.length > 55 && (versionZero || bytes[55] !== 45))) return false;
  if (bytes[0] === 102 && bytes[1] === 102) return false;
  let traceZero = true;
  let parentZero = true;
  for (let i = 0; i < 55; i++) {
    const c = bytes[i] as number;
    if (i === 2 || i === 35 || i === 52) {
      if (c !== 45) return false;
    } else if (c > 127 || hex[c] !== 1) return false;
    else if (c !== 48) {
      if (i > 2 && i < 35) traceZero = false;
      else if (i > 35 && i < 52) parentZero = false;
    }
  }
  return !traceZero && !parentZero;
}

function first(value: IHeaders[string]): Buffer | string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The valid W3C trace context of a record's headers; `undefined` when it has no `traceparent`, or one
 * that the W3C rules refuse (a version `ff`, an all-zero trace or parent id, a version 00 with more).
 */
export function traceContextOf(headers: IHeaders | undefined): TraceContext | undefined {
  const raw = headers ? first(headers[traceContextHeaders.traceparent]) : undefined;
  if (raw === undefined) return undefined;
  // A character past ASCII takes several bytes in UTF-8, each over 127: refused, not taken for another digit.
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  if (!acceptable(bytes)) return undefined;
  const traceparent = typeof raw === 'string' ? raw : raw.toString('latin1');
  const state = first(headers?.[traceContextHeaders.tracestate]);
  if (state === undefined) return { traceparent, headers: { [traceContextHeaders.traceparent]: raw } };
  return { traceparent, tracestate: String(state), headers: { [traceContextHeaders.traceparent]: raw, [traceContextHeaders.tracestate]: state } };
}

/**
 * `headers` (a fresh object of the caller's) with the trace context added, so that an output belongs to its input's trace. Without
 * spans of its own (no exporter configured), the runtime passes the context on unchanged, as W3C asks of a participant
 * that does not trace. The values are the input's own bytes: kafkajs encodes a Buffer header value
 * without converting it, which matters at a few microseconds per header and record.
 */
export function withTraceContext(headers: IHeaders, trace: TraceContext | undefined): IHeaders {
  if (!trace) return headers;
  // `headers` is the fresh object of one record (correlationHeaders makes one per record): adding to it saves a copy per record.
  for (const name in trace.headers) headers[name] = trace.headers[name];
  return headers;
}

/**
 * `headers` (a fresh object of the caller's) with `traceparent` (the context of the span that sends the record) and the
 * input's `tracestate`, if it had one, as W3C asks of a participant that traces.
 */
export function withSpanContext(headers: IHeaders, traceparent: string, input: TraceContext | undefined): IHeaders {
  headers[traceContextHeaders.traceparent] = traceparent;
  const state = input?.headers[traceContextHeaders.tracestate];
  if (state !== undefined) headers[traceContextHeaders.tracestate] = state;
  return headers;
}

/** The trace context of a span the runtime started for an input that came without one (`traceparent` is the span's). */
export function startTraceContext(traceparent: string): TraceContext {
  return { traceparent, headers: { [traceContextHeaders.traceparent]: traceparent } };
}
