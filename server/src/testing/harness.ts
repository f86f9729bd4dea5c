import { randomBytes } from 'node:crypto';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { defaultNaming, demoCatalog, type Binding } from '@event-flows/model';
import kafkajs, { type AclEntry, type Admin } from 'kafkajs';
import { secretBox } from '../connections/secretBox.ts';
import type { Db } from '../db/db.ts';
import { openTestPglite } from './pgliteSnapshot.ts';
import type { User } from '../identity/identity.ts';
import { DiscoverMemory } from '../discover/discoverMemory.ts';
import { CatalogCache } from '../catalog/catalogCache.ts';
import { closeStaleKafkaClients } from '../kafka/closeStaleClients.ts';
import { kafkajsGateway, type KafkaGateway } from '../kafka/kafkaGateway.ts';
import { demoConfig } from '../platform/demoConfig.ts';
import type { PlatformAdapter } from '../platform/platform.ts';
import { standalonePlatform, type StandaloneConfig } from '../platform/standalone.ts';
import { relayChanges } from '../changes.ts';
import { EventHub } from '../events.ts';
import type { Services } from '../services.ts';
import { addGrants } from '../store/access.ts';
import { databaseLink, noStatus, provisioning, startInProcessRuntime, workersReconciler } from '../runtime/runtimeHost.ts';
import { runtimeMetrics } from '@event-flows/runtime';
import type { Registry } from 'prom-client';
import { followStatusHistory } from '../runtime/statusHistory.ts';
import { mergedStatusFeed } from '../runtime/statusFeed.ts';
import { upsertConnection } from '../store/connections.ts';

// kafkajs is CommonJS: Node's ESM loader (a benchmark run by tsx) does not see its enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } = kafkajs;

/** The demo users as the server sees them. */
export const users = {
  admin: { id: 'ada', name: 'Ada', role: 'admin', orgId: 'acme' },
  member: { id: 'max', name: 'Max', role: 'member', orgId: 'acme' },
  viewer: { id: 'val', name: 'Val', role: 'viewer', orgId: 'acme' },
  otherMember: { id: 'gus', name: 'Gus', role: 'member', orgId: 'globex' },
} as const satisfies Record<string, User>;

/** A server's services over real parts: an embedded broker with SASL and ACLs on, PGlite, kafkajs. */
export interface TestBed {
  services: Services;
  broker: RunningBroker;
  /** A kafkajs admin client signed in as the broker's super user, to look at Kafka from outside. */
  admin: Admin;
  /** Every set of bindings handed to the runtime, in order. */
  reconciled: Binding[][];
  /** The installation's secret key (workers started by a test need the same one). */
  secretKey: Buffer;
  /** The Prometheus metrics the server serves: its in-process runtime's, or its process's only. */
  metrics: Registry;
  close(): Promise<void>;
}

/** Options for {@link startTestBed}. */
export interface TestBedOptions {
  db?: Db;
  platform?: StandaloneConfig;
  /** Another platform than the standalone one of `platform` (e.g. Algorithmia's adapter against the stand-in). */
  platformAdapter?: PlatformAdapter;
  /** Wraps the kafkajs gateway (to inject failures or record calls). */
  wrapKafka?: (gateway: KafkaGateway) => KafkaGateway;
  /** Seeds the demo catalog's grants (default true). */
  grants?: boolean;
  /**
   * `false` runs the broker as it starts without SASL users: plaintext and without an authorizer, so
   * its ACL APIs answer SECURITY_DISABLED, as a Kafka cluster without `authorizer.class.name` does.
   */
  authorizer?: boolean;
  /** The SASL mechanism of connection `local` on the secured broker (default `plain`). */
  mechanism?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  /** Kafka APIs the broker leaves out, as an older or restricted cluster (see the broker's `leaveOutApis`). */
  leaveOutApis?: readonly string[];
  /** Runs the real runtime in process (default: a link that records what it is handed). */
  runtime?: boolean;
  /** As `RUNTIME=workers`: each hand-off waits for the `pnpm worker` processes to acknowledge it, for at most this long. */
  workerAckTimeoutMs?: number;
  /** Hosts alert webhooks may post to (default: none listed, so no address on this machine). */
  alertWebhookHosts?: readonly string[];
  /** Receives the server's log lines (default: dropped). */
  log?: Services['log'];
  /** How often the bindings' status history is sampled (default as the server: every 5 s). */
  historySampleMs?: number;
}

/**
 * Starts an embedded broker with authorization on (the server signs in as super user `admin`, with
 * `mechanism`) unless `authorizer: false`, a fresh database with connection `local` pointing at the
 * broker, and the demo platform.
 */
