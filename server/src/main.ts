/**
 * `pnpm start`: the whole product on one machine — an embedded Kafka-protocol broker (unless
 * KAFKA_BROKERS names a cluster), PGlite in the data directory (unless DATABASE_URL names a server),
 * the API and the UI on one port, and the demo org.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lockDirectory, startBroker, type RunningBroker } from '@event-flows/broker';
import { defaultNaming } from '@event-flows/model';
import { DiscoverMemory } from './discover/discoverMemory.ts';
import { CatalogCache } from './catalog/catalogCache.ts';
import { consumerTimings, readConfig, type ServerConfig } from './config.ts';
import type { ConnectionInput } from './connections/connectionSchema.ts';
import { secretBox } from './connections/secretBox.ts';
import { openDb } from './db/openDb.ts';
import { createHttpServer } from './http/httpServer.ts';
import { metricsAddress, startMetricsServer } from './http/metricsEndpoint.ts';
import { runtimeMetrics } from '@event-flows/runtime';
import { kafkajsGateway } from './kafka/kafkaGateway.ts';
import { demoTokens } from './platform/demoConfig.ts';
import { platformFromConfig } from './platform/fromConfig.ts';
import { loadLocalSecret, loadSecretKey } from './secretKey.ts';
import { seed } from './seed.ts';
import { embeddedConnectionId } from './runtime/credentials.ts';
import { databaseLink, followPrincipals, noStatus, provisioning, startInProcessRuntime, workersReconciler } from './runtime/runtimeHost.ts';
import { mergedStatusFeed } from './runtime/statusFeed.ts';
import { followStatusHistory } from './runtime/statusHistory.ts';
import { relayChanges } from './changes.ts';
import { EventHub } from './events.ts';
import { startAlertEngine } from './alerts/alertEngine.ts';
import { webhookHosts } from './alerts/webhook.ts';
import { finishInterruptedDeploys } from './deploy/deployEngine.ts';
import { giveUnownedAclsToEventsTabFlows } from './deploy/unownedAcls.ts';
import { closeStaleKafkaClients } from './kafka/closeStaleClients.ts';
import type { Log } from './log.ts';
import type { Services } from './services.ts';

const log: Log = (level, message, fields) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
};

/** A password kept in the data directory, created on first use. */
async function kafkaConnection(config: ServerConfig, dataDir: string): Promise<{ connection: ConnectionInput; broker?: RunningBroker }> {
  if (config.KAFKA_BROKERS) {
    const mechanism = config.KAFKA_SASL_MECHANISM;
    return {
      connection: {
        id: 'default',
        name: 'Kafka',
        bootstrap: config.KAFKA_BROKERS.split(',').map((s) => s.trim()).filter(Boolean),
        auth: mechanism
          ? { mechanism, username: config.KAFKA_SASL_USERNAME ?? '', ...(config.KAFKA_SASL_PASSWORD ? { password: config.KAFKA_SASL_PASSWORD } : {}) }
          : { mechanism: 'none' },
        tls: {
          enabled: config.KAFKA_TLS === 'true',
          ...(config.KAFKA_TLS_CA_FILE ? { caCertificate: readFileSync(config.KAFKA_TLS_CA_FILE, 'utf8') } : {}),
        },
      },
    };
  }
  const adminPassword = loadLocalSecret(dataDir, 'kafka-admin.secret');
  const broker = await startBroker({
    port: config.KAFKA_PORT,
    dataDir: path.join(dataDir, 'kafka'),
    saslUsers: { admin: adminPassword },
    superUsers: ['admin'],
    log: (line) => log('info', line, { component: 'broker' }),
  });
  return {
    broker,
    connection: { id: embeddedConnectionId, name: 'Embedded Kafka', bootstrap: [broker.address], auth: { mechanism: 'plain', username: 'admin', password: adminPassword }, tls: { enabled: false } },
  };
}

