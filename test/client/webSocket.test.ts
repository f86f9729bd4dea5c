/**
 * Subscriptions on one WebSocket per client, against the real server (startHttpBed): the studio's
 * client as a browser tab uses it (with the `ws` package's WebSocket, as Node 20 has none). A tab's
 * live updates share one socket; the socket names its caller in its first message, carries nothing
 * but subscriptions, and is refused or closed when it comes from a foreign page, says nothing, or
 * sends too much.
 */
import { createClient, type EventFlowsClient, type WebSocketConstructor } from '@event-flows/client';
import { apiLimits } from '@event-flows/model';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHttpBed, tokens, type HttpBed } from '../../server/src/testing/httpBed.ts';

let bed: HttpBed;
/** Sockets the server has accepted for upgrade so far. */
let upgrades = 0;

beforeAll(async () => {
  bed = await startHttpBed({ http: { limits: { headersTimeoutMs: 1_000 } } });
  bed.server.on('upgrade', () => upgrades++);
}, 60_000);
afterAll(async () => bed?.close());

const wsUrl = () => `${bed.url.replace(/^http/, 'ws')}/trpc`;

function clientFor(getToken: () => string | undefined): EventFlowsClient {
  return createClient({ apiUrl: bed.url, getToken, WebSocket: WebSocket as unknown as WebSocketConstructor });
}

type Change = { kind: string; revision?: number };

/** Subscribes to acme's changes; resolves once the server has accepted the subscription. */
function listen(client: EventFlowsClient) {
  const received: Change[] = [];
  let failed: (error: TRPCClientError<never>) => void = () => undefined;
  const failure = new Promise<TRPCClientError<never>>((resolve) => (failed = resolve));
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const subscription = client.flows.changes.subscribe(
    { orgId: 'acme' },
    { onStarted: () => started(), onData: (change) => received.push(change as Change), onError: (error) => failed(error as TRPCClientError<never>) },
  );
  return { received, ready, failure, stop: () => subscription.unsubscribe() };
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens a raw socket; resolves with how the server answered: opened (then closed here), or refused with its status. */
function rawSocket(headers: Record<string, string> = {}): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl(), { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ opened: true });
    });
    socket.once('unexpected-response', (_request, response) => resolve({ opened: false, status: response.statusCode }));
    socket.once('error', () => undefined);
  });
}

describe("a tab's live updates", () => {
  it('share one socket, and hear a save made elsewhere', async () => {
    const before = upgrades;
    const client = clientFor(() => tokens.viewer);
    const streams = [listen(client), listen(client), listen(client)];
    await Promise.all(streams.map((s) => s.ready));
    expect(upgrades - before).toBe(1);

    const created = await bed.call('mutation', 'flows.create', { orgId: 'acme', name: 'Heard on a socket' }, tokens.member);
    const id = (created.body.result?.data as { id: string }).id;
    await bed.call('mutation', 'flows.save', { id, baseRevision: 1, name: 'Heard on a socket', description: 'two', graph: { nodes: [], edges: [] } }, tokens.member);
    for (const stream of streams) await until('the save on every stream', () => stream.received.some((c) => c.kind === 'flow-saved' && c.revision === 2));
    for (const stream of streams) stream.stop();
  });

  it('refuses a caller without a valid token', async () => {
    const stream = listen(clientFor(() => tokens.bad));
    expect((await stream.failure).data).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('opens a new socket as the new person after a sign-out and sign-in in the same tab', async () => {
    let token: string | undefined = tokens.viewer;
    const client = clientFor(() => token);
    const first = listen(client);
    await first.ready;
    first.stop();
    token = tokens.otherMember;
    // A member of another org: a socket still speaking as acme's viewer would let this through.
    const second = listen(client);
    const error = await second.failure;
    expect(error.data).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts its subscriptions against the stream limits', async () => {
    const client = clientFor(() => tokens.admin);
    const open = Array.from({ length: apiLimits.streamsPerUser }, () => listen(client));
    await Promise.all(open.map((s) => s.ready));
    const refused = listen(client);
    const error = await refused.failure;
    expect(error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(error.message).toMatch(/^You already have \d+ live streams open/);
    for (const stream of open) stream.stop();
  });
});

describe('what a socket may not do', () => {
  it('carries no queries or mutations: they go over HTTP, within its limits', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = new WebSocket(`${wsUrl()}?connectionParams=1`);
      socket.once('open', () => {
        socket.send(JSON.stringify({ method: 'connectionParams', data: { token: tokens.member } }));
        socket.send(JSON.stringify({ id: 1, method: 'query', params: { path: 'flows.list', input: { orgId: 'acme' } } }));
      });
      socket.on('message', (data: Buffer) => {
        const text = data.toString();
        if (text.includes('"id":1')) {
          socket.close();
          resolve(text);
        }
      });
    });
    const parsed = JSON.parse(answer) as { error?: { message: string; data: { code: string } } };
    expect(parsed.error?.data.code).toBe('BAD_REQUEST');
    expect(parsed.error?.message).toBe('Only subscriptions are served on a WebSocket; send queries and mutations over HTTP.');
  });

  it("refuses a page of another origin, and admits the server's own page and clients that send no origin", async () => {
    expect(await rawSocket({ origin: 'https://evil.example' })).toEqual({ opened: false, status: 403 });
    expect(await rawSocket({ origin: bed.url })).toEqual({ opened: true });
    expect(await rawSocket()).toEqual({ opened: true });
  });

  it('is closed when it says nothing in time', async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl());
      socket.once('close', (closeCode: number) => resolve(closeCode));
    });
    expect(code).toBe(4408);
  });

  it(`is closed when it sends a message over ${apiLimits.webSocketMessageBytes} bytes`, async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl());
      socket.once('open', () => socket.send('x'.repeat(apiLimits.webSocketMessageBytes + 1)));
      socket.once('close', (closeCode: number) => resolve(closeCode));
      socket.once('error', () => undefined);
    });
    expect(code).toBe(1009);
  });

  it('answers 404 for a socket anywhere but /trpc', async () => {
    const status = await new Promise<number | undefined>((resolve) => {
      const socket = new WebSocket(`${bed.url.replace(/^http/, 'ws')}/elsewhere`);
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.once('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
