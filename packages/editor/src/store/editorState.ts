import type { Actor, BindingHistory, Catalog, ConnectCheck, Drift, FlowEdge, FlowGraph, FlowNode, ProposedConnection, RetryPolicy } from '@event-flows/model';
import type { StoreApi } from 'zustand/vanilla';
import type { BindingStatusView, LiveStatus } from '../status/index.ts';
import type { DerivedDocument } from './derive.ts';
import type { AlertMarks, FiringAlertView } from './alertMarks.ts';
import type { DriftMarks } from './driftMarks.ts';
import type { AlgorithmPatch, GraphFragment, NodeMove, TopicPatch } from './graphEdits.ts';
import type { FlowRect } from './placement.ts';

/* The shape of one editor's store: what it starts from, what it holds and what it can do. */

/** What a new editor starts from. */
export interface EditorInit {
  /** The saved flow this editor shows, so that its own enabled bindings are not reported as another flow's; omit for a draft. */
  flowId?: string;
  graph: FlowGraph;
  catalog: Catalog;
  actor: Actor;
  /** A read-only editor shows the flow and lets a person select, but refuses every change. */
  readOnly: boolean;
  /** How many steps undo can go back (default 100). */
  historyLimit?: number;
  /** The live status of the flow's deployed bindings, when it is deployed. */
  bindingStatus?: readonly BindingStatusView[] | null;
  /** Drift the last plan found (live Kafka differing from the deployed flow). */
  drift?: readonly Drift[] | null;
  /** The recent history of the deployed bindings' lag and rates (for the trend arrows and charts). */
  bindingHistory?: readonly BindingHistory[] | null;
  /** The alerts firing now on the flow's bindings. */
  alerts?: readonly FiringAlertView[] | null;
}

/** The selected nodes and edges. */
export interface EditorSelection {
  nodeIds: ReadonlySet<string>;
  edgeIds: ReadonlySet<string>;
}

/** A node to add: an algorithm or a topic, without id and position. */
export type NewNode =
  | { kind: 'algorithm'; algorithm: string; version: string }
  | { kind: 'topic'; connection: string; topic: string; create?: Extract<FlowNode, { kind: 'topic' }>['create'] };

/**
 * A topic to make for an algorithm, asked for by letting go of a line drawn from one of its handles on
 * the empty canvas: which edge it gets, and where the line was let go (flow coordinates).
 */
export interface TopicRequest {
  algorithmId: string;
  kind: FlowEdge['kind'];
  position: { x: number; y: number };
}

/** A connection the model refused, with its reason, shown until the next change. */
export interface ConnectionRefusal {
  code: Extract<ConnectCheck, { ok: false }>['code'];
  reason: string;
}

/** What grouping or renaming came to: the group's id, or the sentence saying why it was refused. */
export type GroupResult = { ok: true; id: string } | { ok: false; reason: string };

/** The actions on groups of nodes (UI data saved with the flow); each change is one undo step. */
export interface GroupActions {
  /** Groups the selected nodes under `name` as a new expanded group; they leave their old groups. */
  groupSelection(name: string): GroupResult;
  /** Renames the group `id`. */
  renameGroup(id: string, name: string): GroupResult;
  /**
   * Collapses the group `id` into one node, or expands it into its nodes again: a change of the
   * document, or for a read-only viewer a change of their view only (see `viewCollapsed`).
   */
  setGroupCollapsed(id: string, collapsed: boolean): void;
  /** Removes the group `id`, leaving its nodes where they are. */
  ungroup(id: string): void;
  /** Expands the collapsed groups that hide any of `nodeIds`, as one undo step (or in a viewer's view), so they can be shown. */
  revealNodes(nodeIds: Iterable<string>): void;
}

