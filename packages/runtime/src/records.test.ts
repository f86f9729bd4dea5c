import { describe, expect, it } from 'vitest';
import { resolveRetryPolicy, type SubscribeBinding } from '@event-flows/model';
import { backoffDelay, ProcessingFailure } from './failures.ts';
import { correlationHeaders, decodeInput, dlqRecord, encodeOutput, traceOf, tracePrefix } from './records.ts';

describe('decodeInput', () => {
  it('reads JSON first, then UTF-8 text, then bytes, as the platform does', () => {
    expect(decodeInput({ value: Buffer.from('{"a":1}'), headers: {} })).toMatchObject({ contentType: 'json', value: { a: 1 } });
    expect(decodeInput({ value: Buffer.from('hello'), headers: {} })).toMatchObject({ contentType: 'text', value: 'hello' });
    const bytes = Buffer.from([0xff, 0xfe, 0x00]);
    expect(decodeInput({ value: bytes, headers: {} })).toMatchObject({ contentType: 'binary', value: bytes });
  });

  it('honours a declared content type and calls a value that contradicts it undecodable', () => {
    expect(decodeInput({ value: Buffer.from('123'), headers: { 'content-type': 'text/plain' } })).toMatchObject({ contentType: 'text', value: '123' });
    const undecodable = (value: Buffer | null, type?: string) => {
      try {
        decodeInput({ value, headers: type ? { 'content-type': type } : {} });
        return undefined;
      } catch (error) {
        return error as ProcessingFailure;
      }
    };
    expect(undecodable(Buffer.from('{nope'), 'application/json')).toMatchObject({ failureClass: 'permanent', stage: 'decode', reason: 'undecodable' });
    expect(undecodable(Buffer.from([0xff]), 'text/plain')).toMatchObject({ failureClass: 'permanent', stage: 'decode' });
    expect(undecodable(null)).toMatchObject({ failureClass: 'permanent', stage: 'decode' });
  });
});

describe('encodeOutput and the trace header', () => {
  it('encodes JSON, text, binary (Base64 from the API) and publishes nothing for void or null', () => {
    expect(encodeOutput({ contentType: 'json', value: { b: 2 } })).toEqual({ value: Buffer.from('{"b":2}'), contentType: 'application/json' });
    expect(encodeOutput({ contentType: 'text', value: 'hi' })?.value.toString()).toBe('hi');
    expect(encodeOutput({ contentType: 'binary', value: Buffer.from('AQI=', 'base64') })?.value).toEqual(Buffer.from([1, 2]));
    expect(encodeOutput({ contentType: 'void', value: 'ignored' })).toBeNull();
    expect(encodeOutput({ contentType: 'json', value: null })).toBeNull();
  });

  it('writes a trace that reads back to the same source, flow, algorithm and version', () => {
    const prefix = tracePrefix({ flowId: 'flow:1', algorithm: 'acme/classify', version: '1.2.*', topic: 'orders.v2' });
    const headers = correlationHeaders(prefix, 7, '12345', 'application/json', { attempts: 2, durationMs: 12.4 });
    expect(Object.keys(headers)).toEqual(['eventflows.trace']);
    expect(traceOf(headers)).toEqual({ flow: 'flow:1', algorithm: 'acme/classify', version: '1.2.*', topic: 'orders.v2', partition: 7, offset: '12345', attempts: 2, durationMs: 12 });
    // An output written before calls were timed still reads.
    expect(traceOf({ 'eventflows.trace': `${prefix}7/12345` })).toEqual({ flow: 'flow:1', algorithm: 'acme/classify', version: '1.2.*', topic: 'orders.v2', partition: 7, offset: '12345' });
    expect(correlationHeaders(prefix, 0, '1', 'text/plain; charset=utf-8', { attempts: 1, durationMs: 0 })['content-type']).toBe('text/plain; charset=utf-8');
    expect(traceOf({ 'eventflows.trace': 'garbage' })).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('waits between half and all of the planned backoff, which doubles per attempt by default', () => {
    const policy = resolveRetryPolicy({ maxAttempts: 5, backoffMs: 100 }, 1_000);
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(100);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(300);
    expect(backoffDelay(policy, 3, () => 0)).toBe(200);
    expect(backoffDelay({ ...policy, backoff: 'fixed' }, 3, () => 0.999)).toBe(100);
  });
});

describe('dlqRecord', () => {
  const binding: SubscribeBinding = {
    flowId: 'flow_1',
    algorithm: 'acme/classify',
    version: '1.2.0',
    connection: 'local',
    topic: 'orders',
    direction: 'subscribe',
    consumerGroup: 'eventflows.acme.classify.orders',
    principal: 'User:eventflows.acme.classify',
    dlq: { connection: 'local', topic: 'orders.dlq' },
    outputs: [],
    retry: { maxAttempts: 1, backoffMs: 1 },
    concurrency: 1,
    ordering: 'key',
    timeoutMs: 1_000,
  };
  const message = { key: Buffer.from('o-1'), value: Buffer.from('not json'), timestamp: '1700000000000', offset: '41', headers: { 'trace-id': 't-1' }, attributes: 0 };

  it("writes Kafka Connect's error context headers beside ours, so Connect's tools read our dead letters", () => {
    const dead = dlqRecord(binding, 2, message, new ProcessingFailure('Input is not JSON.', 'permanent', 'decode', 'undecodable'), 1);
    expect(dead.headers).toMatchObject({
      'trace-id': 't-1',
      'eventflows.error.class': 'permanent',
      '__connect.errors.topic': 'orders',
      '__connect.errors.partition': '2',
      '__connect.errors.offset': '41',
      '__connect.errors.connector.name': 'acme/classify',
      '__connect.errors.task.id': '0',
      '__connect.errors.stage': 'decode',
      '__connect.errors.class.name': 'acme/classify@1.2.0',
      '__connect.errors.exception.class.name': 'permanent:undecodable',
      '__connect.errors.exception.message': 'Input is not JSON.',
    });
  });
});
