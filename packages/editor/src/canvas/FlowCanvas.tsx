import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  useStoreApi,
  type ColorMode,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type FinalConnectionState,
  type ReactFlowState,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
  type Viewport,
} from '@xyflow/react';
import { handles, type FlowEdge } from '@event-flows/model';
import { useCallback, useLayoutEffect, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { useFindView } from '../find/index.ts';
import { CollapsedGroupView, GroupFrameView } from '../groups/index.ts';
import { collapsedMembers, shownGraph, useEditorActions, useEditorStore, useEditorStoreApi, type NodeMove } from '../store/index.ts';
import { AlgorithmNodeView } from './AlgorithmNodeView.tsx';
import { TopicNodeView } from './TopicNodeView.tsx';
import { checkDrawnConnection, wrongHandles } from './connectionCheck.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { DetailLevelContext, useCanvasDetailLevel } from './DetailLevel.tsx';
import { EmptyCanvasHint } from './EmptyCanvasHint.tsx';
import { FarDrawing } from './FarDrawing.tsx';
import { nodeAt } from './farDrawing.ts';
import { FlowMiniMap } from './FlowMiniMap.tsx';
import { DlqEdgeLook, PublishEdgeLook, SubscribeEdgeLook } from './FlowEdgeLook.tsx';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';
import { nodeDropMimeType, readDroppedNode } from './nodeDrop.ts';
import { nodeSize } from './nodeGeometry.ts';
import { openingViewport } from './openingViewport.ts';
import { RemovedNodeView } from './RemovedNodeView.tsx';
import { useMessagePathElements } from './MessagePathOverlay.tsx';
import { useRevisionDiffElements } from './RevisionDiff.tsx';
import { useFarBoxSelection } from './useFarBoxSelection.ts';
import { useFlowElements } from './useFlowElements.ts';
import { useFocusedNodeId } from './useFocusedNodeId.ts';
import { useKeepOpeningView } from './useKeepOpeningView.ts';

/** The edge a new topic gets when a line drawn from an algorithm's handle is let go on the empty canvas. */
const topicEdgeKinds: Readonly<Record<string, FlowEdge['kind']>> = { [handles.subscribe]: 'subscribe', [handles.publish]: 'publish', [handles.dlq]: 'dlq' };

// Declared once: new objects on each render would make React Flow re-create every node.
const nodeTypes = {
  algorithm: AlgorithmNodeView,
  topic: TopicNodeView,
  removed: RemovedNodeView,
  collapsedGroup: CollapsedGroupView,
  groupFrame: GroupFrameView,
} satisfies NodeTypes;
const edgeTypes = { subscribe: SubscribeEdgeLook, publish: PublishEdgeLook, dlq: DlqEdgeLook } satisfies EdgeTypes;
/** What React Flow's store takes to measure nodes again: their elements by id. */
type NodeUpdates = Parameters<ReactFlowState<FlowNodeView, FlowEdgeView>['updateNodeInternals']>[0];

/**
 * How far out the canvas zooms: far enough that "fit view" shows a flow of the product's 5,000-node
 * limit whole, also as the tall layout "Arrange" makes of it.
 */
const minZoom = 0.01;

/** Props of {@link FlowCanvas}. */
export interface FlowCanvasProps {
  /** React Flow's own colour mode, matching the editor's theme. */
  colorMode?: ColorMode;
  /** Rendered inside React Flow, for panels of other features (for example the arrange command). */
  children?: ReactNode;
}

/**
 * The React Flow canvas of the editor: draws the store's document, turns drags, connections,
 * selection and drops from the palette into store actions, and refuses connections the model's
 * `canConnect` refuses, saying why; dims what focus mode leaves out. Must be inside an
 * `EditorProvider`, a `FindProvider` and a `ReactFlowProvider`.
 */
export function FlowCanvas({ colorMode = 'light', children }: FlowCanvasProps) {
  const store = useEditorStoreApi();
  const actions = useEditorActions();
  const readOnly = useEditorStore((s) => s.readOnly);
  const detail = useCanvasDetailLevel();
  // In low detail, the node under the pointer is handed to React Flow, to be clicked and dragged.
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const focusedId = useFocusedNodeId(canvasRef);
  const farBox = useFarBoxSelection();
  const { nodes, edges, className } = useFindView(useMessagePathElements(useRevisionDiffElements(useFlowElements(detail === 'low' ? { hoveredId, focusedId } : undefined))));
  const flow = useStoreApi<FlowNodeView, FlowEdgeView>();
  const drewLowDetail = useRef(false);
  useLayoutEffect(() => {
    if (detail === 'low') drewLowDetail.current = true;
    if (detail === 'low' || !drewLowDetail.current || !canvasRef.current) return;
    // React Flow measured the nodes it mounted in low detail without handles: the ones on the canvas
    // are measured again, now with their handles, before this frame is painted (React Flow's own
    // useUpdateNodeInternals waits a frame, which would show the nodes a frame without their edges).
    const updates: NodeUpdates = new Map();
    for (const element of canvasRef.current.querySelectorAll<HTMLDivElement>('.react-flow__node')) {
      const id = element.dataset.id;
      if (id) updates.set(id, { id, nodeElement: element, force: true });
    }
    flow.getState().updateNodeInternals(updates);
  }, [detail, flow]);
  const { screenToFlowPosition } = useReactFlow();
  // A large flow opens at a readable zoom on its start rather than as an illegible (and slow) whole.
  // When even the whole window could not show it legibly, that is decided without measuring the
  // canvas; otherwise the canvas is measured before the first paint, then React Flow mounts already
  // at the right place.
  const [opening, setOpening] = useState<Viewport | null>(() => {
    const inWindow = openingViewport(store.getState().graph.nodes, { width: window.innerWidth, height: window.innerHeight });
    return inWindow.whole ? null : inWindow.viewport;
  });
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (opening || !canvas) return;
    setOpening(openingViewport(store.getState().graph.nodes, { width: canvas.clientWidth, height: canvas.clientHeight }).viewport);
  }, [opening, store]);
  useKeepOpeningView(canvasRef, opening);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNodeView>[]) => {
      const moves: NodeMove[] = [];
      let dragging = false;
      let moved = false;
      let selection: Set<string> | undefined;
      for (const change of changes) {
        if (change.type === 'position') {
          moved = true;
          dragging ||= change.dragging === true;
          if (change.position) moves.push({ id: change.id, position: change.position });
        } else if (change.type === 'select') {
          selection ??= new Set(store.getState().selection.nodeIds);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (moved) actions.moveNodes(moves, { dragging });
      if (selection) actions.select({ nodeIds: selection, edgeIds: store.getState().selection.edgeIds });
    },
    [actions, store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdgeView>[]) => {
      let selection: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(store.getState().selection.edgeIds);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection) actions.select({ nodeIds: store.getState().selection.nodeIds, edgeIds: selection });
    },
    [actions, store],
  );

  const isValidConnection = useCallback<IsValidConnection<FlowEdgeView>>(
    (connection) =>
      checkDrawnConnection(store.getState().graph, {
        fromNodeId: connection.source,
        fromHandleId: connection.sourceHandle ?? null,
        fromHandleType: 'source',
        toNodeId: connection.target,
        toHandleId: connection.targetHandle ?? null,
        toHandleType: 'target',
      }).ok,
    [store],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      actions.connect({ source: connection.source, target: connection.target, sourceHandle: connection.sourceHandle });
    },
    [actions],
  );

  const onConnectStart = useCallback(() => actions.setRefusal(null), [actions]);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.fromHandle) return;
      if (!state.toNode) {
        // Let go on the empty canvas: a line from an algorithm's handle asks for a new topic there.
        const kind = topicEdgeKinds[state.fromHandle.id ?? ''];
        if (readOnly || !kind || state.fromNode.type !== 'algorithm') return;
        const point = 'changedTouches' in event ? event.changedTouches[0] : event;
        if (!point) return;
        const at = screenToFlowPosition({ x: point.clientX, y: point.clientY });
        const size = nodeSize.topic;
        actions.requestTopic({ algorithmId: state.fromNode.id, kind, position: { x: at.x - size.width / 2, y: at.y - size.height / 2 } });
        return;
      }
      const check = checkDrawnConnection(store.getState().graph, {
        fromNodeId: state.fromNode.id,
        fromHandleId: state.fromHandle.id ?? null,
        fromHandleType: state.fromHandle.type,
        toNodeId: state.toNode.id,
        toHandleId: state.toHandle?.id ?? null,
        toHandleType: state.toHandle?.type ?? null,
      });
      const refusal = check.ok ? wrongHandles : check;
      actions.setRefusal({ code: refusal.code, reason: refusal.reason });
    },
    [actions, store, readOnly, screenToFlowPosition],
  );

  const onPaneMouseMove = useCallback(
    (event: ReactMouseEvent) => {
      // A pressed button is a pan under way: the pointer stays over the same flow point, and every
      // node need not be searched on each of its steps.
      if (event.buttons !== 0) return;
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      setHoveredId(nodeAt(store.getState().graph.nodes, at, collapsedMembers(shownGraph(store.getState())))?.id ?? null);
    },
    [screenToFlowPosition, store],
  );

  // A click that reached the pane past the node under it (a touch, or a pointer faster than the
  // canvas) selects that node alone, as a click on it does.
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      const hit = nodeAt(store.getState().graph.nodes, screenToFlowPosition({ x: event.clientX, y: event.clientY }), collapsedMembers(shownGraph(store.getState())));
      if (hit) actions.select({ nodeIds: new Set([hit.id]), edgeIds: new Set() });
    },
    [actions, screenToFlowPosition, store],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (readOnly || !event.dataTransfer.types.includes(nodeDropMimeType)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [readOnly],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const node = readDroppedNode(event.dataTransfer);
      if (!node) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const size = nodeSize[node.kind];
      actions.addNode(node, { x: at.x - size.width / 2, y: at.y - size.height / 2 });
    },
    [actions, screenToFlowPosition],
  );

  return (
    <div className="efs-canvas" data-detail={detail} ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop}>
      {opening ? (
        <DetailLevelContext value={detail}>
          <ReactFlow<FlowNodeView, FlowEdgeView>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onPaneMouseMove={detail === 'low' ? onPaneMouseMove : undefined}
            onPaneClick={detail === 'low' ? onPaneClick : undefined}
            onSelectionStart={detail === 'low' ? farBox.onSelectionStart : undefined}
            onSelectionEnd={detail === 'low' ? farBox.onSelectionEnd : undefined}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectStart={onConnectStart}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            deleteKeyCode={null}
            colorMode={colorMode}
            onlyRenderVisibleElements
            defaultViewport={opening}
            minZoom={minZoom}
            aria-label="Flow canvas"
            className={className}
          >
            {/* Far out, the background's dots fall under a pixel apart: a costly grey haze, left out. */}
            {detail === 'low' ? <FarDrawing colorMode={colorMode} /> : <Background />}
            <FlowMiniMap colorMode={colorMode} ariaLabel="Mini map" />
            <Controls showInteractive={false} aria-label="Zoom controls" />
            {children}
          </ReactFlow>
        </DetailLevelContext>
      ) : null}
      <EmptyCanvasHint />
      <ConnectionStatus />
    </div>
  );
}