/** Every change to an editor's state. Document changes are recorded in the undo history. */
export interface EditorActions extends GroupActions {
  /** Adds a node at `position` and selects it alone; returns its id (`undefined` when read-only). */
  addNode(node: NewNode, position: { x: number; y: number }): string | undefined;
  /**
   * Adds a node beside the selected nodes, or else at the first free place in `view` (the part of the
   * canvas in view, flow coordinates), never on top of another node; like {@link EditorActions.addNode}.
   */
  addNodeInView(node: NewNode, view: FlowRect): string | undefined;
  /**
   * Moves nodes; a move of a collapsed group's id moves its nodes. Moves with `dragging: true` are one gesture: the gesture becomes a single undo step
   * when a move without `dragging` ends it.
   */
  moveNodes(moves: readonly NodeMove[], options?: { dragging?: boolean }): void;
  /**
   * Connects two nodes when the model's `canConnect` allows it, as the kind of edge it decides;
   * otherwise records the refusal. Returns the model's answer.
   */
  connect(proposed: ProposedConnection): ConnectCheck;
  /**
   * Shows the live status of the deployed bindings (server data, mirrored here so that each node
   * can select its own part); `null` when the flow is not deployed. Not a document change.
   */
  setBindingStatus(bindings: readonly BindingStatusView[] | null): void;
  /** Shows the drift a plan found as marks on the canvas (or none with `null`). Not a document change. */
  setDrift(drift: readonly Drift[] | null): void;
  /** Shows the alerts firing now as marks on their bindings' edges and algorithms (server data; none with `null`). Not a document change. */
  setAlerts(alerts: readonly FiringAlertView[] | null): void;
  /** Takes a drift finding's live value into the flow (see the model's `takeLiveValue`), as one undo step. */
  takeLiveValue(drift: Drift): void;
  /** Shows the deployed bindings' recent history (server data, mirrored like the status); `null` when there is none. Not a document change. */
  setBindingHistory(histories: readonly BindingHistory[] | null): void;
  /** Lets a person change the flow or shows it only (a viewer); the editor's `readOnly` prop, kept after mount. Not a document change. */
  setReadOnly(readOnly: boolean): void;
  /**
   * Adds a topic node at `position` and connects the algorithm `algorithmId` to it as one undo step:
   * subscribing to it, publishing to it, or making it the algorithm's DLQ (replacing any other).
   * Refused, like {@link EditorActions.connect}, when the model refuses the edge; then nothing is added.
   */
  addConnectedTopic(
    algorithmId: string,
    topic: Extract<NewNode, { kind: 'topic' }>,
    kind: FlowEdge['kind'],
    position: { x: number; y: number },
  ): ConnectCheck;
  /**
   * Validates against a newer catalog (server data: a grant approved, a topic created by a deploy, a
   * binding enabled elsewhere), so the diagnostics and marks follow it. Not a document change: the
   * graph and the undo history stay as they are.
   */
  setCatalog(catalog: Catalog): void;
  /** Records why a connection being drawn was refused (or clears it with `null`). */
  setRefusal(refusal: ConnectionRefusal | null): void;
  /**
   * Asks for a new topic for an algorithm (its inspector then shows the new-topic form), selecting the
   * algorithm alone; `null` when the form is done or cancelled. Not a document change.
   */
  requestTopic(request: TopicRequest | null): void;
  /** Removes nodes (with their edges, and from their groups) and edges as one undo step. */
  deleteElements(nodeIds: Iterable<string>, edgeIds: Iterable<string>): void;
  /** Removes the selection as one undo step. */
  deleteSelection(): void;
  /** Changes fields of an algorithm node. */
  updateAlgorithm(id: string, patch: AlgorithmPatch): void;
  /** Changes fields of a topic node. */
  updateTopic(id: string, patch: TopicPatch): void;
  /**
   * Makes `topicId` the DLQ of the algorithm `algorithmId` (one DLQ edge, replacing any other), or
   * removes its DLQ with `null`. Refused, like {@link EditorActions.connect}, when the model refuses it.
   */
  setAlgorithmDlq(algorithmId: string, topicId: string | null): ConnectCheck | undefined;
  /** Gives one subscription its own DLQ topic, or `null` to use its algorithm's DLQ. */
  setSubscriptionDlq(edgeId: string, topicId: string | null): void;
  /** Gives one subscription or publication its own algorithm version, or `null` to run its algorithm's. */
  setBindingVersion(edgeId: string, version: string | null): void;
  /** Gives one subscription its own retry policy, or `null` to use its algorithm's. */
  setSubscriptionRetry(edgeId: string, retry: RetryPolicy | null): void;
  /** Replaces the selection. Not a document change: it is not recorded for undo. */
  select(selection: { nodeIds?: Iterable<string>; edgeIds?: Iterable<string> }): void;
  /**
   * Selects every node and edge on the canvas: not those hidden in a collapsed group, nor the group
   * itself (a group is never selected; expand it to act on its nodes).
   */
  selectAll(): void;
  /** Copies the selected nodes and the edges among them to this editor's clipboard. */
  copySelection(): void;
  /** Pastes the clipboard, shifted clear of every node so the copy hides none, and selects the copy. */
  paste(): void;
  /** Goes back one recorded change. */
  undo(): void;
  /** Goes forward one undone change. */
  redo(): void;
}

/** The state of one mounted editor: its document, what is derived from it, selection and history. */
export interface EditorState extends DerivedDocument {
  flowId: string | undefined;
  graph: FlowGraph;
  catalog: Catalog;
  actor: Actor;
  readOnly: boolean;
  /** The graph's nodes by id, for node views to select only their own node. */
  nodesById: ReadonlyMap<string, FlowNode>;
  selection: EditorSelection;
  /**
   * The groups a read-only viewer collapsed (`true`) or expanded (`false`), by id: view state, not
   * saved and not undone; `shownGraph` applies it. Always empty for an editor that can change the flow.
   */
  viewCollapsed: ReadonlyMap<string, boolean>;
  /** Earlier graphs, oldest first, at most `historyLimit`. */
  past: readonly FlowGraph[];
  /** Undone graphs, the next redo last. */
  future: readonly FlowGraph[];
  clipboard: GraphFragment | null;
  refusal: ConnectionRefusal | null;
  /** The new topic asked for from an algorithm's handle, until its form is done. */
  topicRequest: TopicRequest | null;
  /** The deployed bindings' live status as last received, or `null`. */
  bindingStatus: readonly BindingStatusView[] | null;
  /** The deployed bindings' recent history as last received, or `null`. */
  bindingHistory: readonly BindingHistory[] | null;
  /** {@link EditorState.bindingStatus} (and the trends of {@link EditorState.bindingHistory}) laid onto the current graph's nodes and edges. */
  liveStatus: LiveStatus | null;
  /** Drift the last plan found, or `null`. */
  drift: readonly Drift[] | null;
  /** {@link EditorState.drift} laid onto the current graph's nodes and edges. */
  driftMarks: DriftMarks | null;
  /** The alerts firing now, as last received, or `null`. */
  alerts: readonly FiringAlertView[] | null;
  /** {@link EditorState.alerts} laid onto the current graph's nodes and edges. */
  alertMarks: AlertMarks | null;
  actions: EditorActions;
}

/** A store holding one editor's {@link EditorState}. */
export type EditorStore = StoreApi<EditorState>;
