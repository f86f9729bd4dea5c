import { describe, expect, it } from 'vitest';
import { traceContextOf, withTraceContext } from './traceContext.ts';

const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceContextOf', () => {
  it('accepts a W3C traceparent, as bytes or text, with its tracestate', () => {
    expect(traceContextOf({ traceparent: Buffer.from(valid) })?.traceparent).toBe(valid);
    expect(traceContextOf({ traceparent: valid, tracestate: 'a=1' })).toMatchObject({ traceparent: valid, tracestate: 'a=1' });
    // A later version may carry more fields after a dash.
    expect(traceContextOf({ traceparent: `01${valid.slice(2)}-more` })).toBeDefined();
  });

  it('refuses what W3C Trace Context refuses', () => {
    for (const bad of [
      'not-a-trace',
      valid.toUpperCase(),
      `ff${valid.slice(2)}`,
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`,
      `${valid}-more`,
      valid.slice(0, 54),
      valid.replace('-00f', '_00f'),
      `01${valid.slice(2)}x`,
      // U+0134 ends in the byte of '4': a character, not its low byte, is what counts.
      valid.replace('4bf9', '\u0134bf9'),
    ]) {
      expect(traceContextOf({ traceparent: bad }), bad).toBeUndefined();
    }
    expect(traceContextOf({})).toBeUndefined();
  });

  it('adds the input’s own header values to an output’s headers', () => {
    const raw = Buffer.from(valid);
    expect(withTraceContext({ 'eventflows.trace': 'x' }, traceContextOf({ traceparent: raw }))).toEqual({ 'eventflows.trace': 'x', traceparent: raw });
    expect(withTraceContext({ a: 'b' }, undefined)).toEqual({ a: 'b' });
  });
});
