import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessingFailure } from '../failures.ts';
import { createHttpInvoker, parseRetryAfter } from './httpInvoker.ts';
import type { AlgorithmInput, Invoker } from './invoker.ts';

// A local stand-in of the platform's algorithm API (the real platform cannot be reached from tests): it
// answers as the platform documents, and each test picks the answer through the request path's algorithm name.
let server: http.Server;
let invoker: Invoker;
const seen: Array<{ path: string; authorization: string; contentType: string; body: string; traceparent?: string | undefined }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ path: req.url ?? '', authorization: String(req.headers.authorization), contentType: String(req.headers['content-type']), body, traceparent: req.headers.traceparent as string | undefined });
      const name = (req.url ?? '').split('/')[4];
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (name === 'echo') json(200, { result: JSON.parse(body) as unknown, metadata: { content_type: 'json', duration: 0.01 } });
      else if (name === 'text') json(200, { result: 'plain words', metadata: { content_type: 'text' } });
      else if (name === 'binary') json(200, { result: Buffer.from([1, 2, 3]).toString('base64'), metadata: { content_type: 'binary' } });
      else if (name === 'void') json(200, { result: null, metadata: { content_type: 'void' } });
      else if (name === 'error200') json(200, { error: { message: 'division by zero', stacktrace: 'at main' } });
      else if (name === 'error400') json(400, { error: { message: 'algorithm not found' } });
      else if (name === 'busy') json(503, { error: { message: 'try later' } });
      else if (name === 'limited') json(429, { error: { message: 'rate limited' } });
      else if (name === 'later') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
        res.end(JSON.stringify({ error: { message: 'later' } }));
      } else if (name === 'teapot') json(418, { error: { message: 'short and stout' } });
      else if (name === 'huge') json(200, { result: 'x'.repeat(2_000), metadata: { content_type: 'text' } });
      else if (name === 'slow') setTimeout(() => json(200, { result: 1 }), 2_000);
      else if (name === 'garbled') res.end('<html>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  invoker = createHttpInvoker({ apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, apiKey: 'sim-key', maxSockets: 4, maxInputBytes: 1_000, maxOutputBytes: 1_000 });
});
afterAll(async () => {
  await invoker.close?.();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const json = (value: unknown): AlgorithmInput => ({ contentType: 'json', bytes: Buffer.from(JSON.stringify(value)), value });
const call = (name: string, input: AlgorithmInput = json({ n: 1 }), timeoutMs = 5_000, transientStatuses?: number[]) =>
  invoker.invoke({ algorithm: `acme/${name}`, version: '1.2.3', input, timeoutMs, signal: new AbortController().signal, ...(transientStatuses ? { transientStatuses } : {}) });
const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error as ProcessingFailure;
  }
};

describe('the HTTP invoker', () => {
  it('posts to /v1/algo/{owner}/{name}/{version} with Simple auth and the input content type', async () => {
    expect(await call('echo')).toEqual({ contentType: 'json', value: { n: 1 }, httpStatus: 200 });
    await call('echo', { contentType: 'text', bytes: Buffer.from('"hi"'), value: '"hi"' }).catch(() => undefined);
    await call('void', { contentType: 'binary', bytes: Buffer.from([9]), value: Buffer.from([9]) });
    expect(seen[0]).toMatchObject({ path: '/v1/algo/acme/echo/1.2.3', authorization: 'Simple sim-key', contentType: 'application/json', body: '{"n":1}' });
    expect(seen[1]?.contentType).toBe('application/text');
    expect(seen[2]?.contentType).toBe('application/octet-stream');
  });

  it("passes the input record's traceparent on to the algorithm's API, and none when it had none", async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const before = seen.length;
    await invoker.invoke({ algorithm: 'acme/echo', version: '1.2.3', input: json({ n: 2 }), timeoutMs: 5_000, signal: new AbortController().signal, traceparent });
    await call('echo');
    expect(seen.slice(before).map((s) => s.traceparent)).toEqual([traceparent, undefined]);
  });

  it('reads text, Base64 binary and void results', async () => {
    expect(await call('text')).toEqual({ contentType: 'text', value: 'plain words', httpStatus: 200 });
    expect(await call('binary')).toEqual({ contentType: 'binary', value: Buffer.from([1, 2, 3]), httpStatus: 200 });
    expect(await call('void')).toEqual({ contentType: 'void', value: null, httpStatus: 200 });
  });

  it('tells transient failures (429, 5xx, time-out, connection) from permanent ones (error body, other 4xx, limits)', async () => {
    expect(await failureOf(call('error200'))).toMatchObject({ failureClass: 'permanent', reason: 'algorithm-error', message: 'division by zero' });
    expect(await failureOf(call('error400'))).toMatchObject({ failureClass: 'permanent', reason: 'http-400', httpStatus: 400 });
    expect(await failureOf(call('garbled'))).toMatchObject({ failureClass: 'permanent' });
    expect(await failureOf(call('busy'))).toMatchObject({ failureClass: 'transient', reason: 'http-503', httpStatus: 503 });
    expect(await failureOf(call('limited'))).toMatchObject({ failureClass: 'transient', reason: 'http-429' });
    expect(await failureOf(call('slow', json(1), 200))).toMatchObject({ failureClass: 'transient', reason: 'timeout' });
    expect(await failureOf(call('echo', json('y'.repeat(2_000))))).toMatchObject({ failureClass: 'permanent', reason: 'input-too-large' });
    expect(await failureOf(call('huge'))).toMatchObject({ failureClass: 'permanent', reason: 'output-too-large' });
    const nowhere = createHttpInvoker({ apiUrl: 'http://127.0.0.1:1', apiKey: 'k' });
    const refused = await failureOf(nowhere.invoke({ algorithm: 'a/b', version: '1', input: json(1), timeoutMs: 2_000, signal: new AbortController().signal }));
    expect(refused).toMatchObject({ failureClass: 'transient', reason: 'connection' });
    await nowhere.close?.();
  });
});

describe('retry hints of the HTTP invoker', () => {
  it('carries a 429’s Retry-After with the failure, and classes statuses by the invocation’s list', async () => {
    expect(await failureOf(call('later'))).toMatchObject({ failureClass: 'transient', reason: 'http-429', retryAfterMs: 3_000 });
    expect(await failureOf(call('busy', json(1), 5_000, [429]))).toMatchObject({ failureClass: 'permanent', reason: 'http-503' });
    expect(await failureOf(call('teapot', json(1), 5_000, [418]))).toMatchObject({ failureClass: 'transient', reason: 'http-418' });
  });

  it('reads Retry-After as seconds or as an HTTP-date', () => {
    const now = Date.parse('Mon, 07 Dec 2026 06:00:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 06:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 07 Dec 2026 05:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
