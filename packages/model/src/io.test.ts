import { describe, expect, it } from 'vitest';
import { pipelineGraph } from './fixtures.ts';
import { exportFlow, flowDocumentFormat, importFlow, type FlowDocument } from './io.ts';

const document: FlowDocument = {
  format: flowDocumentFormat,
  name: 'Order pipeline',
  description: 'ingest → classify → enrich → alert\nwith "quotes", yes/no and 1.0 lookalikes',
  graph: {
    ...pipelineGraph(),
    viewport: { x: -12.5, y: 0.1, zoom: 0.75 },
  },
};
document.graph.nodes[0] = { ...(document.graph.nodes[0] as Extract<FlowDocument['graph']['nodes'][number], { kind: 'topic' }>), create: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '86400000', 'cleanup.policy': 'compact' } } };

describe('import and export', () => {
  it.each(['json', 'yaml'] as const)('round-trips exactly through %s', (format) => {
    const text = exportFlow(document, format);
    expect(importFlow(text)).toEqual({ ok: true, document });
  });

  it('writes YAML a person can read', () => {
    const text = exportFlow(document, 'yaml');
    expect(text).toMatch(/^format: event-flows-studio\/flow@1$/m);
    expect(text).toMatch(/kind: subscribe/);
  });

  it('refuses unparsable text, the wrong format and invalid graphs with reasons', () => {
    expect(importFlow('{ not json')).toMatchObject({ ok: false });
    expect(importFlow('a: [unclosed')).toMatchObject({ ok: false });
    const wrongFormat = importFlow(JSON.stringify({ ...document, format: 'other' }));
    expect(wrongFormat.ok).toBe(false);
    if (!wrongFormat.ok) expect(wrongFormat.errors.join()).toMatch(/format/);
    const badGraph = importFlow(JSON.stringify({ ...document, graph: { nodes: [{}], edges: [] } }));
    expect(badGraph.ok).toBe(false);
  });

  it('refuses alias bombs and oversized text without exhausting memory', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    expect(importFlow(bomb.join('\n'))).toMatchObject({ ok: false });
    expect(importFlow(' '.repeat(20_000_001))).toMatchObject({ ok: false });
  });

  it('refuses __proto__ keys', () => {
    const text = JSON.stringify(document).replace('"name":', '"__proto__":{"x":1},"name":');
    expect(importFlow(text)).toMatchObject({ ok: false });
  });
});
