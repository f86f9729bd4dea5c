import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { demoConfig } from '../platform/demoConfig.ts';

/**
 * The local stand-in for the platform's API, the one this project allows (the real platform cannot be
 * reached from here). Every request needs `Authorization: Simple <key>`; errors answer `{ error: { message } }`.
 * - `POST /v1/algo/{owner}/{name}/{version}` answers `{ result, metadata: { content_type, duration } }` or an
 *   error, as the platform documents; `behave` decides each answer (by default the algorithm echoes its JSON
 *   input with its version).
 * - `GET /v1/algorithms/{owner}/{name}/versions` lists `versions[ref]` as published versions, `versionsPage` at
 *   a time, following `marker`.
 * - `GET /v1/users/{userId}/event-listeners` lists the user's event listeners (`{ results, marker }`);
 *   `POST` creates one (answering it, with its new `id`); `DELETE /v1/users/{userId}/event-listeners/{id}`
 *   removes one (204; 404 when there is none). `listenerFailure` makes all three (or those of its `methods`)
 *   answer an error instead.
 * - `GET /v1/organizations/{org}/members` lists `members[org]` (`{ results: [{ username, role }], marker }`),
 *   `membersPage` at a time, following `marker`; `membersFailure` makes it answer an error instead.
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

/** An event listener as the platform's API shows it. */
export interface StubListener {
  id: string;
  sourceType: string;
  algoOwner: string;
  algoName: string;
  algoVersion: string;
  algoTimeoutSeconds?: number;
  /** Where the listener reads: its topic and the Kafka cluster's bootstrap servers (comma-separated). */
  credentials: { topic: string; bootstrapServers: string };
}

