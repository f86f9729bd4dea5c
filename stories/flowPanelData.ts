/**
 * Realistic data for the app's flow panels (deploy, history, test message, live counts, flow list):
 * several clusters, long names and large numbers, as a platform team's studio holds them.
 */
import type { BindingHistoryRow, BindingStatusRow } from '@event-flows/client';
import { compile, demoCatalog, emptyActual, pipelineGraph, plan, runningBindingStatus, type Grant } from '@event-flows/model';
import type { DeployEvent } from '../packages/plugin/src/deploy/DeployView.tsx';
import type { DeploymentRow, RevisionDiff } from '../packages/plugin/src/deploy/HistoryView.tsx';
import type { RevisionRow } from '../packages/plugin/src/deploy/RevisionList.tsx';
import type { FlowRow } from '../packages/plugin/src/flows/flowListView.ts';

/** The clusters the stories' flows span, by id, with the names people gave them. */
export const clusterNames = new Map([
  ['local', 'EU production (eu-west-1, 12 brokers)'],
  ['us-prod', 'US production (us-east-2)'],
  ['analytics', 'Analytics sandbox'],
]);

/** The demo order pipeline's first deploy for a member, with the given grants not given yet. */
export function pipelinePlan(missing: readonly Grant[] = []) {
  const grants = demoCatalog().grants.filter((g) => !missing.some((m) => m.algorithm === g.algorithm && m.topic === g.topic && m.access === g.access));
  return plan(compile(pipelineGraph(), { flowId: 'flow_orders' }), { ...emptyActual(), grants }, { role: 'member' });
}

/** A grant a member's plan lacks until a cluster admin gives it. */
export const missingAlertsGrant: Grant = { connection: 'local', topic: 'alerts', algorithm: 'acme/alert', access: 'publish' };

const step = (title: string, status: 'succeeded' | 'failed' | 'skipped', durationMs: number, detail?: string): DeployEvent => ({
  kind: 'step',
  deploymentId: 1_284,
  step: { title, status, durationMs, ...(detail ? { detail } : {}) },
});

/** A deploy half-way: started, topics and ACLs done, bindings not yet. */
export const progressHalfway: DeployEvent[] = [
  { kind: 'started', deploymentId: 1_284, summary: 'Create 5 topics, add 9 ACLs, start 3 bindings' },
  step('Create 5 topics on EU production (eu-west-1, 12 brokers)', 'succeeded', 412),
  step('Add 9 ACLs for User:algo.acme.classify, User:algo.acme.enrich and User:algo.acme.alert', 'succeeded', 188),
];

/** The same deploy, finished. */
export const progressDone: DeployEvent[] = [
  ...progressHalfway,
  step('Start 3 bindings (acme/classify ← orders, acme/enrich ← orders.classified, acme/alert ← orders.enriched)', 'succeeded', 2_310),
  { kind: 'finished', deploymentId: 1_284, status: 'succeeded' },
];

/** The same deploy, failed at its bindings: the broker refused a consumer group. */
const brokerRefusal = 'GROUP_AUTHORIZATION_FAILED: the broker refused consumer group algo.acme.enrich.orders.classified for User:algo.acme.enrich';
export const progressFailed: DeployEvent[] = [
  ...progressHalfway,
  step('Start 3 bindings', 'failed', 5_002, brokerRefusal),
  step('Remove the ACLs this deploy added', 'skipped', 0, 'Kept: the topics and ACLs stay, so a second deploy picks up where this one stopped.'),
  { kind: 'finished', deploymentId: 1_284, status: 'failed', error: brokerRefusal },
];

/** A binding's counters as the status stream reports them: the model's running binding, as this flow runs it. */
function status(over: Partial<BindingStatusRow> & Pick<BindingStatusRow, 'algorithm' | 'topic'>): BindingStatusRow {
  return {
    ...runningBindingStatus({ key: `${over.algorithm}|${over.connection ?? 'local'}|${over.topic}`, flowId: 'flow_orders', version: '1.2.0' }),
    retrying: null,
    ...over,
  } as BindingStatusRow;
}

