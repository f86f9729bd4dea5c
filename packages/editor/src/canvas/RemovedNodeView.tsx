import { Handle, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditorStore } from '../store/index.ts';
import type { FlowNodeView } from './flowElements.ts';
import { KindLine } from './NodeLabels.tsx';
import { nodeHandles } from './nodeGeometry.ts';
import { useRevisionDiff } from './RevisionDiff.tsx';

/**
 * The ghost of a node an earlier revision had and the document no longer has, drawn at its old place
 * while that revision's changes are shown: dashed, marked "−", and not editable (its handles only
 * anchor the removed edges).
 */
export const RemovedNodeView = memo(function RemovedNodeView({ id }: NodeProps<FlowNodeView>) {
  const node = useRevisionDiff()?.removedNodes.get(id);
  const connection = useEditorStore((s) => (node?.kind === 'topic' ? (s.catalog.connections.find((c) => c.id === node.connection)?.name ?? node.connection) : ''));
  if (!node) return null;
  const kindLine = node.kind === 'algorithm' ? `Algorithm · v ${node.version}` : `Topic · ${connection}`;
  const title = node.kind === 'algorithm' ? node.algorithm : node.topic;
  return (
    <div className={`efs-node efs-node--${node.kind} efs-node--removed`}>
      {nodeHandles[node.kind].map((h) => (
        <Handle key={h.id} id={h.id} type={h.type} position={h.position} isConnectable={false} className="efs-handle efs-handle--removed" />
      ))}
      <span className="efs-diff-badge" aria-hidden="true">
        −
      </span>
      <KindLine text={kindLine} />
      <div className="efs-node__title" title={title}>
        {title}
      </div>
      <div className="efs-node__meta">
        <span>removed</span>
      </div>
    </div>
  );
});
