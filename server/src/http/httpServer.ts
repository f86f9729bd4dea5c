import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiLimits } from '@event-flows/model';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import type { Registry } from 'prom-client';
import type { Services } from '../services.ts';
import { serveMetrics } from './metricsEndpoint.ts';
import { serveStatic, type StaticMount } from './staticFiles.ts';
import { serveWebSockets } from './webSockets.ts';

/** Settings of the HTTP edge. */
export interface HttpOptions {
  /** Largest request body in bytes; larger is refused with 413 (default 11 MB: a 10 MB flow plus envelope). */
  maxBodyBytes?: number;
  /** Origins allowed to call the API from a browser (CORS); same-origin calls need none. */
  corsOrigins?: readonly string[];
  /** Built UI and plugin bundles, served under their URL prefix. */
  staticMounts?: readonly StaticMount[];
  /** Prometheus metrics served at `/metrics` to a cluster admin (none: `/metrics` is not served). */
  metrics?: Registry;
  /** Connection limits and time-outs; `apiLimits`' unless given (tests shorten them). */
  limits?: Partial<Record<'connections' | 'headersTimeoutMs' | 'requestTimeoutMs', number>>;
}

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (!origin || !allowed.has(origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-allow-headers', 'authorization, content-type, trpc-accept, x-trpc-source, last-event-id');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-max-age', '600');
  return true;
}

/**
 * Keeps the connection open after the response only once the request's body has been read to its end.
 * A refusal sent before that (413, 415, 400, 401 …) then says `connection: close` and the socket is closed
 * after it, where Node would otherwise go on reading whatever a slow client still sends.
 */
function closeUnlessBodyRead(req: IncomingMessage, res: ServerResponse): void {
  const length = req.headers['content-length'];
  const hasBody = (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.complete) return;
  const keepAlive = res.shouldKeepAlive;
  res.shouldKeepAlive = false;
  req.once('end', () => (res.shouldKeepAlive = keepAlive));
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/**
 * The server's HTTP edge: tRPC at `/trpc` (batching, SSE subscriptions, and subscriptions on
 * WebSockets: see {@link serveWebSockets}), `/healthz`, `/metrics` (see `metricsEndpoint.ts`), and the built UI.
 * Every response carries security headers; bodies over the limit get 413 before they are read, and
 * batches of more calls than `apiLimits.batchCalls` a 400;
 * mutations must be JSON, so a cross-site HTML form post is refused (415); CORS only for listed origins.
 * It holds at most `apiLimits.connections` connections, gives a client `apiLimits.headersTimeoutMs` to
 * send a request's headers and `apiLimits.requestTimeoutMs` for the whole request (408 after; a stream's
 * response is not cut), and closes a connection whose request was refused before its body was read.
 */
export function createHttpServer(services: Services, options: HttpOptions = {}): Server {
  const maxBodyBytes = options.maxBodyBytes ?? 11 * 1024 * 1024;
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: maxBodyBytes,
    allowBatching: true,
    createContext: ({ req }) => createContext(services, req.headers.authorization),
  });

  const limits = { connections: apiLimits.connections, headersTimeoutMs: apiLimits.headersTimeoutMs, requestTimeoutMs: apiLimits.requestTimeoutMs, ...options.limits };
  const timeouts = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node checks those time-outs (30 s by default, which would double them).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
  const server = createServer(timeouts, (req, res) => {
    closeUnlessBodyRead(req, res);
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      reply(res, 400, { error: { message: 'The request URL is malformed.', code: 'BAD_REQUEST' } });
      return;
    }
    const cors = applyCors(req, res, corsOrigins);
    if (req.method === 'OPTIONS') {
      res.statusCode = cors ? 204 : 403;
      res.end();
      return;
    }
    if (url.pathname === '/metrics' && options.metrics) {
      void serveMetrics(req, res, options.metrics, services.platform);
      return;
    }
    if (url.pathname === '/healthz') {
      reply(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname.startsWith('/trpc/')) {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes) {
        reply(res, 413, { error: { message: `The request body is larger than ${maxBodyBytes} bytes.`, code: 'PAYLOAD_TOO_LARGE' } });
        req.resume();
        return;
      }
      const calls = url.pathname.slice('/trpc/'.length).split(',').length;
      if (calls > apiLimits.batchCalls) {
        reply(res, 400, { error: { message: `A request may batch at most ${apiLimits.batchCalls} calls; this one has ${calls}.`, code: 'BAD_REQUEST' } });
        req.resume();
        return;
      }
      if (req.method === 'POST' && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        reply(res, 415, { error: { message: 'Mutations must be sent as application/json.', code: 'UNSUPPORTED_MEDIA_TYPE' } });
        req.resume();
        return;
      }
      void trpc(req, res);
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      void serveStatic(req, res, url.pathname, options.staticMounts ?? []).then((served) => {
        if (!served) reply(res, 404, { error: { message: `Nothing at ${url.pathname}.`, code: 'NOT_FOUND' } });
      });
      return;
    }
    reply(res, 404, { error: { message: `Nothing at ${url.pathname}.`, code: 'NOT_FOUND' } });
  });
  server.maxConnections = limits.connections;
  const closeWebSockets = serveWebSockets(server, services, { corsOrigins, firstMessageTimeoutMs: limits.headersTimeoutMs });
  // Node's closeAllConnections leaves upgraded sockets open: stopping the server closes them too.
  const closeConnections = server.closeAllConnections.bind(server);
  server.closeAllConnections = () => {
    closeConnections();
    closeWebSockets();
  };
  return server;
}
