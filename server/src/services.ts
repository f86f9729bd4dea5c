import type { Binding, NamingOptions } from '@event-flows/model';
import type { CatalogCache } from './catalog/catalogCache.ts';
import type { SecretBox } from './connections/secretBox.ts';
import type { Db } from './db/db.ts';
import type { KafkaGateway } from './kafka/kafkaGateway.ts';
import type { PlatformAdapter } from './platform/platform.ts';
import type { EventHub } from './events.ts';
import type { StatusFeed } from './runtime/runtimeHost.ts';

/** What runs enabled bindings: the runtime in this process, or what stands for worker processes. */
export interface BindingReconciler {
  /** Makes the running consumers match exactly these enabled bindings. */
  reconcile(bindings: readonly Binding[]): Promise<void>;
}

/** Where the server hands enabled bindings so that they run (the runtime, in process or in workers). */
export interface RuntimeLink {
  /**
   * Hands the runtime every enabled binding the database holds. Hand-offs take turns and each reads
   * the bindings in its own turn, so the last one sees every binding committed before it was asked
   * for. Resolves to the bindings handed on.
   */
  handOff(): Promise<readonly Binding[]>;
}

/** One line of the server's log. Never pass a secret. */
export type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Everything a request or a deploy needs, built once at start-up. */
export interface Services {
  db: Db;
  secrets: SecretBox;
  kafka: KafkaGateway;
  /** Each connection's topics and defaults as last read, for the catalog (reads go through `kafka`). */
  catalogCache: CatalogCache;
  platform: PlatformAdapter;
  runtime: RuntimeLink;
  /** Live binding statuses from the runtime in this process (empty when it runs in worker processes). */
  statuses: StatusFeed;
  naming: NamingOptions;
  /** Live events of this process (deploy progress). */
  events: EventHub;
  log: Log;
}
