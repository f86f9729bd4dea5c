/*
 * What Discover's stories show: a production cluster with topics of every status, principals with
 * their ACLs, consumer groups with large lags. Plain data in the API's shapes; no server.
 */
import type { CatalogAlgorithm, DiscoveredGroup, DiscoveredPrincipal, DiscoveredTopic } from '@event-flows/model';

const orders = { flowId: 'flow_orders', flowName: 'Order pipeline' };
const fraud = { flowId: 'flow_fraud', flowName: 'Fraud checks on card authorisations (real time)' };
/** A flow things were adopted into, not deployed yet. */
export const legacyFlow = { flowId: 'flow_legacy', flowName: 'Legacy payments' };

/** Topics: unmanaged, managed by one or two flows, drifted, adopted (not deployed), left alone, one with a very long name. */
export const discoveredTopics: DiscoveredTopic[] = [
  { name: 'legacy.payments', status: 'unmanaged', partitions: 12, replicationFactor: 3, configs: { 'retention.ms': '604800000', 'cleanup.policy': 'delete' }, managedBy: [], drift: [] },
  { name: 'legacy.audit', status: 'unmanaged', partitions: 3, replicationFactor: 3, configs: {}, managedBy: [], drift: [] },
  {
    name: 'orders',
    status: 'drifted',
    partitions: 24,
    replicationFactor: 3,
    configs: { 'retention.ms': '86400000' },
    managedBy: [orders, fraud],
    drift: [{ field: 'partitions', wanted: '12', live: '24', flowName: 'Order pipeline' }],
  },
  { name: 'orders.classified', status: 'managed', partitions: 12, replicationFactor: 3, configs: {}, managedBy: [orders], drift: [] },
  { name: 'orders.dlq', status: 'managed', partitions: 1, replicationFactor: 3, configs: {}, managedBy: [orders], drift: [] },
  {
    name: 'analytics.customer-lifetime-value.predictions.daily-batch.v12.backfill-2026-q4',
    status: 'unmanaged',
    partitions: 96,
    replicationFactor: 3,
    configs: { 'retention.bytes': '1099511627776', 'compression.type': 'zstd' },
    managedBy: [],
    drift: [],
  },
  { name: 'legacy.refunds', status: 'adopted', partitions: 6, replicationFactor: 3, configs: {}, managedBy: [], drift: [], adoptedInto: [legacyFlow] },
  { name: 'tmp.load-test-7', status: 'left-alone', partitions: 1, replicationFactor: 1, configs: {}, managedBy: [], drift: [], leftAlone: { by: 'ada', at: '2026-12-01T09:00:00.000Z' } },
];

/** Principals: an algorithm's (managed), one missing an ACL (drifted), two algorithms' not yet in a flow and an operator's (unmanaged). */
export const discoveredPrincipals: DiscoveredPrincipal[] = [
  {
    name: 'User:eventflows.acme.classify',
    status: 'managed',
    acls: [
      { resourceType: 'topic', resourceName: 'orders', patternType: 'literal', operation: 'read', permission: 'allow', host: '*', status: 'managed', managedBy: [orders] },
      { resourceType: 'topic', resourceName: 'orders.classified', patternType: 'literal', operation: 'write', permission: 'allow', host: '*', status: 'managed', managedBy: [orders] },
    ],
    managedBy: [orders],
    drift: [],
  },
  {
    name: 'User:eventflows.acme.alert',
    status: 'drifted',
    acls: [{ resourceType: 'topic', resourceName: 'alerts', patternType: 'literal', operation: 'write', permission: 'allow', host: '*', status: 'missing', managedBy: [orders] }],
    managedBy: [orders],
    drift: [{ field: 'acl', wanted: 'allow write on topic alerts', live: 'missing', flowName: 'Order pipeline' }],
  },
  {
    name: 'User:eventflows.acme.enrich',
    status: 'unmanaged',
    algorithm: 'acme/enrich',
    acls: [
      { resourceType: 'topic', resourceName: 'legacy.payments', patternType: 'literal', operation: 'read', permission: 'allow', host: '*', status: 'unmanaged', managedBy: [] },
      { resourceType: 'topic', resourceName: 'legacy.payments.enriched', patternType: 'literal', operation: 'write', permission: 'allow', host: '*', status: 'unmanaged', managedBy: [] },
    ],
    managedBy: [],
    drift: [],
  },
  {
    name: 'User:eventflows.acme.score',
    status: 'unmanaged',
    algorithm: 'acme/score',
    acls: [{ resourceType: 'topic', resourceName: 'legacy.payments.enriched', patternType: 'literal', operation: 'read', permission: 'allow', host: '*', status: 'unmanaged', managedBy: [] }],
    managedBy: [],
    drift: [],
  },
  {
    name: 'User:ops',
    status: 'unmanaged',
    acls: [{ resourceType: 'topic', resourceName: 'legacy.', patternType: 'prefixed', operation: 'read', permission: 'allow', host: '*', status: 'unmanaged', managedBy: [] }],
    managedBy: [],
    drift: [],
  },
];

/** Consumer groups: one far behind, one stable and managed. */
export const discoveredGroups: DiscoveredGroup[] = [
  {
    name: 'legacy-payments-reader',
    status: 'unmanaged',
    state: 'Stable',
    protocolType: 'consumer',
    members: [{ memberId: 'consumer-1', clientId: 'legacy-reader', clientHost: '/10.0.4.17' }],
    lag: [
      { topic: 'legacy.payments', partition: 0, committed: 18_204_511, end: 19_881_020, lag: 1_676_509 },
      { topic: 'legacy.payments', partition: 1, committed: 18_190_002, end: 19_879_455, lag: 1_689_453 },
    ],
    totalLag: 3_365_962,
    managedBy: [],
    drift: [],
  },
  {
    name: 'eventflows.acme.classify.orders',
    status: 'managed',
    state: 'Stable',
    protocolType: 'consumer',
    members: [
      { memberId: 'w-1', clientId: 'classify-1', clientHost: '/10.0.2.5' },
      { memberId: 'w-2', clientId: 'classify-2', clientHost: '/10.0.2.6' },
    ],
    lag: [],
    totalLag: 0,
    managedBy: [orders],
    drift: [],
  },
];

/** The org's catalog of algorithms, to choose the version each adopted one runs at (oldest version first, as the server lists them). */
export const adoptCatalog: CatalogAlgorithm[] = [
  {
    ref: 'acme/classify',
    org: 'acme',
    name: 'classify',
    published: true,
    versions: [
      { version: '1.0.0', published: true },
      { version: '1.1.0', published: true },
      { version: '1.2.0', published: true },
    ],
  },
  {
    ref: 'acme/enrich',
    org: 'acme',
    name: 'enrich',
    published: true,
    versions: [
      { version: '2.0.0', published: true },
      { version: '2.1.0', published: true },
      { version: '2.2.0', published: false },
    ],
  },
];