async function main(): Promise<void> {
  const config = readConfig();
  const dataDir = path.resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // One server per data directory: a second would share PGlite and the broker's files with the first.
  process.on('exit', lockDirectory(dataDir, 'server.lock', "a studio's data directory"));
  const { connection, broker } = await kafkaConnection(config, dataDir);
  const db = await openDb(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir });

  const { platform, demo } = platformFromConfig(config);
  const secretKey = loadSecretKey(config.SECRET_KEY, dataDir);
  const kafka = kafkajsGateway();
  const base = { db, secrets: secretBox(secretKey), kafka, catalogCache: new CatalogCache(kafka), discoverMemory: new DiscoverMemory(), platform, naming: defaultNaming, alertWebhookHosts: webhookHosts(config.ALERT_WEBHOOK_HOSTS), events: new EventHub(), log };
  // The connection this server's Kafka is: in a shared database, maybe one another replica added first.
  const connectionId = await seed(base, connection, demo);
  const embedded = broker ? { connection: connectionId, broker } : undefined;
  // Every replica and worker signs algorithms in to the embedded broker with derived passwords; only its owner provisions them.
  const accounts = { managed: new Set([embeddedConnectionId]) };
  const runtime =
    config.RUNTIME === 'in-process'
      ? startInProcessRuntime(base, secretKey, embedded, accounts, consumerTimings(config))
      : {
          reconciler: provisioning(workersReconciler(db, log, config.WORKER_ACK_TIMEOUT_MS), secretKey, embedded),
          statuses: noStatus,
          // The workers serve their bindings' metrics themselves (METRICS_PORT); this process has only its own.
          metrics: runtimeMetrics({ measurements: () => [] }),
          close: async () => undefined,
        };
  // runtime.status shows this process's runtime and the live workers', whichever mode this replica runs in.
  const statuses = mergedStatusFeed(db, runtime.statuses, log);
  const services: Services = { ...base, runtime: databaseLink(db, runtime.reconciler), statuses, history: followStatusHistory(statuses, log) };
  // Deploys through other replicas enable principals on the embedded broker, which only this process can provision.
  const stopPrincipals = embedded ? await followPrincipals(db, secretKey, embedded, log) : async () => undefined;
  // Changes made through any replica reach this one's open studios (flows.changes).
  const stopRelay = await relayChanges(db, services.events, log);
  closeStaleKafkaClients(services);
  // Deploys a crash cut short say so, instead of "running" for ever (a replica's deploy under way holds its lock).
  const interrupted = await finishInterruptedDeploys(services, { waitMs: 1_000 });
  if (interrupted.finished > 0) log('warn', 'marked deploys a crash cut short as failed', { count: interrupted.finished });
  // ACLs earlier versions left with no flow to remove them show in their algorithm's Events-tab flow's plan.
  const unowned = await giveUnownedAclsToEventsTabFlows(services);
  if (unowned.given > 0) log('warn', "gave ACLs no flow owned to their algorithm's Events-tab flow, whose plan removes them", { count: unowned.given });
  if (unowned.unknown.length > 0) log('warn', 'ACLs of principals no algorithm names are left in Kafka; remove them by hand', { principals: unowned.unknown });
  // Bindings enabled before a restart run again (the embedded broker's principals are provisioned anew).
  // A worker that does not answer is the deploys' concern, not a reason not to start.
  await services.runtime.handOff().catch((error: unknown) => log('warn', 'start-up hand-off incomplete', { error: error instanceof Error ? error.message : String(error) }));

  // Alert rules are evaluated against the bindings' live status, whichever replica runs them.
  const alerts = startAlertEngine(services, { intervalMs: config.ALERT_INTERVAL_MS });

  const publicDir = path.resolve(import.meta.dirname, '../public');
  const server = createHttpServer(services, {
    metrics: runtime.metrics,
    corsOrigins: config.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    staticMounts: [
      // The plugin's bundles (built by `pnpm install`), loadable by host pages on other origins.
      { prefix: '/plugin/', dir: path.resolve(import.meta.dirname, '../../packages/plugin/dist'), headers: { 'access-control-allow-origin': '*' } },
      { prefix: '/host', dir: publicDir, fallback: 'host.html' },
      { prefix: '/', dir: publicDir, fallback: 'index.html' },
    ],
  });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST}:${port}`;
  const metricsServer = config.METRICS_PORT === undefined ? undefined : await startMetricsServer(runtime.metrics, config.METRICS_PORT, config.HOST);
  const lines = [
    '',
    `Event Flows Studio is running at ${url}`,
    `  API: ${url}/trpc   health: ${url}/healthz   metrics: ${url}/metrics (cluster admin)${metricsServer ? `, ${metricsAddress(metricsServer, config.HOST)}` : ''}`,
    `  Kafka: ${connection.bootstrap.join(',')}${broker ? ' (embedded broker)' : ''}   database: ${config.DATABASE_URL ? 'PostgreSQL server' : `PGlite in ${dataDir}`}`,
  ];
  if (demo) {
    lines.push(
      '  Sign in with a bearer token (demo users; set IDENTITY_FILE for your own):',
      `    cluster admin:  ${demoTokens.admin}`,
      `    Acme member:    ${demoTokens.member}`,
      `    Acme viewer:    ${demoTokens.viewer}`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', `stopping on ${signal}`);
    server.closeAllConnections();
    metricsServer?.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await alerts.close();
    await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
    services.history.stop();
    await stopRelay();
    await stopPrincipals();
    await runtime.close();
    await services.kafka.close();
    await db.close();
    await broker?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Said once the signal handlers are in place: whoever waits for this line may stop the server at once.
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  log('error', 'start-up failed', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
