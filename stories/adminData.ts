/*
 * What the admin pages' stories show: several clusters, long names and large numbers, as a cluster
 * admin of a real platform would see them. Plain data in the API's shapes; no server. The org is the
 * model's demo org; the clusters, grants and algorithms are not the demo catalog's single local
 * cluster on purpose: these pages are about many clusters and names too long for a column.
 */
import type { GrantRequestRow } from '../packages/plugin/src/admin/GrantRequestsTable.tsx';
import type { ConnectionView } from '../packages/plugin/src/admin/connectionInput.ts';
import type { Listener } from '../packages/plugin/src/admin/PlatformListenersTable.tsx';
import type { AuditEntry } from '../packages/plugin/src/audit/AuditView.tsx';
import { demoOrg, type Grant } from '@event-flows/model';

const created = { createdAt: '2026-11-02T08:15:00.000Z', updatedAt: '2026-12-01T16:40:00.000Z' };

/** Four clusters: the embedded one, two secured ones in production, one with a very long name and many brokers. */
export const connections: ConnectionView[] = [
  { ...created, id: 'local', name: 'Embedded Kafka', bootstrap: ['127.0.0.1:9092'], auth: { mechanism: 'none' }, tls: { enabled: false, hasCaCertificate: false }, hasPassword: false },
  {
    ...created,
    id: 'eu-prod',
    name: 'Kafka EU (production)',
    bootstrap: ['kafka-1.eu-west-1.prod.example.com:9093', 'kafka-2.eu-west-1.prod.example.com:9093', 'kafka-3.eu-west-1.prod.example.com:9093'],
    auth: { mechanism: 'scram-sha-512', username: 'event-flows-studio' },
    tls: { enabled: true, hasCaCertificate: true },
    hasPassword: true,
    memberTopicLimits: { partitions: 48, minPartitions: 6, minReplicationFactor: 3, config: { 'retention.ms': { min: 3_600_000, max: 2_592_000_000, unit: 'ms' } }, requireDlq: true },
  },
  { ...created, id: 'us-prod', name: 'Kafka US (production)', bootstrap: ['b-1.us-east-1.kafka.example.net:9096', 'b-2.us-east-1.kafka.example.net:9096'], auth: { mechanism: 'scram-sha-256', username: 'efs' }, tls: { enabled: true, hasCaCertificate: false }, hasPassword: true },
  {
    ...created,
    id: 'analytics-shared-cluster-apac-southeast-2',
    name: 'Shared analytics cluster for the Asia-Pacific data science teams (Sydney)',
    bootstrap: Array.from({ length: 6 }, (_, i) => `broker-${i + 1}.analytics.ap-southeast-2.internal.example.org:9094`),
    auth: { mechanism: 'plain', username: 'svc-analytics-event-flows' },
    tls: { enabled: true, hasCaCertificate: true },
    hasPassword: true,
  },
];

/** Connection display names by id, as the pages take them. */
export const connectionNames: ReadonlyMap<string, string> = new Map(connections.map((c) => [c.id, c.name]));

/** Grants across the clusters, subscribe and publish, one on a long topic name. */
export const grants: Grant[] = [
  { algorithm: 'acme/classify', access: 'subscribe', connection: 'eu-prod', topic: 'orders' },
  { algorithm: 'acme/classify', access: 'publish', connection: 'eu-prod', topic: 'orders.classified' },
  { algorithm: 'acme/enrich', access: 'subscribe', connection: 'eu-prod', topic: 'orders.classified' },
  { algorithm: 'acme/enrich', access: 'publish', connection: 'us-prod', topic: 'payments.enriched.v2' },
  { algorithm: 'acme/fraud-score', access: 'subscribe', connection: 'us-prod', topic: 'payments.card-authorisations.realtime.v3' },
  { algorithm: 'data-science/customer-lifetime-value-forecaster', access: 'publish', connection: 'analytics-shared-cluster-apac-southeast-2', topic: 'analytics.customer-lifetime-value.predictions.daily-batch.v12' },
  { algorithm: 'acme/echo', access: 'subscribe', connection: 'local', topic: 'demo.input' },
];

/** Published algorithms the grant form offers. */
export const publishedAlgorithms = [
  { ref: 'acme/classify', name: 'classify' },
  { ref: 'acme/enrich', name: 'enrich' },
  { ref: 'acme/fraud-score', name: 'fraud-score' },
  { ref: 'data-science/customer-lifetime-value-forecaster', name: 'Customer lifetime value forecaster' },
];

/** Topics of the chosen connection, as the grant form offers them. */
export const topicNames = ['orders', 'orders.classified', 'orders.dlq', 'payments', 'payments.enriched.v2', 'payments.card-authorisations.realtime.v3'];

const requestBase = { orgId: demoOrg.id, connection: 'eu-prod', access: 'subscribe' as const, requestedBy: 'max', requestedByName: 'Max Mustermann (Acme member)' as string | null, decidedBy: null, decidedByName: null as string | null, decidedAt: null, reason: null };

