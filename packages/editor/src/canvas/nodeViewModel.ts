import { versionForm, type Catalog, type Severity } from '@event-flows/model';
import type { BindingState, LagTrend } from '../status/index.ts';
import type { EditorState } from '../store/index.ts';

/** What an algorithm node shows: only these fields make it re-render. */
export interface AlgorithmNodeModel {
  /** `org/name` as typed in the node. */
  algorithm: string;
  version: string;
  /** Whether the version floats (`latest`), which the node warns about. */
  floating: boolean;
  mark: Severity | undefined;
  /** Live status when the flow is deployed and a binding of this node reports. */
  bindingState: BindingState | undefined;
  lag: number;
  /** Whether the lag rose or fell over the last minute. */
  trend: LagTrend;
  failed: number;
  deadLettered: number;
  error: string | undefined;
  /** The names of the alert rules firing on the algorithm's subscriptions, comma-separated; `undefined` when none fires. */
  alerts: string | undefined;
}

/** What a topic node shows: only these fields make it re-render. */
export interface TopicNodeModel {
  topic: string;
  /** The connection's name from the catalog, else its id. */
  connection: string;
  /** As the catalog lists the topic, else the partitions to create; `undefined` when unknown. */
  partitions: number | undefined;
  /** `true` when the topic is used as a dead-letter queue. */
  dlq: boolean;
  /** `true` when deploy would create the topic: it asks to be created and Kafka does not have it. */
  created: boolean;
  /** `true` when the topic was adopted from the cluster: it existed before the flow, which takes it over as it is. */
  adopted: boolean;
  mark: Severity | undefined;
  /** What the last plan found different in Kafka (its partitions or config), in words; `undefined` when nothing. */
  drift: string | undefined;
}

/** Selects what the algorithm node `id` shows; `undefined` when it is not an algorithm node. */
export function selectAlgorithmNode(state: EditorState, id: string): AlgorithmNodeModel | undefined {
  const node = state.nodesById.get(id);
  if (node?.kind !== 'algorithm') return undefined;
  const live = state.liveStatus?.nodes.get(id);
  return {
    algorithm: node.algorithm,
    version: node.version,
    floating: versionForm(node.version) === 'latest',
    mark: state.marks.nodes.get(id),
    bindingState: live?.state,
    lag: live?.lag ?? 0,
    trend: live?.trend ?? 'steady',
    failed: live?.failed ?? 0,
    deadLettered: live?.deadLettered ?? 0,
    error: live?.error,
    alerts: state.alertMarks?.nodes.get(id)?.join(', '),
  };
}

interface ConnectionEntry {
  name: string;
  /** Partitions of each listed topic, by topic name (the first listing, as a linear search finds). */
  partitions: ReadonlyMap<string, number | undefined>;
}

// Every topic node's selector runs on every store change (each move of a drag): looking its topic up
// in a catalog of thousands of topics must not be a linear search. One index per catalog object.
const catalogIndexes = new WeakMap<Catalog, ReadonlyMap<string, ConnectionEntry>>();

function catalogIndex(catalog: Catalog): ReadonlyMap<string, ConnectionEntry> {
  let index = catalogIndexes.get(catalog);
  if (!index) {
    const byId = new Map<string, ConnectionEntry>();
    for (const connection of catalog.connections) {
      if (byId.has(connection.id)) continue;
      const partitions = new Map<string, number | undefined>();
      for (const topic of connection.topics) if (!partitions.has(topic.name)) partitions.set(topic.name, topic.partitions);
      byId.set(connection.id, { name: connection.name, partitions });
    }
    index = byId;
    catalogIndexes.set(catalog, index);
  }
  return index;
}

/** Selects what the topic node `id` shows; `undefined` when it is not a topic node. */
export function selectTopicNode(state: EditorState, id: string): TopicNodeModel | undefined {
  const node = state.nodesById.get(id);
  if (node?.kind !== 'topic') return undefined;
  const connection = catalogIndex(state.catalog).get(node.connection);
  // A topic Kafka has already (deployed, or made elsewhere) shows what Kafka has, and is not created again.
  const exists = connection?.partitions.has(node.topic) === true;
  return {
    topic: node.topic,
    connection: connection?.name ?? node.connection,
    partitions: exists ? connection?.partitions.get(node.topic) : node.create?.partitions,
    dlq: state.dlqTopicIds.has(id),
    created: node.create !== undefined && !exists,
    adopted: node.adopted === true,
    mark: state.marks.nodes.get(id),
    drift: state.driftMarks?.nodes.get(id),
  };
}

/** Words for a diagnostic mark, for the node's status area and screen readers. */
export function markLabel(mark: Severity | undefined): string {
  if (mark === 'error') return 'Has errors';
  if (mark === 'warning') return 'Has warnings';
  if (mark === 'info') return 'Has notes';
  return 'No problems';
}

/** The arrow after a node's lag: up while it rises, down while it falls, none while it holds. */
export const trendArrows: Record<LagTrend, string> = { rising: ' ↗', falling: ' ↘', steady: '' };

/** The live status line of an algorithm node: state, lag (with its trend arrow), failures and dead letters. */
export function liveStatusLabel(model: AlgorithmNodeModel): string {
  if (model.bindingState === undefined) return markLabel(model.mark);
  if (model.error !== undefined) return `Error: ${model.error}`;
  return `${model.bindingState} · lag ${model.lag.toLocaleString('en')}${trendArrows[model.trend]} · ${model.failed.toLocaleString('en')} failed · ${model.deadLettered.toLocaleString('en')} DLQ`;
}
