import { describe, expect, it } from 'vitest';
import { pipelineGraph } from './fixtures.ts';
import { durationText, FollowRequest, messagePathOnGraph, type MessagePath, type PathRecord } from './follow.ts';

const at = (topic: string, offset: string): PathRecord => ({ connection: 'local', topic, partition: 0, offset, timestamp: '1700000000000', key: 'o-1' });

describe('messagePathOnGraph', () => {
  it('lays a path on the nodes and edges it went along, with durations and output positions as labels', () => {
    const path: MessagePath = {
      input: at('orders', '4'),
      calls: [
        { stage: 1, algorithm: 'acme/classify', version: '1.2.0', input: at('orders', '4'), outcome: 'published', durationMs: 12, attempts: 1, outputs: [at('orders.classified', '7')] },
        {
          stage: 2,
          algorithm: 'acme/enrich',
          version: '1.0.0',
          input: at('orders.classified', '7'),
          outcome: 'dead-lettered',
          durationMs: 1_460,
          attempts: 3,
          outputs: [],
          deadLetter: { ...at('orders.dlq', '2'), error: { class: 'transient' } },
        },
      ],
      scanned: 40,
      notes: [],
    };
    const onGraph = messagePathOnGraph(pipelineGraph(), path);
    expect([...onGraph.nodeIds].sort()).toEqual(['a-classify', 'a-enrich', 't-classified', 't-dlq', 't-orders']);
    expect(Object.fromEntries(onGraph.edges)).toEqual({ e1: '12 ms', e2: '0/7', e4: '1.5 s', e6: '0/2' });
  });

  it('labels a call not processed yet, and leaves out what the graph no longer has', () => {
    const path: MessagePath = {
      input: at('orders', '4'),
      calls: [{ stage: 1, algorithm: 'acme/gone', version: '1', input: at('orders', '4'), outcome: 'pending', outputs: [] }, { stage: 1, algorithm: 'acme/classify', version: '1', input: at('orders', '4'), outcome: 'pending', outputs: [] }],
      scanned: 1,
      notes: [],
    };
    expect(Object.fromEntries(messagePathOnGraph(pipelineGraph(), path).edges)).toEqual({ e1: 'not processed yet' });
    expect(durationText(0.4)).toBe('< 1 ms');
    expect(durationText(42_000)).toBe('42 s');
  });
});

describe('FollowRequest', () => {
  it('takes a record by position or by key, with bounds, and refuses anything else with a sentence', () => {
    expect(FollowRequest.parse({ flowId: 'f', topic: 'orders', partition: 0, offset: '3' })).toMatchObject({ maxStages: 8, maxRecords: 20_000 });
    expect(FollowRequest.safeParse({ flowId: 'f', topic: 'orders', key: 'o-1' }).success).toBe(true);
    const refusal = (input: unknown) => FollowRequest.safeParse(input).error?.issues[0]?.message;
    expect(refusal({ flowId: 'f', topic: 'orders', partition: 0 })).toBe('Name the record to follow by partition and offset, or by key (not both).');
    expect(refusal({ flowId: 'f', topic: 'orders' })).toBe('Name the record to follow by partition and offset, or by key (not both).');
    expect(refusal({ flowId: 'f', topic: 'orders', key: 'k', maxStages: 17 })).toBe('A follow walks at most 16 stages');
  });
});
