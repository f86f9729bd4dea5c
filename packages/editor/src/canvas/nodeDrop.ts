import type { NewNode } from '../store/index.ts';

/** The MIME type under which a node dragged onto the canvas travels (see {@link writeDroppedNode}). */
export const nodeDropMimeType = 'application/x-event-flows-node';

/** Puts a node to add into a drag's data, for the canvas to read on drop. */
export function writeDroppedNode(data: DataTransfer, node: NewNode): void {
  data.setData(nodeDropMimeType, JSON.stringify(node));
  data.effectAllowed = 'copy';
}

/** Reads a dropped node out of a drop's data; `undefined` for anything else. */
export function readDroppedNode(data: DataTransfer | null): NewNode | undefined {
  const text = data?.getData(nodeDropMimeType);
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (v.kind === 'algorithm' && typeof v.algorithm === 'string' && typeof v.version === 'string') {
      return { kind: 'algorithm', algorithm: v.algorithm, version: v.version };
    }
    if (v.kind === 'topic' && typeof v.connection === 'string' && typeof v.topic === 'string') {
      return { kind: 'topic', connection: v.connection, topic: v.topic };
    }
  } catch {
    // Data from another application that only looks like ours: not a node.
  }
  return undefined;
}
