/**
 * `pnpm worker`: the runtime as its own process. It reads the enabled bindings from the server's
 * PostgreSQL database and follows their changes, so several workers share each binding's consumer
 * group and Kafka spreads the partitions between them. SIGTERM drains in-flight work and commits first.
 * It needs `DATABASE_URL` (PGlite belongs to the one `pnpm start` process, whose runtime runs in process)
 * and the server's `SECRET_KEY` (to open connection secrets and derive principal passwords). It reports its
 * bindings' status in table `binding_status`, where every server replica reads it for `runtime.status`.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { otlpTracesUrl, runtimeMetrics, runWorker, startTracing } from '@event-flows/runtime';
import { readConfig, runtimeSettings } from './config.ts';
import { secretBox } from './connections/secretBox.ts';
import { openDb } from './db/openDb.ts';
import { platformFromConfig } from './platform/fromConfig.ts';
import { metricsAddress, startMetricsServer } from './http/metricsEndpoint.ts';
import { databaseBindingSource } from './runtime/databaseSource.ts';
import { embeddedConnectionId } from './runtime/credentials.ts';
import { runtimeOptions } from './runtime/runtimeHost.ts';
import { loadSecretKey } from './secretKey.ts';
import { publishWorkerStatus, removeWorkerStatus } from './store/bindingStatus.ts';
import { registerWorker, removeWorker, workerHeartbeatMs } from './store/runtimeWorkers.ts';
import type { Log } from './log.ts';

const log: Log = (level, message, fields) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);

async function main(): Promise<void> {
  const config = readConfig();
  if (!config.DATABASE_URL) {
    throw new Error('pnpm worker needs DATABASE_URL (a PostgreSQL server shared with the API server). With the embedded PGlite, the runtime runs inside pnpm start.');
  }
  const db = await openDb({ url: config.DATABASE_URL });
  const secretKey = loadSecretKey(config.SECRET_KEY, path.resolve(config.DATA_DIR));
  const { platform } = platformFromConfig(config);
  const services = { db, secrets: secretBox(secretKey), platform, log };
  // Principal passwords are derived for the embedded broker's connection, which the `pnpm start` running it provisions.
  const tracing = await startTracing(config, config.OTEL_SERVICE_NAME ?? 'event-flows-worker');
  const settings = { ...runtimeSettings(config), ...(tracing ? { tracer: tracing.tracer } : {}) };
  const options = runtimeOptions(services, secretKey, { managed: new Set([embeddedConnectionId]) }, settings);
  // Registered so that servers wait for this worker to stop bindings before they remove their ACLs.
  const me = { id: randomUUID(), host: hostname(), pid: process.pid };
  await registerWorker(db, me);
  const worker = await runWorker(databaseBindingSource(db, (line) => log('warn', line), me.id), { ...options, resyncMs: 5_000, handleSignals: false });
  // The bindings' status goes to the database when it changes (about once a second while messages
  // flow) and with every heartbeat; one report at a time, in order.
  let reporting: Promise<void> = Promise.resolve();
  const report = (statuses = worker.runtime.status()) => {
    reporting = reporting
      .then(() => publishWorkerStatus(db, me.id, statuses))
      .catch((error: unknown) => log('warn', 'worker: could not report the status of its bindings', { error: error instanceof Error ? error.message : String(error) }));
  };
  const stopReporting = worker.runtime.onStatus((statuses) => report(statuses));
  // Each worker serves its own bindings' metrics (Prometheus scrapes every worker), on a port of its own.
  const metricsServer = config.METRICS_PORT === undefined ? undefined : await startMetricsServer(runtimeMetrics(worker.runtime), config.METRICS_PORT, config.HOST);
  report();
  const heartbeat = setInterval(() => {
    registerWorker(db, me).catch((error: unknown) => log('warn', 'worker: could not say it is alive', { error: error instanceof Error ? error.message : String(error) }));
    report();
  }, workerHeartbeatMs);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', `worker: ${signal}, draining`, { component: 'runtime' });
    clearInterval(heartbeat);
    stopReporting();
    metricsServer?.close();
    // Drains in-flight work, commits and leaves the groups; then no server waits for this worker any more, nor shows its statuses.
    void worker
      .stop()
      .then(() => reporting)
      .then(() => tracing?.shutdown().catch((error: unknown) => log('warn', 'worker: could not send the last spans', { error: error instanceof Error ? error.message : String(error) })))
      .then(() => removeWorker(db, me.id))
      .then(() => removeWorkerStatus(db, me.id))
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log('error', 'worker: stopping failed', { error: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  log('info', 'worker running', {
    database: 'postgres',
    worker: me.id,
    ...(metricsServer ? { metrics: metricsAddress(metricsServer, config.HOST) } : {}),
    ...(tracing ? { traces: otlpTracesUrl(config) } : {}),
  });
}

main().catch((error: unknown) => {
  log('error', 'worker failed to start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
