import type { SubscribeBinding } from '@event-flows/model';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { ProcessingFailure } from './failures.ts';
import type { AlgorithmInput, AlgorithmOutput } from './invokers/invoker.ts';

/** The header naming a record value's content type (read on input, written on output). */
export const contentTypeHeader = 'content-type';

/** Header names the runtime writes on outputs and DLQ records (DESIGN §5). */
export const headerNames = {
  errorClass: 'eventflows.error.class',
  errorMessage: 'eventflows.error.message',
  errorStage: 'eventflows.error.stage',
  errorAttempts: 'eventflows.error.attempts',
  sourceTopic: 'eventflows.source.topic',
  sourcePartition: 'eventflows.source.partition',
  sourceOffset: 'eventflows.source.offset',
  sourceTimestamp: 'eventflows.source.timestamp',
  algorithm: 'eventflows.algorithm',
  version: 'eventflows.version',
  flow: 'eventflows.flow',
  /** How long the failed call took, all attempts and the waits between them, in whole milliseconds. */
  durationMs: 'eventflows.duration.ms',
} as const;

const mimeOf = { json: 'application/json', text: 'text/plain; charset=utf-8', binary: 'application/octet-stream' } as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : String(first);
}

/**
 * Decodes a record's value the way the platform's API does: JSON when it parses as JSON, else text
 * when it is UTF-8, else bytes. A `content-type` header pins the kind; a value that does not match the
 * type it declares, or a missing value, is undecodable (a permanent failure at stage `decode`).
 */
export function decodeInput(message: Pick<KafkaMessage, 'value' | 'headers'>): AlgorithmInput {
  const bytes = message.value;
  if (bytes === null) throw new ProcessingFailure('the record has no value', 'permanent', 'decode', 'undecodable');
  const declared = headerText(message.headers, contentTypeHeader)?.toLowerCase();
  if (declared?.startsWith('application/json')) {
    try {
      return { contentType: 'json', bytes, value: JSON.parse(utf8.decode(bytes)) as unknown };
    } catch {
      throw new ProcessingFailure('the value is declared application/json but is not JSON', 'permanent', 'decode', 'undecodable');
    }
  }
  if (declared?.startsWith('text/') || declared === 'application/text') {
    try {
      return { contentType: 'text', bytes, value: utf8.decode(bytes) };
    } catch {
      throw new ProcessingFailure(`the value is declared ${declared} but is not UTF-8`, 'permanent', 'decode', 'undecodable');
    }
  }
  if (declared === 'application/octet-stream') return { contentType: 'binary', bytes, value: bytes };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { contentType: 'binary', bytes, value: bytes };
  }
  try {
    return { contentType: 'json', bytes, value: JSON.parse(text) as unknown };
  } catch {
    return { contentType: 'text', bytes, value: text };
  }
}

/** Encodes a result as a record value with its content type; `null` for a `void` or null result (nothing is published). */
export function encodeOutput(output: AlgorithmOutput): { value: Buffer; contentType: string } | null {
  if (output.contentType === 'void' || output.value === null || output.value === undefined) return null;
  if (output.contentType === 'binary') {
    const value = Buffer.isBuffer(output.value) ? output.value : Buffer.from(String(output.value), 'base64');
    return { value, contentType: mimeOf.binary };
  }
  if (output.contentType === 'text') return { value: Buffer.from(String(output.value), 'utf8'), contentType: mimeOf.text };
  const json = JSON.stringify(output.value);
  if (json === undefined) throw new ProcessingFailure('the result is not representable as JSON', 'permanent', 'encode', 'unencodable');
  return { value: Buffer.from(json, 'utf8'), contentType: mimeOf.json };
}

/** The one correlation header of an output (see {@link traceOf}). */
export const traceHeader = 'eventflows.trace';

/** Where an output came from, as its `eventflows.trace` header says. */
export interface Trace {
  readonly flow: string;
  readonly algorithm: string;
  readonly version: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Attempts the call that wrote the output took (absent on outputs of earlier versions). */
  readonly attempts?: number;
  /** How long that call took, all attempts and the waits between them, in whole milliseconds. */
  readonly durationMs?: number;
}

/**
 * The start of the trace of every output of one binding; {@link correlationHeaders} appends the source.
 * One header carries all of it because kafkajs encodes each header separately, and one per field cost
 * more than the rest of the runtime's work per message (see the benchmark).
 */
export function tracePrefix(binding: Pick<SubscribeBinding, 'flowId' | 'algorithm' | 'version' | 'topic'>): string {
  return `flow=${binding.flowId} algorithm=${binding.algorithm} version=${binding.version} source=${binding.topic}/`;
}