export async function startTestBed(options: TestBedOptions = {}): Promise<TestBed> {
  const secured = options.authorizer ?? true;
  const leaveOutApis = options.leaveOutApis ?? [];
  const broker = secured
    ? await startBroker({ port: 0, saslUsers: { admin: 'admin-secret' }, superUsers: ['admin'], leaveOutApis, log: () => undefined })
    : await startBroker({ port: 0, leaveOutApis, log: () => undefined });
  const auth = secured ? ({ mechanism: options.mechanism ?? 'plain', username: 'admin', password: 'admin-secret' } as const) : ({ mechanism: 'none' } as const);
  const db = options.db ?? (await openTestPglite());
  const reconciled: Binding[][] = [];
  const gateway = kafkajsGateway({ clientId: 'test-server' });
  const kafka = options.wrapKafka ? options.wrapKafka(gateway) : gateway;
  const secretKey = randomBytes(32);
  const base = {
    db,
    secrets: secretBox(secretKey),
    kafka,
    catalogCache: new CatalogCache(kafka),
    discoverMemory: new DiscoverMemory(),
    platform: options.platformAdapter ?? standalonePlatform(options.platform ?? demoConfig()),
    naming: defaultNaming,
    alertWebhookHosts: options.alertWebhookHosts ?? [],
    events: new EventHub(),
    log: options.log ?? (() => undefined),
  };
  const embedded = secured ? { connection: 'local', broker } : undefined;
  const inProcess = options.runtime ? startInProcessRuntime(base, secretKey, embedded) : undefined;
  const statuses = mergedStatusFeed(db, inProcess?.statuses ?? noStatus, base.log);
  const services: Services = {
    ...base,
    // Records what the runtime is handed; provisions principals even without an in-process runtime,
    // so worker processes started by a test can sign in.
    runtime: databaseLink(
      db,
      provisioning(
        {
          reconcile: async (bindings) => {
            reconciled.push([...bindings]);
            await inProcess?.reconciler.reconcile(bindings);
            if (options.workerAckTimeoutMs !== undefined) await workersReconciler(db, base.log, options.workerAckTimeoutMs).reconcile(bindings);
          },
        },
        secretKey,
        embedded,
      ),
    ),
    statuses,
    history: followStatusHistory(statuses, base.log, options.historySampleMs),
  };
  const stopRelay = await relayChanges(db, services.events, services.log);
  const stopClosing = closeStaleKafkaClients(services);
  await upsertConnection(
    db,
    services.secrets,
    { id: 'local', name: 'Local Kafka', bootstrap: [broker.address], auth, tls: { enabled: false } },
    'create',
  );
  if (options.grants ?? true) await addGrants(db, demoCatalog().grants, 'seed');
  const observer = new Kafka({
    clientId: 'test-observer',
    brokers: [broker.address],
    logLevel: logLevel.NOTHING,
    ...(secured ? { sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } as const } : {}),
  });
  const admin = observer.admin();
  await admin.connect();
  return {
    services,
    broker,
    admin,
    reconciled,
    secretKey,
    metrics: inProcess?.metrics ?? runtimeMetrics({ measurements: () => [] }, { process: false }),
    async close() {
      await stopRelay();
      stopClosing();
      services.history.stop();
      await inProcess?.close();
      await admin.disconnect();
      await services.kafka.close();
      if (!options.db) await db.close();
      await broker.close();
    },
  };
}

/** A second cluster a test bed's server knows as a connection of its own. */
export interface ExtraConnection {
  broker: RunningBroker;
  /** A kafkajs admin client signed in as this broker's super user. */
  admin: Admin;
  close(): Promise<void>;
}

/** Starts another embedded broker with authorization on and adds it to the bed's server as connection `id`. */
export async function addConnection(bed: TestBed, id: string): Promise<ExtraConnection> {
  const broker = await startBroker({ port: 0, saslUsers: { admin: 'admin-secret' }, superUsers: ['admin'], log: () => undefined });
  const auth = { mechanism: 'plain', username: 'admin', password: 'admin-secret' } as const;
  await upsertConnection(bed.services.db, bed.services.secrets, { id, name: id, bootstrap: [broker.address], auth, tls: { enabled: false } }, 'create');
  const admin = new Kafka({ clientId: 'test-observer', brokers: [broker.address], logLevel: logLevel.NOTHING, sasl: auth }).admin();
  await admin.connect();
  return {
    broker,
    admin,
    async close() {
      await admin.disconnect();
      await broker.close();
    },
  };
}

/** A literal ALLOW ACL for any host, in kafkajs's form: what a test writes to the broker as a cluster admin would. */
export function allowAcl(principal: string, resourceType: AclEntry['resourceType'], resourceName: string, operation: AclEntry['operation']): AclEntry {
  return { resourceType, resourceName, resourcePatternType: ResourcePatternTypes.LITERAL, principal, host: '*', operation, permissionType: AclPermissionTypes.ALLOW };
}

// kafkajs's enums are plain objects at run time (no reverse mapping), so names are looked up by value.
const nameOf = (values: object, value: number) => Object.entries(values).find(([, v]) => v === value)?.[0];

/** The ACLs of a principal in a cluster, as `TYPE:name:OPERATION`, sorted. */
export async function aclsOf(admin: Admin, principal: string): Promise<string[]> {
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
    principal,
  });
  return resources
    .flatMap((r) => r.acls.map((a) => `${nameOf(AclResourceTypes, r.resourceType)}:${r.resourceName}:${nameOf(AclOperationTypes, a.operation)}`))
    .sort();
}