/** A busy deployed pipeline over three clusters, with large counts and one binding failing now and then. */
export const busyStatuses: BindingStatusRow[] = [
  status({ algorithm: 'acme/classify', topic: 'orders', consumed: 48_210, published: 48_107, failed: 103, deadLettered: 103, lag: { '0': 12, '1': 40, '2': 9 }, lagSeconds: 1.4, msgsPerSecond: 162.5, failedPerSecond: 0.3 }),
  status({ algorithm: 'acme/enrich-customer-profile-with-loyalty-tier', connection: 'us-prod', topic: 'payments.card-authorisation.validated', consumed: 1_284_503, published: 1_284_503, lag: { '0': 0, '1': 3 }, lagSeconds: 0.2, msgsPerSecond: 1_204.5 }),
  status({ algorithm: 'acme/alert', connection: 'analytics', topic: 'orders.enriched', consumed: 9_870, published: 412, lag: { '0': 0 }, msgsPerSecond: 4 }),
];

/** One binding in each state a binding can be in besides running. */
export const statesStatuses: BindingStatusRow[] = [
  status({ algorithm: 'acme/classify', topic: 'orders', state: 'starting' }),
  status({ algorithm: 'acme/enrich', topic: 'orders.classified', state: 'paused', consumed: 20_114, published: 20_114, lag: { '0': 31_200 }, lagSeconds: 840 }),
  status({ algorithm: 'acme/alert', topic: 'orders.enriched', state: 'stopped', consumed: 7_301, published: 310 }),
  status({
    algorithm: 'acme/score-chargeback',
    connection: 'us-prod',
    topic: 'payments.chargeback.received',
    state: 'error',
    consumed: 88,
    failed: 1,
    lag: { '0': 4_020 },
    lagSeconds: 3_600,
    lastError: { message: 'The algorithm answered 422: amount is not a number', class: 'permanent', stage: 'invoke', at: Date.parse('2026-12-06T10:40:00Z') },
  }),
];

/** The last few minutes of each busy binding, for the small charts. */
export function busyHistories(): BindingHistoryRow[] {
  const at = Array.from({ length: 36 }, (_, i) => Date.parse('2026-12-06T10:00:00Z') + i * 5_000);
  const wave = (base: number, swing: number) => at.map((_, i) => Math.max(0, Math.round(base + swing * Math.sin(i / 4))));
  return busyStatuses.map((s, n) => ({
    key: s.key,
    flowId: s.flowId,
    algorithm: s.algorithm,
    connection: s.connection,
    topic: s.topic,
    at,
    lag: wave(40 + n * 10, 30),
    lagSeconds: wave(1 + n, 1),
    msgsPerSecond: wave(s.msgsPerSecond, s.msgsPerSecond / 5),
    failedPerSecond: n === 0 ? wave(0.5, 0.5) : at.map(() => 0),
    deadLetteredPerSecond: at.map(() => 0),
  }));
}

/** A flow's revisions, newest first: a service account's save has no display name. */
export const revisions: RevisionRow[] = [
  { revision: 14, updatedBy: 'dana', updatedByName: 'Dana Okafor-Lindqvist (payments platform team)', updatedAt: '2026-12-06T10:40:00.000Z' },
  { revision: 13, updatedBy: 'max', updatedByName: 'Max (Acme member)', updatedAt: '2026-12-06T10:20:00.000Z' },
  { revision: 12, updatedBy: 'svc-deploy-bot-eu-west-1', updatedByName: null, updatedAt: '2026-12-05T16:05:00.000Z' },
  { revision: 11, updatedBy: 'ada', updatedByName: 'Ada (cluster admin)', updatedAt: '2026-12-04T09:12:00.000Z' },
  { revision: 1, updatedBy: 'seed', updatedByName: 'Event Flows Studio (example)', updatedAt: '2026-11-02T08:00:00.000Z' },
];

