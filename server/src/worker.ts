/**
 * `pnpm worker`: the runtime as its own process. It reads the enabled bindings from the server's
 * PostgreSQL database and follows their changes, so several workers share each binding's consumer
 * group and Kafka spreads the partitions between them. SIGTERM drains in-flight work and commits first.
 * It needs `DATABASE_URL` (PGlite belongs to the one `pnpm start` process, whose runtime runs in process)
 * and the server's `SECRET_KEY` (to open connection secrets and derive principal passwords).
 */
import path from 'node:path';
import { runWorker } from '@event-flows/runtime';
import { consumerTimings, readConfig } from './config.ts';
import { secretBox } from './connections/secretBox.ts';
import { openDb } from './db/openDb.ts';
import { platformFromConfig } from './platform/fromConfig.ts';
import { databaseBindingSource } from './runtime/databaseSource.ts';
import { embeddedConnectionId } from './runtime/credentials.ts';
import { runtimeOptions } from './runtime/runtimeHost.ts';
import { loadSecretKey } from './secretKey.ts';
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
  const options = runtimeOptions(services, secretKey, { managed: new Set([embeddedConnectionId]) }, consumerTimings(config));
  await runWorker(databaseBindingSource(db, (line) => log('warn', line)), { ...options, resyncMs: 5_000 });
  log('info', 'worker running', { database: 'postgres' });
}

main().catch((error: unknown) => {
  log('error', 'worker failed to start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
