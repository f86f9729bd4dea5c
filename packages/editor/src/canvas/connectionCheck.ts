import { canConnect, type ConnectCheck, type FlowGraph } from '@event-flows/model';

/** A connection as React Flow reports it while it is drawn: from the handle it started at. */
export interface DrawnConnection {
  fromNodeId: string;
  fromHandleId: string | null;
  fromHandleType: 'source' | 'target';
  toNodeId: string;
  toHandleId: string | null;
  toHandleType: 'source' | 'target' | null;
}

/** The answer when both handles are inputs or both outputs, which no edge can join. */
export const wrongHandles: Extract<ConnectCheck, { ok: false }> = {
  ok: false,
  code: 'unknown-node',
  reason: 'Connect an output handle to an input handle.',
};

/**
 * Checks a connection being drawn with the model's `canConnect`, whichever end it was started
 * from: a drag may start at an input and end at an output.
 */
export function checkDrawnConnection(graph: FlowGraph, drawn: DrawnConnection): ConnectCheck {
  if (drawn.toHandleType !== null && drawn.toHandleType === drawn.fromHandleType) return wrongHandles;
  const fromSource = drawn.fromHandleType === 'source';
  return canConnect(graph, {
    source: fromSource ? drawn.fromNodeId : drawn.toNodeId,
    target: fromSource ? drawn.toNodeId : drawn.fromNodeId,
    sourceHandle: fromSource ? drawn.fromHandleId : drawn.toHandleId,
  });
}
