import { demoCatalog, generateFlow, pipelineGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { searchHits } from './searchHits.ts';

describe('searchHits', () => {
  const find = (query: string) => searchHits(pipelineGraph(), demoCatalog(), query);

  it('finds algorithms and topics by any part of their name, in any case, in document order', () => {
    expect(find('ENRICH')).toEqual(['a-enrich', 't-enriched']);
    expect(find('acme/al')).toEqual(['a-alert']);
    expect(find('orders.')).toEqual(['t-classified', 't-enriched', 't-dlq']);
  });

  it('finds the topics of a connection by its name', () => {
    expect(find('local kafka')).toEqual(['t-orders', 't-classified', 't-enriched', 't-alerts', 't-dlq']);
  });

  it('finds nothing for a blank query or a name no node has', () => {
    expect(find('   ')).toEqual([]);
    expect(find('globex')).toEqual([]);
  });

  it('searches 5,000 nodes', () => {
    const flow = generateFlow(5_000);
    expect(searchHits(flow.graph, flow.catalog, 'algo-2499')).toEqual(['a2499']);
  });
});
