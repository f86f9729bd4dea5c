import type { FlowNode } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { firstFreeSpot, nodeSize } from './nodeGeometry.ts';

const topic = (id: string, x: number, y: number): FlowNode => ({ id, kind: 'topic', position: { x, y }, connection: 'local', topic: id });

describe('the first free spot for a new node', () => {
  it('is the spot asked for when nothing is there', () => {
    expect(firstFreeSpot([topic('far', 1_000, 1_000)], { x: 0, y: 0 }, 'topic')).toEqual({ x: 0, y: 0 });
  });

  it('moves down past the nodes that cover the spot, so added nodes do not pile up', () => {
    const nodes = [topic('a', 0, 0), topic('b', 10, nodeSize.topic.height + 30)];
    const spot = firstFreeSpot(nodes, { x: 0, y: 0 }, 'topic');
    expect(spot.x).toBe(0);
    expect(spot.y).toBeGreaterThanOrEqual(nodeSize.topic.height * 2 + 30);
    expect(firstFreeSpot([...nodes, { ...topic('c', 0, 0), position: spot }], spot, 'topic')).not.toEqual(spot);
  });
});
