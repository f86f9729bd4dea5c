/**
 * Prometheus `/metrics` (issue 22): on the API's port for a cluster admin's bearer token, and, with
 * `METRICS_PORT`, on a port of its own without sign-in (for a scraper on a network the operator keeps
 * closed), for the server and each `pnpm worker`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { PlatformAdapter } from '../platform/platform.ts';

/** Writes the registry's metrics in Prometheus' text format. */
export async function writeMetrics(registry: Registry, res: ServerResponse): Promise<void> {
  try {
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(text);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/**
 * Answers `GET /metrics` on the API's port: the metrics cover every org's bindings, so only a cluster
 * admin's bearer token (as the API takes it) may read them; 401 without one, 403 for anyone else.
 */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, registry: Registry, platform: PlatformAdapter): Promise<void> {
  const refuse = (status: number, message: string, code: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}) });
    res.end(JSON.stringify({ error: { message, code } }));
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'Metrics are read with GET.', 'METHOD_NOT_SUPPORTED');
  const token = /^Bearer\s+(\S{1,4096})$/i.exec(req.headers.authorization ?? '')?.[1];
  const user = token ? await platform.authenticate(token) : undefined;
  if (!user) return refuse(401, 'Metrics need a bearer token (or METRICS_PORT, a port of their own).', 'UNAUTHORIZED');
  if (user.role !== 'admin') return refuse(403, 'Only a cluster admin may read the metrics of every org.', 'FORBIDDEN');
  await writeMetrics(registry, res);
}

/** Serves `/metrics` without sign-in on a port of its own; resolves once it listens. */
export async function startMetricsServer(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Only /metrics is served here.\n');
      return;
    }
    void writeMetrics(registry, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Where a metrics server listens, as a URL for the start-up lines. */
export function metricsAddress(server: Server, host: string): string {
  const address = server.address();
  return `http://${host}:${typeof address === 'object' && address ? address.port : '?'}/metrics`;
}
