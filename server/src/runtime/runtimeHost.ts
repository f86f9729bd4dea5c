import type { RunningBroker } from '@event-flows/broker';
import { builtinAlgorithms, createBuiltinInvoker, createRuntime, runtimeMetrics, type KafkaConnection, type RuntimeOptions } from '@event-flows/runtime';
import type { Registry } from 'prom-client';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import { KeyedMutex } from '../db/keyedMutex.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { SecretBox } from '../connections/secretBox.ts';
import type { Log } from '../log.ts';
import type { PlatformAdapter } from '../platform/platform.ts';
import type { BindingReconciler, RuntimeLink, StatusFeed } from './runtimeLink.ts';
import { bindingsChannel, listBindings } from '../store/deployState.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { principalPassword, principalUser } from './credentials.ts';
import { waitForWorkers } from '../store/runtimeWorkers.ts';

/** Where a connection's brokers are and how to reach them (TLS), without credentials. */
export function kafkaConnectionOf(config: ConnectionConfig): KafkaConnection {
  return {
    brokers: config.bootstrap,
    ...(config.tls.enabled ? { ssl: config.tls.caCertificate ? { ca: [config.tls.caCertificate] } : true } : {}),
  };
}

/** What the runtime reads its connections, its algorithms' sign-ins and its invokers from. */
export interface RuntimeSources {
  db: Queryable;
  secrets: SecretBox;
  platform: PlatformAdapter;
  log: Log;
}

/** A feed with nothing in it: the runtime runs in separate worker processes, or not at all. */
export const noStatus: StatusFeed = { current: async () => [], subscribe: () => () => undefined };

/** The runtime's settings that come from the configuration (see `runtimeSettings`) and the tracer, if spans are exported. */
export type RuntimeSettings = Pick<RuntimeOptions, 'consumer' | 'traceContext' | 'dlqConnectHeaders' | 'processingTimes' | 'tracer'>;

/** Which connections' algorithm principals the server provisions itself (the embedded broker's). */
export interface PrincipalAccounts {
  /** Connection ids whose broker accepts the derived principal passwords. */
  readonly managed: ReadonlySet<string>;
}

/**
 * The runtime's view of the installation: where each connection's brokers are, and how each algorithm
 * signs in — as its own principal, with the derived password and the connection's SASL mechanism on
 * connections whose accounts the server manages, and without SASL on connections that have no authentication. (A real cluster's algorithm
 * accounts are its operators' to create; until they are, those bindings cannot sign in.)
 */
export function runtimeOptions(
  services: RuntimeSources,
  secretKey: Buffer,
  accounts: PrincipalAccounts,
  settings: RuntimeSettings = {},
): RuntimeOptions {
  const configs = new Map<string, Promise<ConnectionConfig | undefined>>();
  const configOf = (id: string) => {
    let config = configs.get(id);
    if (!config) {
      config = getConnectionConfig(services.db, services.secrets, id);
      configs.set(id, config);
      // Connections change rarely; forget them after a minute so edits reach long-running workers.
      setTimeout(() => configs.delete(id), 60_000).unref();
    }
    return config;
  };
  const invocation = services.platform.invocation();
  const builtin = createBuiltinInvoker({ ...builtinAlgorithms, 'acme/echo': builtinAlgorithms['demo/echo'] as NonNullable<(typeof builtinAlgorithms)['demo/echo']> });
  return {
    async connections(id) {
      const config = await configOf(id);
      if (!config) throw new Error(`connection "${id}" is not configured`);
      return kafkaConnectionOf(config);
    },
    async credentials(principal, id) {
      const config = await configOf(id);
      if (!config || config.auth.mechanism === 'none') return undefined;
      if (!accounts.managed.has(id)) return undefined;
      // The connection's own mechanism: the embedded broker serves PLAIN and both SCRAMs to every user.
      return { mechanism: config.auth.mechanism, username: principalUser(principal), password: principalPassword(secretKey, id, principal) };
    },
    invokers: invocation.kind === 'http' ? { builtin, http: { apiUrl: invocation.apiUrl, apiKey: invocation.apiKey } } : { builtin },
    invokerFor: () => (invocation.kind === 'http' ? 'http' : 'builtin'),
    ...settings,
    log: (line) => services.log('info', line, { component: 'runtime' }),
  };
}

/** The embedded broker, whose SASL users the server manages. */
export interface EmbeddedBroker {
  connection: string;
  broker: Pick<RunningBroker, 'setSaslUser'>;
}