/** A running stub: its base URL, the calls so far, and the answer policy a test may replace. */
export interface PlatformStub {
  readonly url: string;
  readonly calls: StubCall[];
  behave: (call: StubCall) => StubAnswer;
  /** Published versions by algorithm (`owner/name`); an algorithm not named has none. */
  versions: Record<string, string[]>;
  /** Versions per page of the versions list. */
  versionsPage: number;
  /** Event listeners by user id. */
  listeners: Map<string, StubListener[]>;
  /** Member user names by org; by default the demo installation's users (`demoConfig`) by their org. */
  members: Record<string, string[]>;
  /** Members per page of the members list. */
  membersPage: number;
  /** When set, the members list answers this status and message. */
  membersFailure: { status: number; message: string } | undefined;
  /** When set, every event-listener request (or those of `methods`, e.g. `['DELETE']`) answers this status and message. */
  listenerFailure: { status: number; message: string; methods?: readonly string[] } | undefined;
  /** Every request, as `METHOD path` (query included), in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the stub on a loopback port (default: a free one); only `Authorization: Simple <apiKey>` is accepted. */
export async function startPlatformStub(apiKey: string, port = 0): Promise<PlatformStub> {
  const sockets = new Set<Socket>();
  const stub: PlatformStub = {
    url: '',
    calls: [],
    behave: (call) => ({ result: { version: call.version, input: JSON.parse(call.body.toString()) as unknown } }),
    versions: {},
    versionsPage: 100,
    listeners: new Map(),
    listenerFailure: undefined,
    members: demoMembers(),
    membersPage: 100,
    membersFailure: undefined,
    requests: [],
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://stub');
      stub.requests.push(`${req.method} ${url.pathname}${url.search}`);
      if (req.headers.authorization !== `Simple ${apiKey}`) return send(401, { error: { message: 'authentication required' } });
      const versions = /^\/v1\/algorithms\/([^/]+)\/([^/]+)\/versions$/.exec(url.pathname);
      if (req.method === 'GET' && versions) return send(200, versionsPage(stub, `${versions[1]}/${versions[2]}`, url.searchParams.get('marker')));
      const members = /^\/v1\/organizations\/([^/]+)\/members$/.exec(url.pathname);
      if (req.method === 'GET' && members) {
        if (stub.membersFailure) return send(stub.membersFailure.status, { error: { message: stub.membersFailure.message } });
        return send(200, membersPage(stub, decodeURIComponent(members[1] ?? ''), url.searchParams.get('marker')));
      }
      const listeners = /^\/v1\/users\/([^/]+)\/event-listeners(?:\/([^/]+))?$/.exec(url.pathname);
      if (listeners) return answerListeners(stub, req.method ?? 'GET', decodeURIComponent(listeners[1] ?? ''), listeners[2] && decodeURIComponent(listeners[2]), Buffer.concat(chunks), send);
      const match = /^\/v1\/algo\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (req.method !== 'POST' || !match) return send(404, { error: { message: 'no such endpoint' } });
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  Object.assign(stub, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  return stub;
}

/** The items of `all` from `marker` (an index, as the platform's lists page), `size` at most, and the next page's marker. */
function pageOf<T>(all: readonly T[], marker: string | null, size: number): { marker: string | null; page: T[] } {
  const from = marker ? Number(marker) : 0;
  const page = all.slice(from, from + size);
  return { marker: from + page.length < all.length ? String(from + page.length) : null, page };
}

/** One page of an algorithm's published versions, as `GET /v1/algorithms/{owner}/{name}/versions` answers. */
function versionsPage(stub: PlatformStub, ref: string, marker: string | null): { marker: string | null; results: object[] } {
  const { marker: next, page } = pageOf(stub.versions[ref] ?? [], marker, stub.versionsPage);
  return {
    marker: next,
    results: page.map((v) => ({ version_info: { semantic_version: v, git_hash: createHash('sha1').update(`${ref}@${v}`).digest('hex'), release_notes: '' }, settings: {} })),
  };
}

/** The demo installation's user ids by their org. */
function demoMembers(): Record<string, string[]> {
  const members: Record<string, string[]> = {};
  for (const user of demoConfig().users) (members[user.orgId] ??= []).push(user.id);
  return members;
}

/** One page of an org's members, as `GET /v1/organizations/{org}/members` answers. */
function membersPage(stub: PlatformStub, orgId: string, marker: string | null): { marker: string | null; results: object[] } {
  const { marker: next, page } = pageOf(stub.members[orgId] ?? [], marker, stub.membersPage);
  return { marker: next, results: page.map((username) => ({ username, role: 'member', resource_type: 'organization_member' })) };
}

let listenerIds = 0;

/** The event-listener endpoints of one user: list, create, delete. */
function answerListeners(stub: PlatformStub, method: string, userId: string, id: string | undefined, body: Buffer, send: (status: number, body: unknown) => void): void {
  const failure = stub.listenerFailure;
  if (failure && (!failure.methods || failure.methods.includes(method))) return send(failure.status, { error: { message: failure.message } });
  const mine = stub.listeners.get(userId) ?? [];
  if (method === 'GET' && id === undefined) return send(200, { marker: null, results: mine });
  if (method === 'POST' && id === undefined) {
    let input: Partial<StubListener>;
    try {
      input = JSON.parse(body.toString()) as Partial<StubListener>;
    } catch {
      return send(400, { error: { message: 'the body is not JSON' } });
    }
    if (!input.sourceType || !input.algoOwner || !input.algoName || !input.algoVersion || !input.credentials?.topic) {
      return send(400, { error: { message: 'sourceType, algoOwner, algoName, algoVersion and credentials.topic are required' } });
    }
    const created: StubListener = { ...(input as StubListener), id: `listener-${++listenerIds}` };
    stub.listeners.set(userId, [...mine, created]);
    return send(201, created);
  }
  if (method === 'DELETE' && id !== undefined) {
    if (!mine.some((l) => l.id === id)) return send(404, { error: { message: `no event listener ${id}` } });
    stub.listeners.set(userId, mine.filter((l) => l.id !== id));
    return send(204, '');
  }
  send(405, { error: { message: `${method} is not allowed here` } });
}
