import { describe, expect, it } from 'vitest';
import { recordBytes } from './sendRecords.ts';

const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('recordBytes', () => {
  it('counts Buffer header values by their length and strings in UTF-8, repeated values each', () => {
    const traceparent = Buffer.from(valid);
    const base = recordBytes({ key: 'k', value: Buffer.from('{}') });
    expect(base).toBe(24 + 1 + 2);
    expect(recordBytes({ key: 'k', value: Buffer.from('{}'), headers: { traceparent } })).toBe(base + 'traceparent'.length + 55 + 4);
    expect(recordBytes({ key: 'k', value: Buffer.from('{}'), headers: { note: 'é', seen: ['a', Buffer.from('bc')] } })).toBe(base + (4 + 2 + 4) + (4 + 1 + 4) + (4 + 2 + 4));
  });
});
