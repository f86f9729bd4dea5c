import { messagePathOnGraph, type MessagePath, type PathOnGraph } from '@event-flows/model';
import { Panel, useReactFlow } from '@xyflow/react';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useEditorStore } from '../store/index.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';

/** A message's path the canvas shows, how it is named, and how to stop showing it. */
export interface MessagePathSource {
  /** How the followed record is named on the canvas: "orders 0/42". */
  label: string;
  path: MessagePath;
  /** Called by the legend's "Hide path". */
  onHide: () => void;
}

/** A shown path: its source and where it goes on the document's graph. */
export interface ShownMessagePath {
  source: MessagePathSource;
  onGraph: PathOnGraph;
}

const MessagePathContext = createContext<ShownMessagePath | null>(null);

/** Shows `source`'s path on the canvas inside it (none with `null`), kept up to date as the document changes. */
export function MessagePathProvider({ source, children }: { source: MessagePathSource | null; children: ReactNode }) {
  const graph = useEditorStore((s) => s.graph);
  const shown = useMemo(() => (source ? { source, onGraph: messagePathOnGraph(graph, source.path) } : null), [source, graph]);
  return <MessagePathContext value={shown}>{children}</MessagePathContext>;
}

/** The message path the canvas shows, or `null`. */
export function useMessagePath(): ShownMessagePath | null {
  return useContext(MessagePathContext);
}

/** The label a shown path gives edge `edgeId` (a call's duration, an output's position), if it goes along it. */
export function useMessagePathLabel(edgeId: string): string | undefined {
  return useContext(MessagePathContext)?.onGraph.edges.get(edgeId);
}

const on = (view: { className?: string | undefined; ariaLabel?: string | undefined; id: string }, className: string, words: string) => ({
  className: [view.className, className].filter(Boolean).join(' '),
  ariaLabel: `${view.ariaLabel ?? view.id}${words}`,
});

/**
 * The canvas's elements with a shown path laid over them: the nodes and edges it went along marked
 * (by class and in their accessible name, not by colour alone), the others dimmed. The same arrays
 * when no path is shown.
 */
export function useMessagePathElements(elements: { nodes: FlowNodeView[]; edges: FlowEdgeView[] }): { nodes: FlowNodeView[]; edges: FlowEdgeView[] } {
  const shown = useMessagePath();
  const { nodes, edges } = elements;
  return useMemo(() => {
    if (!shown) return { nodes, edges };
    const { nodeIds, edges: onPath } = shown.onGraph;
    return {
      nodes: nodes.map((n) => ({ ...n, ...(nodeIds.has(n.id) ? on(n, 'efs-path', ', on the followed message’s path') : on(n, 'efs-path-dim', '')) })) as FlowNodeView[],
      edges: edges.map((e) => ({ ...e, ...(onPath.has(e.id) ? on(e, 'efs-path', ', on the followed message’s path') : on(e, 'efs-path-dim', '')) })),
    };
  }, [nodes, edges, shown]);
}

/**
 * The key to a path shown on the canvas: which record it follows, and "Hide path"; the view moves to
 * show the whole path when a path is shown. Nothing while none is shown.
 */
export function MessagePathLegend() {
  const shown = useMessagePath();
  const { fitView } = useReactFlow();
  const nodeIds = shown?.onGraph.nodeIds;
  useEffect(() => {
    if (nodeIds && nodeIds.size > 0) void fitView({ nodes: [...nodeIds].map((id) => ({ id })), padding: 0.15, maxZoom: 1 });
  }, [nodeIds, fitView]);
  if (!shown) return null;
  const title = `Path of ${shown.source.label}`;
  return (
    <Panel position="bottom-center" className="efs-path-legend" role="region" aria-label={title}>
      <strong>{title}</strong>
      <button type="button" className="efs-canvas-button" onClick={shown.source.onHide}>
        Hide path
      </button>
    </Panel>
  );
}
