import { demoCatalog, generateFlow, pipelineGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { searchHits, searchIndex } from './searchHits.ts';

describe('searchHits', () => {
  const index = searchIndex(pipelineGraph(), demoCatalog());

  it('finds algorithms and topics by any part of their name, in any case, in document order', () => {
    expect(searchHits(index, 'ENRICH')).toEqual(['a-enrich', 't-enriched']);
    expect(searchHits(index, 'acme/al')).toEqual(['a-alert']);
    expect(searchHits(index, 'orders.')).toEqual(['t-classified', 't-enriched', 't-dlq']);
  });

  it('finds the topics of a connection by its name', () => {
    expect(searchHits(index, 'local kafka')).toEqual(['t-orders', 't-classified', 't-enriched', 't-alerts', 't-dlq']);
  });

  it('finds nothing for a blank query or a name no node has', () => {
    expect(searchHits(index, '   ')).toEqual([]);
    expect(searchHits(index, 'globex')).toEqual([]);
  });

  it('searches 5,000 nodes', () => {
    const flow = generateFlow(5_000);
    const large = searchIndex(flow.graph, flow.catalog);
    expect(searchHits(large, 'algo-2499')).toEqual(['a2499']);
  });
});
