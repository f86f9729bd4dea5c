import { useConnection } from '@xyflow/react';
import { useMemo } from 'react';
import { useEditorStore } from '../store/index.ts';
import { checkDrawnConnection } from './connectionCheck.ts';

/**
 * Says, while a connection is drawn, what releasing it would do or why the model refuses it; after
 * a refused release it keeps showing the reason until the next change.
 */
export function ConnectionStatus() {
  const graph = useEditorStore((s) => s.graph);
  const refusal = useEditorStore((s) => s.refusal);
  const connection = useConnection();
  const fromNodeId = connection.inProgress ? connection.fromNode.id : null;
  const fromHandleId = connection.inProgress ? (connection.fromHandle.id ?? null) : null;
  const fromHandleType = connection.inProgress ? connection.fromHandle.type : null;
  const toNodeId = connection.inProgress ? (connection.toNode?.id ?? null) : null;
  const toHandleId = connection.inProgress ? (connection.toHandle?.id ?? null) : null;
  const toHandleType = connection.inProgress ? (connection.toHandle?.type ?? null) : null;
  const live = useMemo(() => {
    if (fromNodeId === null || fromHandleType === null || toNodeId === null) return null;
    return checkDrawnConnection(graph, { fromNodeId, fromHandleId, fromHandleType, toNodeId, toHandleId, toHandleType });
  }, [graph, fromNodeId, fromHandleId, fromHandleType, toNodeId, toHandleId, toHandleType]);

  let text = '';
  let refused = false;
  if (live) {
    refused = !live.ok;
    text = live.ok ? `Release to add a ${live.kind === 'dlq' ? 'dead-letter' : live.kind} edge.` : live.reason;
  } else if (connection.inProgress) {
    text = 'Drop on an input handle to connect.';
  } else if (refusal) {
    refused = true;
    text = `Connection refused: ${refusal.reason}`;
  }
  return (
    <div className="efs-connection-status" role="status" aria-live="polite" data-refused={refused} hidden={text === ''}>
      {text}
    </div>
  );
}
