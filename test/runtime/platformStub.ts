import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for the platform's algorithm API (the real platform cannot be reached from tests):
 * `POST /v1/algo/{owner}/{name}/{version}` with `Authorization: Simple <key>`, answering
 * `{ result, metadata: { content_type, duration } }` or `{ error: { message } }` as the platform documents.
 * `behave` decides each answer; by default the algorithm echoes its JSON input with its version.
 */
/** One request the stub received. */
export interface StubCall {
  readonly algorithm: string;
  readonly version: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** When the stub received it (epoch milliseconds). */
  readonly at: number;
}

/** How the stub answers one call: a result (with its content type), an error body, a status, extra headers (`Retry-After`), a delay or a raw body. */
export type StubAnswer = { status?: number; result?: unknown; contentType?: string; error?: string; delayMs?: number; raw?: string; headers?: Record<string, string> };

/** A running stub: its base URL, the calls so far, and the answer policy a test may replace. */
export interface PlatformStub {
  readonly url: string;
  readonly calls: StubCall[];
  behave: (call: StubCall) => StubAnswer;
  close(): Promise<void>;
}

/** Starts the stub on a free loopback port; only `Authorization: Simple <apiKey>` is accepted. */
export async function startPlatformStub(apiKey: string): Promise<PlatformStub> {
  const sockets = new Set<Socket>();
  const stub: PlatformStub = {
    url: '',
    calls: [],
    behave: (call) => ({ result: { version: call.version, input: JSON.parse(call.body.toString()) as unknown } }),
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/v1\/algo\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(req.url ?? '');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (req.method !== 'POST' || !match) return send(404, { error: { message: 'no such endpoint' } });
      if (req.headers.authorization !== `Simple ${apiKey}`) return send(401, { error: { message: 'authentication required' } });
      const call: StubCall = {
        algorithm: `${decodeURIComponent(match[1] ?? '')}/${decodeURIComponent(match[2] ?? '')}`,
        version: decodeURIComponent(match[3] ?? ''),
        contentType: String(req.headers['content-type']),
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      stub.calls.push(call);
      const answer = stub.behave(call);
      const respond = (): void => {
        if (res.destroyed) return;
        if (answer.raw !== undefined) return send(answer.status ?? 200, answer.raw, answer.headers);
        if (answer.error !== undefined) return send(answer.status ?? 200, { error: { message: answer.error, stacktrace: 'at main()' } }, answer.headers);
        send(answer.status ?? 200, { result: answer.result ?? null, metadata: { content_type: answer.contentType ?? 'json', duration: 0.001 } }, answer.headers);
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  Object.assign(stub, { url: `http://127.0.0.1:${port}` });
  return stub;
}
