import type { NamingOptions } from '@event-flows/model';
import type { CatalogCache } from './catalog/catalogCache.ts';
import type { DiscoverMemory } from './discover/discoverMemory.ts';
import type { SecretBox } from './connections/secretBox.ts';
import type { Db } from './db/db.ts';
import type { KafkaGateway } from './kafka/kafkaGateway.ts';
import type { PlatformAdapter } from './platform/platform.ts';
import type { EventHub } from './events.ts';
import type { Log } from './log.ts';
import type { RuntimeLink, StatusFeed } from './runtime/runtimeLink.ts';
import type { StatusHistory } from './runtime/statusHistory.ts';

/** Everything a request or a deploy needs, built once at start-up. */
export interface Services {
  db: Db;
  secrets: SecretBox;
  kafka: KafkaGateway;
  /** Each connection's topics and defaults as last read, for the catalog (reads go through `kafka`). */
  catalogCache: CatalogCache;
  /** The scans discovery keeps for paging, searching and switching kinds (see `discover/discoverMemory.ts`). */
  discoverMemory: DiscoverMemory;
  platform: PlatformAdapter;
  runtime: RuntimeLink;
  /** Live binding statuses: the runtime's in this process merged with the live worker processes' (see `runtime/statusFeed.ts`). */
  statuses: StatusFeed;
  /** The bindings' recent statuses, sampled from `statuses` (see `runtime/statusHistory.ts`). */
  history: StatusHistory;
  naming: NamingOptions;
  /** Hosts alert webhooks may post to (ALERT_WEBHOOK_HOSTS); empty: any host outside this machine's and private networks. */
  alertWebhookHosts: readonly string[];
  /** Live events of this process (deploy progress and studio changes, including those relayed from other replicas). */
  events: EventHub;
  log: Log;
}
