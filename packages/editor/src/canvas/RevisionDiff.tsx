import { diffMarks, type DiffMarks, type FlowGraph, type FlowNode } from '@event-flows/model';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useEditorStore } from '../store/index.ts';
import { FlowElementCache, type FlowEdgeView, type FlowNodeView } from './flowElements.ts';
import { withRevisionDiff } from './revisionDiffElements.ts';

/** A revision whose changes against the document the canvas shows, and how to stop showing them. */
export interface RevisionDiffSource {
  /** How the revision is named on the canvas: "revision 3". */
  label: string;
  /** The revision's graph. */
  graph: FlowGraph;
  /** Called by the legend's "Hide changes". */
  onHide: () => void;
}

/** A shown revision diff: its source, the model's marks against the document, and its removed nodes by id. */
export interface ShownRevisionDiff {
  source: RevisionDiffSource;
  marks: DiffMarks;
  removedNodes: ReadonlyMap<string, FlowNode>;
}

const RevisionDiffContext = createContext<ShownRevisionDiff | null>(null);

/** Shows `source`'s changes on the canvas inside it (none with `null`), kept up to date as the document changes. */
export function RevisionDiffProvider({ source, children }: { source: RevisionDiffSource | null; children: ReactNode }) {
  const graph = useEditorStore((s) => s.graph);
  const shown = useMemo(() => {
    if (!source) return null;
    const marks = diffMarks(source.graph, graph);
    return { source, marks, removedNodes: new Map(marks.removedNodes.map((n) => [n.id, n])) };
  }, [source, graph]);
  return <RevisionDiffContext value={shown}>{children}</RevisionDiffContext>;
}

/** The revision diff the canvas shows, or `null`. */
export function useRevisionDiff(): ShownRevisionDiff | null {
  return useContext(RevisionDiffContext);
}

/** The canvas's elements with the shown revision diff laid over them (the same arrays when none is shown). */
export function useRevisionDiffElements(elements: { nodes: FlowNodeView[]; edges: FlowEdgeView[] }): { nodes: FlowNodeView[]; edges: FlowEdgeView[] } {
  const shown = useRevisionDiff();
  const [cache] = useState(() => new FlowElementCache());
  const { nodes, edges } = elements;
  return useMemo(() => (shown ? withRevisionDiff({ nodes, edges }, shown.marks, shown.source.label, cache) : { nodes, edges }), [nodes, edges, shown, cache]);
}
