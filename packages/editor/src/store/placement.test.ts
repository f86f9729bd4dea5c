import type { FlowNode } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { nodeSize } from '../canvas/nodeGeometry.ts';
import { clearShift, firstFreeSpot, freeSpotInView, placeNewNode } from './placement.ts';

const topic = (id: string, x: number, y: number): FlowNode => ({ id, kind: 'topic', position: { x, y }, connection: 'local', topic: id });

/** Whether two nodes' boxes overlap. */
function overlap(a: FlowNode, b: FlowNode): boolean {
  const sa = nodeSize[a.kind];
  const sb = nodeSize[b.kind];
  return (
    a.position.x < b.position.x + sb.width &&
    b.position.x < a.position.x + sa.width &&
    a.position.y < b.position.y + sb.height &&
    b.position.y < a.position.y + sa.height
  );
}

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

describe('placing a node added from the palette', () => {
  const view = { x: -100, y: -50, width: 900, height: 500 };

  it('fills the view row by row: ten nodes in a row of adds all lie in view and none covers another', () => {
    const nodes: FlowNode[] = [topic('there', 0, 0)];
    for (let i = 0; i < 10; i++) nodes.push({ ...topic(`t${i}`, 0, 0), position: placeNewNode(nodes, 'topic', new Set(), view) });
    for (const [i, a] of nodes.entries()) {
      expect(a.position.x).toBeGreaterThanOrEqual(view.x);
      expect(a.position.y).toBeGreaterThanOrEqual(view.y);
      expect(a.position.x + nodeSize.topic.width).toBeLessThanOrEqual(view.x + view.width);
      expect(a.position.y + nodeSize.topic.height).toBeLessThanOrEqual(view.y + view.height);
      for (const b of nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} and ${b.id}`).toBe(false);
    }
  });

  it('goes below the view, still free, when the view is full', () => {
    const small = { x: 0, y: 0, width: 250, height: 100 };
    const nodes = [topic('full', 20, 20)];
    const spot = freeSpotInView(nodes, 'topic', small);
    expect(overlap({ ...topic('new', 0, 0), position: spot }, nodes[0] as FlowNode)).toBe(false);
  });

  it('goes right of the selection, level with its top', () => {
    const nodes = [topic('a', 0, 0), topic('b', 0, 200), topic('c', 600, 600)];
    const spot = placeNewNode(nodes, 'algorithm', new Set(['a', 'b']), view);
    expect(spot.y).toBe(0);
    expect(spot.x).toBeGreaterThan(nodeSize.topic.width);
  });
});

describe('the shift of pasted copies', () => {
  it('is the step when that lands clear, and a multiple of it when the step would cover a node', () => {
    expect(clearShift([topic('far', 1_000, 1_000)], [topic('a', 0, 0)], { x: 40, y: 40 })).toEqual({ x: 40, y: 40 });
    const original = topic('a', 0, 0);
    const shift = clearShift([original], [original], { x: 40, y: 40 });
    expect(shift.x % 40).toBe(0);
    expect(shift.x).toBe(shift.y);
    expect(overlap(original, { ...original, position: shift })).toBe(false);
  });
});
