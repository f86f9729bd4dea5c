import type { AppRouter } from '@event-flows/server';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';

/** The typed client of the Event Flows Studio API: `client.flows.get.query({ id })` and so on. */
export type EventFlowsClient = TRPCClient<AppRouter>;

/** Returns the caller's bearer token, or nothing when signed out (calls then get 401). */
export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

/**
 * What subscriptions need of an EventSource: the browser's, or in Node 20 (which has none) the
 * `eventsource` package's.
 */
export type EventSourceConstructor = new (
  url: string,
  init?: { withCredentials?: boolean },
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
   * The EventSource for subscriptions. Browsers have one; Node 20 has none, so pass the
   * `eventsource` package's there.
   */
  EventSource?: EventSourceConstructor;
  /** The fetch to use (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

/** The URL of the tRPC endpoint under a server's base URL. */
export function trpcUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/trpc`;
}

/**
 * Creates the typed API client. Queries and mutations are batched over HTTP with
 * `Authorization: Bearer <token>`; subscriptions use server-sent events, with the token in the
 * connection params (an EventSource cannot send headers).
 */
export function createClient({ apiUrl, getToken, EventSource, fetch }: ClientOptions): EventFlowsClient {
  const url = trpcUrl(apiUrl);
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          ...(EventSource ? { EventSource } : {}),
          connectionParams: async () => {
            const token = await getToken();
            return token ? { token } : {};
          },
        }),
        false: httpBatchLink({
          url,
          ...(fetch ? { fetch } : {}),
          headers: async () => {
            const token = await getToken();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
}
