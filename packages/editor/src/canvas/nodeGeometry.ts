import { handles, type NodeKind } from '@event-flows/model';
import { Position, type NodeHandle } from '@xyflow/react';

/**
 * The size of each node kind and where its handles sit, declared up front so React Flow can draw
 * edges before it has measured anything (first paint of large flows). The CSS in `editor.css` draws
 * nodes and handles at exactly these places; a test checks that the two agree.
 */

/** The width and height of a node of each kind, in flow units. */
export const nodeSize: Record<NodeKind, { width: number; height: number }> = {
  algorithm: { width: 220, height: 84 },
  topic: { width: 200, height: 64 },
};

/** The side length of a handle's square, in flow units. */
export const handleSize = 12;

function handleAt(id: string, type: 'source' | 'target', position: Position, width: number, height: number): NodeHandle {
  const half = handleSize / 2;
  const place = {
    [Position.Left]: { x: -half, y: height / 2 - half },
    [Position.Right]: { x: width - half, y: height / 2 - half },
    [Position.Bottom]: { x: width / 2 - half, y: height - half },
    [Position.Top]: { x: width / 2 - half, y: -half },
  }[position];
  return { id, type, position, ...place, width: handleSize, height: handleSize };
}

const algorithm = nodeSize.algorithm;
const topic = nodeSize.topic;

/** The handles of each node kind, with the model's handle ids. */
export const nodeHandles: Record<NodeKind, NodeHandle[]> = {
  algorithm: [
    handleAt(handles.subscribe, 'target', Position.Left, algorithm.width, algorithm.height),
    handleAt(handles.publish, 'source', Position.Right, algorithm.width, algorithm.height),
    handleAt(handles.dlq, 'source', Position.Bottom, algorithm.width, algorithm.height),
  ],
  topic: [
    handleAt(handles.topicIn, 'target', Position.Left, topic.width, topic.height),
    handleAt(handles.topicOut, 'source', Position.Right, topic.width, topic.height),
  ],
};

/** Where the centre of each handle lies from its node's top-left corner, by node kind and handle id. */
export const handleCentres: Record<NodeKind, ReadonlyMap<string, { x: number; y: number }>> = {
  algorithm: new Map(nodeHandles.algorithm.map((h) => [h.id ?? '', { x: h.x + handleSize / 2, y: h.y + handleSize / 2 }])),
  topic: new Map(nodeHandles.topic.map((h) => [h.id ?? '', { x: h.x + handleSize / 2, y: h.y + handleSize / 2 }])),
};