/**
 * The headers of an output: `eventflows.trace` = `flow=<flow> algorithm=<org/name> version=<version>
 * source=<topic>/<partition>/<offset> attempts=<n> ms=<duration>` (no part contains a space or, except
 * the algorithm, a `/`), and `content-type` for text and binary results (a JSON result needs none: JSON
 * is what a value is first read as). The source, attempts and duration are what following a message reads.
 */
export function correlationHeaders(prefix: string, partition: number, offset: string, contentType: string, call: { attempts: number; durationMs: number }): IHeaders {
  const trace = `${prefix}${partition}/${offset} attempts=${call.attempts} ms=${Math.round(call.durationMs)}`;
  return contentType === mimeOf.json ? { [traceHeader]: trace } : { [traceHeader]: trace, [contentTypeHeader]: contentType };
}

/** Reads an output's `eventflows.trace` header; `undefined` when absent or malformed. */
export function traceOf(headers: IHeaders | undefined): Trace | undefined {
  const text = headerText(headers, traceHeader);
  const match = text === undefined ? null : /^flow=(\S+) algorithm=(\S+) version=(\S+) source=(\S+)\/(\d+)\/(\d+)(?: attempts=(\d+) ms=(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, flow, algorithm, version, topic, partition, offset, attempts, ms] = match as unknown as [string, string, string, string, string, string, string, string?, string?];
  const trace = { flow, algorithm, version, topic, partition: Number(partition), offset };
  return attempts === undefined || ms === undefined ? trace : { ...trace, attempts: Number(attempts), durationMs: Number(ms) };
}

/**
 * The DLQ record for a message that could not be processed: the original key, value, headers and
 * timestamp, plus the error and source headers of DESIGN §5 (the runtime's own win over same-named ones),
 * and, with `connectHeaders` (the default), Kafka Connect's error context headers.
 */
export function dlqRecord(
  binding: SubscribeBinding,
  partition: number,
  message: KafkaMessage,
  failure: ProcessingFailure,
  attempts: number,
  connectHeaders = true,
  durationMs = 0,
): Message {
  return {
    key: message.key,
    value: message.value,
    timestamp: message.timestamp,
    headers: {
      ...message.headers,
      [headerNames.errorClass]: failure.failureClass,
      [headerNames.errorMessage]: failure.message.slice(0, 2_000),
      [headerNames.errorStage]: failure.stage,
      [headerNames.errorAttempts]: String(attempts),
      [headerNames.sourceTopic]: binding.topic,
      [headerNames.sourcePartition]: String(partition),
      [headerNames.sourceOffset]: message.offset,
      [headerNames.sourceTimestamp]: message.timestamp,
      [headerNames.algorithm]: binding.algorithm,
      [headerNames.version]: binding.version,
      [headerNames.flow]: binding.flowId,
      [headerNames.durationMs]: String(Math.round(durationMs)),
      ...(connectHeaders ? connectErrorHeaders(binding, partition, message, failure) : {}),
    },
  };
}

/** The prefix of Kafka Connect's error context headers (`errors.deadletterqueue.context.headers.enable`). */
export const connectErrorPrefix = '__connect.errors.';

/**
 * Kafka Connect's error context headers for a dead letter, so that tools made for Connect's DLQs read
 * ours: the source topic, partition and offset, the "connector" (the algorithm) and its "class" (the
 * algorithm and version), the stage, and the exception's class (our error class and reason) and message.
 */
function connectErrorHeaders(binding: SubscribeBinding, partition: number, message: KafkaMessage, failure: ProcessingFailure): Record<string, string> {
  return {
    [`${connectErrorPrefix}topic`]: binding.topic,
    [`${connectErrorPrefix}partition`]: String(partition),
    [`${connectErrorPrefix}offset`]: message.offset,
    [`${connectErrorPrefix}connector.name`]: binding.algorithm,
    [`${connectErrorPrefix}task.id`]: '0',
    [`${connectErrorPrefix}stage`]: failure.stage,
    [`${connectErrorPrefix}class.name`]: `${binding.algorithm}@${binding.version}`,
    [`${connectErrorPrefix}exception.class.name`]: `${failure.failureClass}:${failure.reason}`,
    [`${connectErrorPrefix}exception.message`]: failure.message.slice(0, 2_000),
  };
}

/** Reads a header as text (the first value when repeated); `undefined` when absent. */
export function readHeader(headers: IHeaders | undefined, name: string): string | undefined {
  return headerText(headers, name);
}
