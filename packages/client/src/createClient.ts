import { apiLimits } from '@event-flows/model';
import type { AppRouter } from '@event-flows/server';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import { EventSource as FetchEventSource, type FetchLike } from 'eventsource';
import { withRefusalSentences } from './httpRefusals.ts';
import { webSocketLink, webSocketUrl, type WebSocketConstructor } from './webSocketLink.ts';

/** The typed client of the Event Flows Studio API: `client.flows.get.query({ id })` and so on. */
export type EventFlowsClient = TRPCClient<AppRouter>;

/** Returns the caller's bearer token, or nothing when signed out (calls then get 401). */
export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

/**
 * What subscriptions need of an EventSource: one that makes its requests with the `fetch` it is
 * given, as the `eventsource` package's does, so that each request can carry the `Authorization`
 * header. A browser's own EventSource cannot send headers.
 */
export type EventSourceConstructor = new (
  url: string,
  init?: { withCredentials?: boolean; fetch?: FetchLike },
) => {
  readonly CLOSED: number;
  readonly CONNECTING: number;
  readonly OPEN: number;
  readonly readyState: number;
  addEventListener(type: string, listener: (event: object) => void): void;
  removeEventListener(type: string, listener: (event: object) => void): void;
  close(): void;
};

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** The server's base URL, e.g. `https://studio.example.com`; the API is at `<apiUrl>/trpc`. */
  apiUrl: string;
  /** Read before every request, so a refreshed token is used as soon as the host has it. */
  getToken: TokenSource;
  /**
   * The EventSource for subscriptions (default: the `eventsource` package's, in browsers and in
   * Node alike). It must take a custom `fetch` (see {@link EventSourceConstructor}).
   */
  EventSource?: EventSourceConstructor;
  /** The fetch to use, for calls and subscriptions (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /**
   * The WebSocket class for subscriptions (default: the global one, which every browser has). With
   * one, all of a client's subscriptions share one socket; without one (Node 20 has none), each is an
   * event stream of its own, made with `EventSource`.
   */
  WebSocket?: WebSocketConstructor;
}

/** The URL of the tRPC endpoint under a server's base URL. */
export function trpcUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/trpc`;
}

/** Marks an EventSource that makes its requests with the `fetch` it is given (set by the `eventsource` package). */
const takesFetch = Symbol.for('eventsource.supports-fetch-override');

/** The `Authorization` header for the token `getToken` gives now, or none when signed out. */
async function authorization(getToken: TokenSource): Promise<Record<string, string>> {
  const token = await getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * Creates the typed API client. Queries and mutations are batched over HTTP; subscriptions share one
 * WebSocket where there is a WebSocket class, and are server-sent events otherwise. Every request, an
 * event stream's reconnections included, carries `Authorization: Bearer <token>` with the token
 * `getToken` gives at that moment, and a WebSocket sends it as its first message. The token is never
 * put in a URL, where proxy logs, browser history and HAR exports would keep it.
 * Throws when `EventSource` cannot take a custom fetch, as subscriptions could not authenticate.
 */
export function createClient({ apiUrl, getToken, EventSource = FetchEventSource, fetch, WebSocket = globalThis.WebSocket }: ClientOptions): EventFlowsClient {
  if (!(takesFetch in EventSource)) {
    throw new TypeError('createClient needs an EventSource that takes a custom fetch (such as the `eventsource` package’s), to send the bearer token in a header.');
  }
  const url = trpcUrl(apiUrl);
  // The EventSource calls this for its first request and for each reconnection after a dropped
  // stream (tRPC's eventSourceOptions are read only when it creates one), so each asks getToken afresh.
  const streamFetch: FetchLike = async (input, init) =>
    (fetch ?? globalThis.fetch)(input, { ...init, headers: { ...init.headers, ...(await authorization(getToken)) } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: WebSocket
          ? webSocketLink(webSocketUrl(url), getToken, WebSocket)
          : httpSubscriptionLink({ url, EventSource, eventSourceOptions: { fetch: streamFetch } }),
        false: httpBatchLink({
          url,
          // The server refuses larger batches; more calls at once go as several requests.
          maxItems: apiLimits.batchCalls,
          // Refusals the API did not word (413 from the HTTP edge, a proxy's 502) arrive as sentences.
          fetch: withRefusalSentences((input, init) => (fetch ?? globalThis.fetch)(input, init)),
          headers: () => authorization(getToken),
        }),
      }),
    ],
  });
}
