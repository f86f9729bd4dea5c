import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowGraph } from '@event-flows/model';
import { createHttpServer, type HttpOptions } from '../http/httpServer.ts';
import { demoTokens } from '../platform/demoConfig.ts';
import { startTestBed, type TestBed, type TestBedOptions } from './harness.ts';

/** A test bed with the real HTTP edge listening on a free port. */
export interface HttpBed extends TestBed {
  url: string;
  /** The HTTP server itself, for tests that watch its events. */
  server: Server;
  /** Calls a procedure over HTTP as tRPC's non-batched link does; returns the status and the parsed body. */
  call(kind: 'query' | 'mutation' | 'subscription', path: string, input: unknown, token?: string): Promise<{ status: number; body: TrpcBody }>;
  /** Every request the server has received so far, oldest first. */
  readonly received: readonly ReceivedRequest[];
  /** Closes every open connection, as a proxy or a network failure would; clients must reconnect. */
  dropConnections(): void;
}

/** A request as the server received it: what an access log would keep, and the credentials it carried. */
export interface ReceivedRequest {
  method: string;
  /** The path and query, as the request line had them. */
  url: string;
  authorization: string | undefined;
}

/** A tRPC response body: a result or an error with its stable code. */
export interface TrpcBody {
  result?: { data: unknown };
  error?: { message: string; code: number; data: { code: string; httpStatus: number; issues?: unknown } };
}

/** The demo users' tokens, plus one nobody has. */
export const tokens = { ...demoTokens, bad: 'not-a-real-token' } as const;

/**
 * What a subscription's response says: the status and error of its first event when the stream
 * opened (then aborted with `controller`), or the status and body of a plain answer.
 */
export async function streamAnswer(response: Response, controller: AbortController): Promise<{ status: number; body: TrpcBody }> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream')) {
    // Read the first event to see whether the stream opened or reported an error.
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!/\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const error = /event: serialized-error\ndata: (.*)/.exec(text);
    if (error) {
      const parsed = JSON.parse(error[1] as string) as NonNullable<TrpcBody['error']>;
      return { status: parsed.data.httpStatus, body: { error: parsed } };
    }
    return { status: response.status, body: {} };
  }
  const body = await response.text();
  return { status: response.status, body: body ? (JSON.parse(body) as TrpcBody) : {} };
}

/** Starts a test bed and serves it over HTTP. */
export async function startHttpBed(options: TestBedOptions & { http?: HttpOptions } = {}): Promise<HttpBed> {
  const bed = await startTestBed(options);
  const server = createHttpServer(bed.services, { metrics: bed.metrics, ...options.http });
  const received: ReceivedRequest[] = [];
  server.on('request', (req: IncomingMessage) => received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...bed,
    url,
    server,
    received,
    dropConnections: () => server.closeAllConnections(),
    async call(kind, path, input, token) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (kind === 'subscription') {
        // SSE: the token travels in the Authorization header, as the client's EventSource sends it.
        const controller = new AbortController();
        const response = await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers, signal: controller.signal });
        return streamAnswer(response, controller);
      }
      const response =
        kind === 'query'
          ? await fetch(`${url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers })
          : await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input ?? null) });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as TrpcBody) : {} };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bed.close();
    },
  };
}

/** What `flows.deploy` answers: its status and, when it refused, the diagnostics that say why. */
export interface DeployAnswer {
  status: string;
  diagnostics?: Array<{ code: string; severity: string; message: string }>;
}

/** Saves `graph` as a new acme flow and deploys it as `token`'s user, as a client calling the API would. */
export async function saveAndDeploy(bed: HttpBed, name: string, graph: FlowGraph, token: string): Promise<DeployAnswer> {
  const created = await bed.call('mutation', 'flows.create', { orgId: 'acme', name, graph }, token);
  const id = (created.body.result?.data as { id: string }).id;
  return (await bed.call('mutation', 'flows.deploy', { id, revision: 1 }, token)).body.result?.data as DeployAnswer;
}