/** The flow's deploys and undeploys, newest first. */
export const deployments: DeploymentRow[] = [
  { id: 1_284, flowId: 'flow_orders', revision: 13, kind: 'deploy', actor: 'max', actorName: 'Max (Acme member)', status: 'succeeded', summary: 'Start 1 binding', plan: null, steps: [], error: null, startedAt: '2026-12-06T10:21:00.000Z', finishedAt: '2026-12-06T10:21:04.000Z' },
  { id: 1_280, flowId: 'flow_orders', revision: 12, kind: 'deploy', actor: 'svc-deploy-bot-eu-west-1', actorName: null, status: 'failed', summary: 'Update 2 bindings', plan: null, steps: [], error: 'GROUP_AUTHORIZATION_FAILED', startedAt: '2026-12-05T16:06:00.000Z', finishedAt: '2026-12-05T16:06:05.000Z' },
  { id: 1_102, flowId: 'flow_orders', revision: null, kind: 'undeploy', actor: 'ada', actorName: 'Ada (cluster admin)', status: 'succeeded', summary: 'Stop 3 bindings', plan: null, steps: [], error: null, startedAt: '2026-12-04T09:00:00.000Z', finishedAt: '2026-12-04T09:00:02.000Z' },
] as DeploymentRow[];

/** What changed from revision 13 to 14. */
export const diff13to14 = {
  changes: [
    { change: 'added', text: 'algorithm acme/alert 2.0.0' },
    { change: 'added', text: 'acme/enrich publishes to orders.enriched (EU production (eu-west-1, 12 brokers))' },
    { change: 'changed', text: 'acme/classify: version 1.1.0 → 1.2.0' },
    { change: 'removed', text: 'topic orders.audit (EU production (eu-west-1, 12 brokers))' },
  ],
} as RevisionDiff;

/** A row of the flow list, as `flows.list` answers it, with `over` changed. */
export const flowRow = (over: Partial<FlowRow>): FlowRow => ({
  id: 'flow_1',
  orgId: 'acme',
  name: 'Orders',
  description: '',
  revision: 1,
  updatedBy: 'max',
  updatedByName: 'Max (Acme member)',
  updatedAt: '2026-12-06T10:00:00.000Z',
  nodeCount: 4,
  edgeCount: 3,
  deployedRevision: null,
  alertsFiring: 0,
  ...over,
});

/** The flows of an org: deployed and not, with alerts firing, a copy, a very long name and a service account's change. */
export const flows: FlowRow[] = [
  flowRow({ id: 'flow_orders', name: 'Order pipeline', description: 'ingest → classify → enrich → alert, with a dead-letter queue', revision: 14, deployedRevision: 13, alertsFiring: 2, updatedBy: 'dana', updatedByName: 'Dana Okafor-Lindqvist (payments platform team)', updatedAt: '2026-12-06T10:40:00.000Z' }),
  flowRow({ id: 'flow_cards', name: 'Card authorisation scoring (EU + US)', description: 'Scores every card authorisation on both production clusters and dead-letters the ones the model cannot read', revision: 1_207, deployedRevision: 1_207, updatedBy: 'svc-deploy-bot-eu-west-1', updatedByName: null, updatedAt: '2026-12-06T09:15:00.000Z' }),
  flowRow({ id: 'flow_copy', name: 'Order pipeline (2)', description: 'A copy to try things on', revision: 2, updatedAt: '2026-12-05T17:30:00.000Z' }),
  flowRow({ id: 'flow_long', name: `Logistics shipment events ${'from every warehouse in every region '.repeat(3)}`.trim(), revision: 48, deployedRevision: 47, updatedAt: '2026-12-01T12:00:00.000Z' }),
];
