/**
 * Connections and streams are bounded: live streams per person and in all, how long a client may take
 * to send a request, how many connections the server holds, and a connection refused early is closed
 * rather than kept while the client goes on sending its body. Each over real sockets.
 */
import { connect, type Socket } from 'node:net';
import { apiLimits } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployChannel } from '../events.ts';
import { createFlow } from '../store/flows.ts';
import { startHttpBed, streamAnswer, tokens, type HttpBed } from '../testing/httpBed.ts';

/** The timeouts of these tests' server: short, so that a test sees them act in seconds. */
const shortTimeouts = { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 };

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed({ http: { limits: shortTimeouts } });
}, 60_000);
afterAll(async () => bed?.close());

/** A raw TCP connection to the server, keeping what it receives and telling when the server closes it. */
function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<'closed'>((resolve) => socket.on('close', () => resolve('closed')));
  return {
    socket,
    received: () => received,
    /** 'closed' when the server closes the connection within `ms`, else 'open' (and the socket is then closed here). */
    async closedWithin(ms: number): Promise<'closed' | 'open'> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const open = new Promise<'open'>((resolve) => (timer = setTimeout(() => resolve('open'), ms)));
      const outcome = await Promise.race([closed, open]);
      clearTimeout(timer);
      socket.destroy();
      return outcome;
    },
  };
}

/** Sends one byte of body every 200 ms, as a slow (or hostile) client does, until the socket closes. */
function dribble(socket: Socket): void {
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('x')), 200);
  socket.on('close', () => clearInterval(timer));
}

describe('a request refused before its body has arrived', () => {
  const cases = [
    { status: 401, head: 'POST /trpc/flows.create HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"orgId":' },
    { status: 413, head: 'POST /trpc/flows.create HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 900000000\r\n\r\n{' },
    { status: 415, head: 'POST /trpc/flows.create HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: 100000\r\n\r\nx' },
    { status: 400, head: `POST /trpc/${Array.from({ length: 30 }, () => 'flows.create').join(',')}?batch=1 HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{` },
  ];
  for (const { status, head } of cases) {
    it(`gets its ${status} with "connection: close", and the connection is closed while the client still sends`, async () => {
      const connection = rawConnection(bed.url);
      connection.socket.write(head);
      dribble(connection.socket);
      expect(await connection.closedWithin(5_000)).toBe('closed');
      expect(connection.received()).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(connection.received()).toMatch(/\r\nconnection: close\r\n/i);
    });
  }
});

describe('time-outs', () => {
  it('a body sent too slowly gets 408 and its connection closed', async () => {
    const connection = rawConnection(bed.url);
    connection.socket.write(`POST /trpc/flows.create HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${tokens.member}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`);
    dribble(connection.socket);
    expect(await connection.closedWithin(8_000)).toBe('closed');
    expect(connection.received()).toMatch(/^HTTP\/1.1 408 /);
  });

  it('headers sent too slowly get their connection closed', async () => {
    const connection = rawConnection(bed.url);
    connection.socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\nx-slow: ');
    dribble(connection.socket);
    expect(await connection.closedWithin(8_000)).toBe('closed');
  });

  it('do not cut a live stream, which lasts longer than a request may take to arrive', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Streamed', description: '', graph: { nodes: [], edges: [] }, actor: 'max' });
    const controller = new AbortController();
    const response = await fetch(`${bed.url}/trpc/flows.deployProgress?input=${encodeURIComponent(JSON.stringify({ id: flow.id }))}`, {
      headers: { authorization: `Bearer ${tokens.member}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    // Twice the request time-out, and more than one check of it by Node.
    await new Promise((resolve) => setTimeout(resolve, 2 * shortTimeouts.requestTimeoutMs + 1_000));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    bed.services.events.publish(deployChannel(flow.id), { kind: 'started', deploymentId: 1, summary: 'late step' });
    while (!text.includes('late step')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('late step');
  }, 20_000);
});

describe('live streams', () => {
  const open = async (token: string) => {
    const controller = new AbortController();
    const response = await fetch(`${bed.url}/trpc/runtime.statusStream?input=${encodeURIComponent(JSON.stringify({ orgId: 'acme' }))}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    return { response, controller };
  };

  it(`a person may keep ${apiLimits.streamsPerUser} open; one more is refused with a sentence, and closing one frees its place`, async () => {
    const mine = await Promise.all(Array.from({ length: apiLimits.streamsPerUser }, () => open(tokens.viewer)));
    expect(mine.map((s) => s.response.status)).toEqual(mine.map(() => 200));

    const extra = await open(tokens.viewer);
    const refused = await streamAnswer(extra.response, extra.controller);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.body.error?.message).toBe(
      `You already have ${apiLimits.streamsPerUser} live streams open, the most one user may; close studio tabs you no longer use and try again.`,
    );

    // Another person is not held back by this one's streams.
    const theirs = await open(tokens.member);
    expect((await streamAnswer(theirs.response, theirs.controller)).status).toBe(200);

    mine.pop()?.controller.abort();
    let status = 0;
    for (let tries = 0; status !== 200 && tries < 50; tries++) {
      const again = await open(tokens.viewer);
      status = (await streamAnswer(again.response, again.controller)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    for (const s of mine) s.controller.abort();
  }, 30_000);
});

describe('open connections', () => {
  it(`are at most ${apiLimits.connections} (here 5): one more is closed at once, and the server answers again when some close`, async () => {
    const small = await startHttpBed({ http: { limits: { connections: 5 } } });
    try {
      const held = Array.from({ length: 5 }, () => rawConnection(small.url));
      await Promise.all(held.map((c) => new Promise((resolve) => c.socket.once('connect', resolve))));
      // The server counts a connection once it has accepted it: a request on each makes sure it has.
      for (const c of held) c.socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const over = rawConnection(small.url);
      over.socket.write('GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n');
      expect(await over.closedWithin(5_000)).toBe('closed');
      expect(over.received()).toBe('');
      for (const c of held) c.socket.destroy();
      let status = 0;
      for (let tries = 0; status !== 200 && tries < 50; tries++) {
        status = await fetch(`${small.url}/healthz`).then((r) => r.status).catch(() => 0);
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
    } finally {
      await small.close();
    }
  }, 30_000);
});