/** Pending and decided requests: from a flow, from the Events tab, from a deleted flow; one by a service account. */
export const grantRequests: GrantRequestRow[] = [
  { ...requestBase, id: 1042, algorithm: 'acme/fraud-score', topic: 'payments.card-authorisations.realtime.v3', connection: 'us-prod', flowId: 'flow_fraud', flowName: 'Fraud checks on card authorisations (real time)', status: 'pending', requestedAt: '2026-12-07T08:55:00.000Z' },
  { ...requestBase, id: 1041, algorithm: 'acme/enrich', access: 'publish', topic: 'orders.enriched', flowId: null, flowName: null, status: 'pending', requestedBy: 'svc-order-pipeline-42', requestedByName: null, requestedAt: '2026-12-07T08:31:00.000Z' },
  { ...requestBase, id: 1017, algorithm: 'acme/classify', topic: 'orders', flowId: 'flow_orders', flowName: 'Order pipeline', status: 'approved', requestedAt: '2026-12-05T14:02:00.000Z', decidedBy: 'ada', decidedByName: 'Ada Lovelace (cluster admin)', decidedAt: '2026-12-05T14:20:00.000Z' },
  { ...requestBase, id: 998, algorithm: 'acme/echo', topic: 'legacy.events', connection: 'gone', flowId: 'flow_old', flowName: null, status: 'rejected', requestedAt: '2026-11-28T09:00:00.000Z', decidedBy: 'ada', decidedByName: 'Ada Lovelace (cluster admin)', decidedAt: '2026-11-28T10:00:00.000Z', reason: 'The connection "gone" was deleted.' },
];

const listenerBase = { userId: 'max', userName: 'Max Mustermann (Acme member)' as string | null, sourceType: 'Kafka', bootstrap: ['kafka-1.eu-west-1.prod.example.com:9093'], connection: { id: 'eu-prod', name: 'Kafka EU (production)' } as Listener['connection'], problem: null as string | null, adoptedInto: null as Listener['adoptedInto'] };

/** Listeners to adopt, one adopted already, one on a cluster the studio does not know, one by a person the platform does not name. */
export const listeners: Listener[] = [
  { ...listenerBase, id: 'l-orders', algorithm: 'acme/classify', version: '1.1.0', topic: 'orders', timeoutSeconds: 60 },
  { ...listenerBase, id: 'l-payments', algorithm: 'acme/fraud-score', version: '3.12.4', topic: 'payments.card-authorisations.realtime.v3', timeoutSeconds: 420, connection: { id: 'us-prod', name: 'Kafka US (production)' }, bootstrap: ['b-1.us-east-1.kafka.example.net:9096'] },
  { ...listenerBase, id: 'l-enriched', algorithm: 'acme/enrich', version: '1.0.0', topic: 'orders.classified', timeoutSeconds: null, adoptedInto: { flowId: 'flow_orders', flowName: 'Order pipeline' } },
  {
    ...listenerBase,
    id: 'l-far',
    userId: 'svc-legacy-ingest',
    userName: null,
    algorithm: 'acme/echo',
    version: '1.0.0',
    topic: 'legacy.events',
    timeoutSeconds: 300,
    bootstrap: ['kafka.elsewhere.example.com:9092'],
    connection: null,
    problem: 'no studio connection has its bootstrap servers kafka.elsewhere.example.com:9092; a cluster admin can add one',
  },
];

/** The org's flows, to adopt into or to name an audit entry's target. */
export const flows = [
  { id: 'flow_orders', name: 'Order pipeline', revision: 14 },
  { id: 'flow_fraud', name: 'Fraud checks on card authorisations (real time)', revision: 3 },
  { id: 'flow_clv', name: 'Customer lifetime value forecasts for the Asia-Pacific region', revision: 127 },
];

const names = { ada: 'Ada Lovelace (cluster admin)', max: 'Max Mustermann (Acme member)' };

/** A page of the audit log: successes, a refusal and a failure, one detail that runs long. */
export const auditEntries: AuditEntry[] = [
  { id: 48_213, at: '2026-12-07T09:12:44.000Z', actor: 'max', action: 'flow.deploy', target: 'flow_orders', result: 'ok', detail: { revision: 14, actions: 23 }, names },
  { id: 48_212, at: '2026-12-07T09:10:02.000Z', actor: 'ada', action: 'grant-request.approve', target: '1017', result: 'ok', detail: { grant: 'acme/classify subscribe eu-prod/orders' }, names },
  { id: 48_211, at: '2026-12-07T09:01:19.000Z', actor: 'max', action: 'flow.deploy', target: 'flow_fraud', result: 'refused', detail: { reason: 'needs-grants', missing: 2 }, names },
  { id: 48_210, at: '2026-12-07T08:59:57.000Z', actor: 'svc-order-pipeline-42', action: 'connection.test', target: 'analytics-shared-cluster-apac-southeast-2', result: 'failed', detail: { error: 'Kafka connection did not answer within 5 s.' }, names },
  {
    id: 48_209,
    at: '2026-12-07T08:40:31.000Z',
    actor: 'ada',
    action: 'connection.update',
    target: 'eu-prod',
    result: 'ok',
    detail: { bootstrap: ['kafka-1.eu-west-1.prod.example.com:9093', 'kafka-2.eu-west-1.prod.example.com:9093', 'kafka-3.eu-west-1.prod.example.com:9093'], mechanism: 'scram-sha-512' },
    names,
  },
];