/**
 * Wraps a reconciler so that, on the embedded broker, every principal of the enabled bindings exists
 * as a SASL user (with its derived password) before the bindings are handed on — whether the runtime
 * runs in this process or in worker processes.
 */
export function provisioning(inner: BindingReconciler, secretKey: Buffer, embedded: EmbeddedBroker | undefined): BindingReconciler {
  if (!embedded) return inner;
  return {
    async reconcile(bindings) {
      for (const principal of new Set(bindings.filter((b) => b.connection === embedded.connection).map((b) => b.principal))) {
        embedded.broker.setSaslUser(principalUser(principal), principalPassword(secretKey, embedded.connection, principal));
      }
      await inner.reconcile(bindings);
    },
  };
}

/**
 * The reconciler of a server whose bindings run in worker processes (`RUNTIME=workers`): the bindings
 * are already in the database, so a hand-off waits until every live worker has acknowledged them (its
 * consumers started, updated or stopped and out of their groups) — so that the ACLs of stopped bindings
 * are removed only after no worker uses them. Rejects with `WorkersDidNotAnswer`, naming the workers,
 * after `timeoutMs`.
 */
export function workersReconciler(db: Queryable, log: Log, timeoutMs: number): BindingReconciler {
  return {
    async reconcile(bindings) {
      const workers = await waitForWorkers(db, { timeoutMs });
      log('info', 'bindings enabled; worker processes run them', { count: bindings.length, workers });
    },
  };
}

/**
 * Delegated provisioning: the owner of the embedded broker follows the bindings table (NOTIFY on
 * `eventflows_bindings`, sent by every deploy on every replica) and makes each principal enabled on its
 * connection a SASL user, so a deploy through a replica that does not run the broker reaches it within
 * milliseconds. The enabled binding rows are the requests; setting a user again is harmless. Resolves to
 * a function that stops following.
 */
export async function followPrincipals(db: Db, secretKey: Buffer, embedded: EmbeddedBroker, log: Log): Promise<() => Promise<void>> {
  const provisioned = new Set<string>();
  const turns = new KeyedMutex();
  const apply = () =>
    turns.run('principals', async () => {
      for (const binding of await listBindings(db)) {
        if (binding.connection !== embedded.connection || provisioned.has(binding.principal)) continue;
        embedded.broker.setSaslUser(principalUser(binding.principal), principalPassword(secretKey, embedded.connection, binding.principal));
        provisioned.add(binding.principal);
        log('info', 'provisioned an algorithm principal on the embedded broker', { principal: binding.principal });
      }
    });
  const stop = await db.listen(bindingsChannel, () => {
    apply().catch((error: unknown) => log('warn', 'could not provision principals on the embedded broker', { error: error instanceof Error ? error.message : String(error) }));
  });
  await apply();
  return stop;
}

/**
 * The server's runtime link: each hand-off reads the enabled bindings from `db` and hands them to
 * `reconciler`, one hand-off at a time, so a read that answers late can never hand on an older set
 * of bindings after a newer one.
 */
export function databaseLink(db: Queryable, reconciler: BindingReconciler): RuntimeLink {
  const turns = new KeyedMutex();
  return {
    handOff: () =>
      turns.run('hand-off', async () => {
        const bindings = await listBindings(db);
        await reconciler.reconcile(bindings);
        return bindings;
      }),
  };
}

/** The runtime running inside the server process (`pnpm start`), with its reconciler and status feed. */
export interface InProcessRuntime {
  reconciler: BindingReconciler;
  statuses: StatusFeed;
  /** The runtime's Prometheus metrics, for `/metrics`. */
  metrics: Registry;
  close(): Promise<void>;
}

/**
 * Starts the runtime inside the server. On the embedded broker (`embedded`), the server provisions each
 * algorithm's principal as a SASL user before its bindings start, so every algorithm signs in as itself
 * and Kafka's ACLs give it exactly the access its enabled bindings need.
 */
export function startInProcessRuntime(
  services: RuntimeSources,
  secretKey: Buffer,
  embedded?: EmbeddedBroker,
  accounts: PrincipalAccounts = { managed: new Set(embedded ? [embedded.connection] : []) },
  settings: RuntimeSettings = {},
): InProcessRuntime {
  const runtime = createRuntime(runtimeOptions(services, secretKey, accounts, settings));
  return {
    reconciler: provisioning(runtime, secretKey, embedded),
    statuses: { current: async () => runtime.status(), subscribe: (listener) => runtime.onStatus(listener) },
    metrics: runtimeMetrics(runtime),
    close: () => runtime.close({ drain: true }),
  };
}
