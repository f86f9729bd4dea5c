import type { AppRouter } from '@event-flows/server';
import { createWSClient, TRPCClientError, wsLink, type TRPCLink, type TRPCWebSocketClient } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import type { TokenSource } from './createClient.ts';

/** What the studio needs of a WebSocket class: the browser's own, or the `ws` package's in Node. */
export type WebSocketConstructor = typeof globalThis.WebSocket;

/** The WebSocket URL of an HTTP(S) endpoint: `http://h/trpc` → `ws://h/trpc`. */
export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/i, 'ws');
}

/**
 * Subscriptions over one WebSocket per client, so that a browser tab holds one connection for all its
 * live updates however many it shows (a browser allows only six HTTP/1.1 connections to a server, which
 * a few tabs of event streams would use up). The socket opens with the first subscription and closes a
 * few seconds after the last one ends.
 *
 * The socket says who is listening once, when it opens, as its first message (tRPC's connection
 * params; never in the URL). A subscription started with another token than the open socket's — after
 * a sign-out and a sign-in in the same tab — closes that socket and opens a new one, so a tab never
 * goes on hearing as the person who signed out.
 */
export function webSocketLink(url: string, getToken: TokenSource, WebSocket: WebSocketConstructor): TRPCLink<AppRouter> {
  let open: { token: string | null; client: TRPCWebSocketClient } | undefined;
  const socketFor = (token: string | null): TRPCWebSocketClient => {
    if (open?.token !== token) {
      open?.client.close();
      const client = createWSClient({
        url,
        WebSocket,
        connectionParams: token ? { token } : null,
        lazy: { enabled: true, closeMs: 5_000 },
        keepAlive: { enabled: true, intervalMs: 30_000, pongTimeoutMs: 10_000 },
      });
      open = { token, client };
    }
    return open.client;
  };
  return (runtime) =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | undefined;
        let stopped = false;
        Promise.resolve(getToken()).then(
          (token) => {
            if (!stopped) subscription = wsLink<AppRouter>({ client: socketFor(token ?? null) })(runtime)({ op, next }).subscribe(observer);
          },
          (cause: unknown) => observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause)))),
        );
        return () => {
          stopped = true;
          subscription?.unsubscribe();
        };
      });
}
