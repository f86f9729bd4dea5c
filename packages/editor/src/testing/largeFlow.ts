import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import { lowDetailMinNodes } from '../canvas/detailLevel.ts';

/**
 * For component tests of low detail: the demo pipeline among enough other topics to make a flow
 * large enough for it, half in a block above the pipeline, half below, so the whole flow's centre
 * (where the zoom buttons zoom) is the pipeline's. `groups`, if given, are the flow's groups.
 */
export function largeFlow(groups?: FlowGraph['groups']): FlowGraph {
  const pipeline = pipelineGraph();
  const others: FlowGraph['nodes'] = [];
  for (let i = 0; i < lowDetailMinNodes; i++) {
    const block = i % 2 === 0 ? -2400 : 800;
    const place = Math.floor(i / 2);
    const position = { x: (place % 10) * 224, y: block + Math.floor(place / 10) * 200 };
    others.push({ id: `t-far-${i}`, kind: 'topic', position, connection: 'local', topic: 'orders' });
  }
  return { nodes: [...pipeline.nodes, ...others], edges: pipeline.edges, ...(groups ? { groups } : {}) };
}
