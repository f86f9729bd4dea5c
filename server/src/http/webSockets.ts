import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { apiLimits } from '@event-flows/model';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import type { Services } from '../services.ts';

/** Settings of the WebSocket edge. */
export interface WebSocketOptions {
  /** Origins other than the server's own whose pages may open a socket (the HTTP edge's CORS list). */
  corsOrigins: ReadonlySet<string>;
  /** Longest a new socket may stay silent before it is closed, in milliseconds. */
  firstMessageTimeoutMs: number;
}

/** A browser page may open a socket from the server's own origin or a listed one; other clients send no Origin. */
function originAllowed(req: IncomingMessage, corsOrigins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || corsOrigins.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

/**
 * Serves tRPC subscriptions on WebSockets at `/trpc`, so that a browser tab holds one connection for
 * all its live updates. A socket names its caller in its first message (`{ token }`, tRPC's connection
 * params), carries subscriptions only (the stream limits count each), and is closed when it says
 * nothing within `firstMessageTimeoutMs`. Messages are at most `apiLimits.webSocketMessageBytes`;
 * pages of other origins than the server's and the listed ones are refused (403).
 * Returns a function that closes every open socket (Node's `closeAllConnections` does not reach them).
 */
export function serveWebSockets(server: Server, services: Services, options: WebSocketOptions): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: apiLimits.webSocketMessageBytes });
  applyWSSHandler({
    wss: sockets,
    router: appRouter,
    createContext: ({ info }) => {
      const token = info.connectionParams?.token;
      return createContext(services, token ? `Bearer ${token}` : undefined, 'websocket');
    },
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/trpc' && path !== '/trpc/') return refuse(socket, '404 Not Found');
    if (!originAllowed(req, options.corsOrigins)) return refuse(socket, '403 Forbidden');
    sockets.handleUpgrade(req, socket, head, (client) => {
      const silent = setTimeout(() => client.close(4408, 'Nothing was sent on this socket in time.'), options.firstMessageTimeoutMs);
      const heard = () => clearTimeout(silent);
      client.once('message', heard);
      client.once('close', heard);
      sockets.emit('connection', client, req);
    });
  });

  return () => {
    for (const client of sockets.clients) client.terminate();
  };
}
