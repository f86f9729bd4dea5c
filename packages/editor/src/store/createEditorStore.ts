import { canConnect, handles, takeLiveValue } from '@event-flows/model';
import type { FlowEdge, FlowGraph, FlowNode } from '@event-flows/model';
import { createStore } from 'zustand/vanilla';
import { layOutStatus } from '../status/index.ts';
import { deriveDocument, indexNodes } from './derive.ts';
import { layOutAlerts } from './alertMarks.ts';
import { layOutDrift } from './driftMarks.ts';
import {
  copyFragment,
  freshId,
  moveNodes,
  pasteFragment,
  removeElements,
  setBindingVersion,
  setSubscriptionDlq,
  setSubscriptionRetry,
  updateNode,
  withoutDlqEdges,
  type GraphFragment,
} from './graphEdits.ts';
import { createGroupActions } from './groupActions.ts';
import { collapsedMembers, shownGraph, withGroupMoves, withoutGroupMembers } from './groupEdits.ts';
import { clearShift, placeNewNode } from './placement.ts';
import type { EditorActions, EditorInit, EditorSelection, EditorState, EditorStore } from './editorState.ts';

const emptySelection: EditorSelection = { nodeIds: new Set(), edgeIds: new Set() };
const pasteOffset = { x: 40, y: 40 };

/**
 * Creates the store of one mounted editor. Every document change goes through its actions, which
 * keep the diagnostics in step with the graph and record a bounded undo history.
 */
export function createEditorStore(init: EditorInit): EditorStore {
  const historyLimit = Math.max(1, init.historyLimit ?? 100);
  /** The graph before the drag gesture in progress, if any. */
  let gestureOrigin: FlowGraph | null = null;

  return createStore<EditorState>()((set, get) => {
    /** Replaces the graph as a recorded change; `previous` is what undo returns to. */
    function commit(next: FlowGraph, extra: Partial<EditorState> = {}, previous: FlowGraph = get().graph): void {
      const state = get();
      if (next === state.graph && previous === state.graph) {
        if (Object.keys(extra).length > 0) set(extra);
        return;
      }
      set({ ...documentState(next, state), past: withPast(previous), future: [], refusal: null, ...extra });
    }

    /** The undo history with `previous` as its newest step, at most `historyLimit` long. */
    function withPast(previous: FlowGraph): FlowGraph[] {
      return [...get().past, previous].slice(-historyLimit);
    }

    /** Records a change of layout only (positions, groups) as one step back to `previous`; diagnostics stay. */
    function recordLayout(next: FlowGraph, extra: Partial<EditorState> = {}, previous: FlowGraph = get().graph): void {
      if (next === previous) return;
      set({ graph: next, nodesById: indexNodes(next), past: withPast(previous), future: [], ...extra });
    }

    /** The graph-dependent part of the state for `graph`; positions alone do not change diagnostics. */
    function documentState(graph: FlowGraph, state: EditorState): Partial<EditorState> {
      const nodesById = indexNodes(graph);
      const selection = pruneSelection(state.selection, nodesById, graph);
      const liveStatus = state.bindingStatus ? layOutStatus(graph, state.bindingStatus, state.bindingHistory ?? []) : null;
      const driftMarks = state.drift ? layOutDrift(graph, state.drift) : null;
      const alertMarks = state.alerts ? layOutAlerts(graph, state.alerts) : null;
      return { graph, nodesById, selection, liveStatus, driftMarks, alertMarks, ...deriveDocument(graph, state.catalog, state.actor, state.flowId) };
    }

    const actions: EditorActions = {
      ...createGroupActions({ get, set, recordLayout }),

      addNode(node, position) {
        const state = get();
        if (state.readOnly) return undefined;
        const id = freshId('n', new Set(state.nodesById.keys()));
        const added: FlowNode =
          node.kind === 'algorithm'
            ? { id, kind: 'algorithm', position: { ...position }, algorithm: node.algorithm, version: node.version }
            : {
                id,
                kind: 'topic',
                position: { ...position },
                connection: node.connection,
                topic: node.topic,
                ...(node.create ? { create: node.create } : {}),
              };
        commit(
          { ...state.graph, nodes: [...state.graph.nodes, added] },
          { selection: { nodeIds: new Set([id]), edgeIds: new Set() } },
        );
        return id;
      },

      addNodeInView(node, view) {
        const { graph, selection } = get();
        return actions.addNode(node, placeNewNode(graph.nodes, node.kind, selection.nodeIds, view));
      },

      moveNodes(moves, options = {}) {
        const state = get();
        if (state.readOnly) return;
        const next = moveNodes(state.graph, withGroupMoves(state.graph, state.nodesById, moves));
        if (options.dragging) {
          gestureOrigin ??= state.graph;
          if (next !== state.graph) set({ graph: next, nodesById: indexNodes(next) });
          return;
        }
        const origin = gestureOrigin ?? state.graph;
        gestureOrigin = null;
        // Diagnostics do not depend on positions: keep them, but record the whole gesture as one step.
        recordLayout(next, {}, origin);
      },

      connect(proposed) {
        const state = get();
        if (state.readOnly) return { ok: false, code: 'unknown-node', reason: 'This flow is read-only.' };
        const check = canConnect(state.graph, proposed);
        if (!check.ok) {
          set({ refusal: { code: check.code, reason: check.reason } });
          return check;
        }
        const id = freshId('e', new Set(state.graph.edges.map((e) => e.id)));
        const edge: FlowEdge = { id, kind: check.kind, source: proposed.source, target: proposed.target };
        commit(
          { ...state.graph, edges: [...state.graph.edges, edge] },
          { selection: { nodeIds: new Set(), edgeIds: new Set([id]) } },
        );
        return check;
      },

      addConnectedTopic(algorithmId, topic, kind, position) {
        const state = get();
        if (state.readOnly) return { ok: false, code: 'unknown-node', reason: 'This flow is read-only.' };
        const id = freshId('n', new Set(state.nodesById.keys()));
        const node: FlowNode = {
          id,
          kind: 'topic',
          position: { ...position },
          connection: topic.connection,
          topic: topic.topic,
          ...(topic.create ? { create: topic.create } : {}),
        };
        const base = kind === 'dlq' ? withoutDlqEdges(state.graph, algorithmId) : state.graph;
        const withNode = { ...base, nodes: [...base.nodes, node] };
        const proposed =
          kind === 'subscribe'
            ? { source: id, target: algorithmId }
            : { source: algorithmId, target: id, ...(kind === 'dlq' ? { sourceHandle: handles.dlq } : {}) };
        const check = canConnect(withNode, proposed);
        if (!check.ok) {
          set({ refusal: { code: check.code, reason: check.reason } });
          return check;
        }
        const edge: FlowEdge = { id: freshId('e', new Set(base.edges.map((e) => e.id))), kind: check.kind, source: proposed.source, target: proposed.target };
        // The algorithm stays selected: the person may want to add its next topic from here.
        commit({ ...withNode, edges: [...withNode.edges, edge] }, { selection: { nodeIds: new Set([algorithmId]), edgeIds: new Set() } });
        return check;
      },

      setBindingStatus(bindings) {
        if (get().bindingStatus === bindings) return;
        set({ bindingStatus: bindings, liveStatus: bindings ? layOutStatus(get().graph, bindings, get().bindingHistory ?? []) : null });
      },

      setBindingHistory(histories) {
        const { bindingHistory, bindingStatus, graph } = get();
        if (bindingHistory === histories) return;
        set({ bindingHistory: histories, liveStatus: bindingStatus ? layOutStatus(graph, bindingStatus, histories ?? []) : null });
      },

      setDrift(drift) {
        if (get().drift === drift) return;
        set({ drift, driftMarks: drift ? layOutDrift(get().graph, drift) : null });
      },

      setAlerts(alerts) {
        if (get().alerts === alerts) return;
        set({ alerts, alertMarks: alerts ? layOutAlerts(get().graph, alerts) : null });
      },

      takeLiveValue(drift) {
        const state = get();
        if (state.readOnly) return;
        commit(takeLiveValue(state.graph, drift));
      },

      setReadOnly(readOnly) {
        if (get().readOnly === readOnly) return;
        set({ readOnly });
      },

      setCatalog(catalog) {
        const state = get();
        if (state.catalog === catalog) return;
        set({ catalog, ...documentState(state.graph, { ...state, catalog }) });
      },

      setRefusal(refusal) {
        if (get().refusal !== refusal) set({ refusal });
      },

      requestTopic(request) {
        const state = get();
        if (state.readOnly) return;
        if (request && state.nodesById.get(request.algorithmId)?.kind !== 'algorithm') return;
        set(request ? { topicRequest: request, selection: { nodeIds: new Set([request.algorithmId]), edgeIds: new Set() } } : { topicRequest: null });
      },

      deleteElements(nodeIds, edgeIds) {
        const state = get();
        if (state.readOnly) return;
        const removed = new Set(nodeIds);
        commit(withoutGroupMembers(removeElements(state.graph, removed, new Set(edgeIds)), removed));
      },

      deleteSelection() {
        const { selection } = get();
        actions.deleteElements(selection.nodeIds, selection.edgeIds);
      },

      updateAlgorithm(id, patch) {
        const state = get();
        if (state.readOnly) return;
        commit(updateNode(state.graph, id, 'algorithm', patch));
      },

      updateTopic(id, patch) {
        const state = get();
        if (state.readOnly) return;
        commit(updateNode(state.graph, id, 'topic', patch));
      },

      setAlgorithmDlq(algorithmId, topicId) {
        const state = get();
        if (state.readOnly) return undefined;
        const without = withoutDlqEdges(state.graph, algorithmId);
        if (topicId === null) {
          commit(without);
          return undefined;
        }
        const check = canConnect(without, { source: algorithmId, target: topicId, sourceHandle: handles.dlq });
        if (!check.ok) {
          set({ refusal: { code: check.code, reason: check.reason } });
          return check;
        }
        const id = freshId('e', new Set(without.edges.map((e) => e.id)));
        commit({ ...without, edges: [...without.edges, { id, kind: 'dlq', source: algorithmId, target: topicId }] });
        return check;
      },

      setSubscriptionDlq(edgeId, topicId) {
        const state = get();
        if (state.readOnly) return;
        commit(setSubscriptionDlq(state.graph, edgeId, topicId ?? undefined));
      },

      setBindingVersion(edgeId, version) {
        const state = get();
        if (state.readOnly) return;
        commit(setBindingVersion(state.graph, edgeId, version ?? undefined));
      },

      setSubscriptionRetry(edgeId, retry) {
        const state = get();
        if (state.readOnly) return;
        commit(setSubscriptionRetry(state.graph, edgeId, retry ?? undefined));
      },

      select(selection) {
        const state = get();
        // A part that did not change keeps its set: the canvas maps the document's edges (or nodes)
        // to React Flow's again only when their part of the selection is a new set, and React Flow
        // then re-indexes all of them (7,500 edges at the product's limit, for one node clicked).
        const nodeIds = sameOrNewSet(selection.nodeIds, state.selection.nodeIds);
        const edgeIds = sameOrNewSet(selection.edgeIds, state.selection.edgeIds);
        if (nodeIds === state.selection.nodeIds && edgeIds === state.selection.edgeIds) return;
        // A new topic asked for from an algorithm's handle is dropped once the algorithm is no longer selected.
        const topicRequest = state.topicRequest && nodeIds.has(state.topicRequest.algorithmId) ? state.topicRequest : null;
        set({ selection: pruneSelection({ nodeIds, edgeIds }, state.nodesById, state.graph), topicRequest });
      },

      selectAll() {
        const shown = shownGraph(get());
        const hidden = collapsedMembers(shown);
        actions.select({
          nodeIds: shown.nodes.filter((n) => !hidden.has(n.id)).map((n) => n.id),
          // An edge of a hidden node is drawn as its group's, which cannot be selected.
          edgeIds: shown.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target)).map((e) => e.id),
        });
      },

      copySelection() {
        const state = get();
        if (state.selection.nodeIds.size === 0) return;
        set({ clipboard: copyFragment(state.graph, state.selection.nodeIds) });
      },

      paste() {
        const state = get();
        if (state.readOnly || !state.clipboard || state.clipboard.nodes.length === 0) return;
        const shift = clearShift(state.graph.nodes, state.clipboard.nodes, pasteOffset);
        const pasted = pasteFragment(state.graph, state.clipboard, shift);
        // The next paste starts from this copy, like repeated pastes in drawing tools.
        const clipboard: GraphFragment = {
          nodes: state.clipboard.nodes.map((n) => ({ ...n, position: { x: n.position.x + shift.x, y: n.position.y + shift.y } })),
          edges: state.clipboard.edges,
        };
        commit(pasted.graph, {
          selection: { nodeIds: new Set(pasted.nodeIds), edgeIds: new Set(pasted.edgeIds) },
          clipboard,
        });
      },

      undo() {
        const state = get();
        const previous = state.past.at(-1);
        if (state.readOnly || !previous) return;
        gestureOrigin = null;
        set({
          ...documentState(previous, state),
          past: state.past.slice(0, -1),
          future: [...state.future, state.graph],
          refusal: null,
        });
      },

      redo() {
        const state = get();
        const next = state.future.at(-1);
        if (state.readOnly || !next) return;
        gestureOrigin = null;
        set({
          ...documentState(next, state),
          past: withPast(state.graph),
          future: state.future.slice(0, -1),
          refusal: null,
        });
      },
    };

    return {
      flowId: init.flowId,
      graph: init.graph,
      catalog: init.catalog,
      actor: init.actor,
      readOnly: init.readOnly,
      nodesById: indexNodes(init.graph),
      ...deriveDocument(init.graph, init.catalog, init.actor, init.flowId),
      selection: emptySelection,
      viewCollapsed: new Map(),
      past: [],
      future: [],
      clipboard: null,
      refusal: null,
      topicRequest: null,
      bindingStatus: init.bindingStatus ?? null,
      bindingHistory: init.bindingHistory ?? null,
      liveStatus: init.bindingStatus ? layOutStatus(init.graph, init.bindingStatus, init.bindingHistory ?? []) : null,
      drift: init.drift ?? null,
      driftMarks: init.drift ? layOutDrift(init.graph, init.drift) : null,
      alerts: init.alerts ?? null,
      alertMarks: init.alerts ? layOutAlerts(init.graph, init.alerts) : null,
      actions,
    };
  });
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/** `current` when `ids` holds exactly its ids, else a new set of `ids`. */
function sameOrNewSet(ids: Iterable<string> | undefined, current: ReadonlySet<string>): ReadonlySet<string> {
  const next = new Set(ids ?? []);
  return sameSet(next, current) ? current : next;
}

/** The selection without ids that are no longer in the graph. */
function pruneSelection(selection: EditorSelection, nodesById: ReadonlyMap<string, FlowNode>, graph: FlowGraph): EditorSelection {
  if (selection.nodeIds.size === 0 && selection.edgeIds.size === 0) return selection;
  const nodeIds = [...selection.nodeIds].filter((id) => nodesById.has(id));
  const edgeIdSet = new Set(graph.edges.map((e) => e.id));
  const edgeIds = [...selection.edgeIds].filter((id) => edgeIdSet.has(id));
  if (nodeIds.length === selection.nodeIds.size && edgeIds.length === selection.edgeIds.size) return selection;
  return { nodeIds: new Set(nodeIds), edgeIds: new Set(edgeIds) };
}
