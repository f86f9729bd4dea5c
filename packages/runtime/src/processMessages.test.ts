import { describe, expect, it } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import type { SubscribeBinding } from '@event-flows/model';
import { ProcessingFailure } from './failures.ts';
import { createBuiltinInvoker } from './invokers/builtinInvoker.ts';
import { Limiter, processMessages, type ProcessContext } from './processMessages.ts';
import { headerNames, traceOf, tracePrefix } from './records.ts';

const binding: SubscribeBinding = {
  flowId: 'f',
  algorithm: 'test/record',
  connection: 'local',
  topic: 'in',
  direction: 'subscribe',
  version: '1.0.0',
  principal: 'User:eventflows.test.record',
  consumerGroup: 'g',
  dlq: { connection: 'local', topic: 'dlq' },
  outputs: [{ connection: 'local', topic: 'out' }],
  retry: { maxAttempts: 3, backoffMs: 1 },
  concurrency: 4,
  ordering: 'key',
  timeoutMs: 1_000,
};

function message(offset: number, key: string, body: unknown): KafkaMessage {
  return { key: Buffer.from(key), value: Buffer.from(JSON.stringify(body)), timestamp: '1000', attributes: 0, offset: String(offset), headers: {} } as KafkaMessage;
}

/** Builtin algorithms written for these tests: they record the order of calls and how many run at once. */
function recordingContext(b: SubscribeBinding, behaviour: (input: { id: number }) => unknown = (input) => input) {
  const started: number[] = [];
  let active = 0;
  let most = 0;
  const invoker = createBuiltinInvoker({
    'test/record': async (input) => {
      const body = input as { id: number; wait: number };
      started.push(body.id);
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, body.wait));
      active--;
      return behaviour(body);
    },
  });
  const context: ProcessContext = { binding: b, outputs: b.outputs, partition: 0, tracePrefix: tracePrefix(b), invoker, limiter: new Limiter(b.concurrency), signal: new AbortController().signal };
  return { context, started, most: () => most };
}

describe('processMessages', () => {
  it('with ordering by key, runs keys at once (bounded by concurrency) and each key in order', async () => {
    const { context, started, most } = recordingContext(binding);
    const messages = Array.from({ length: 24 }, (_, i) => message(i, `k${i % 6}`, { id: i, wait: (i * 7) % 5 }));
    const outcomes = await processMessages(messages, context);
    expect(outcomes.map((o) => o.message.offset)).toEqual(messages.map((m) => m.offset));
    expect(outcomes.every((o) => o.kind === 'done' && o.records.length === 1)).toBe(true);
    expect(most()).toBe(4);
    for (let k = 0; k < 6; k++) {
      const ids = started.filter((id) => id % 6 === k);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });

  it('with ordering by partition, runs one message at a time in offset order', async () => {
    const { context, started, most } = recordingContext({ ...binding, ordering: 'partition' });
    const messages = Array.from({ length: 8 }, (_, i) => message(i, `k${i}`, { id: i, wait: 8 - i }));
    await processMessages(messages, context);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most()).toBe(1);
  });

  it('retries transient failures up to the limit, dead-letters the rest, and halts without a DLQ', async () => {
    let calls = 0;
    const { context } = recordingContext(binding, (input) => {
      calls++;
      if (input.id === 1) throw new ProcessingFailure('busy', 'transient', 'invoke', 'http-503');
      return input;
    });
    const outcomes = await processMessages([message(0, 'a', { id: 0, wait: 0 }), message(1, 'b', { id: 1, wait: 0 })], context);
    expect(outcomes.map((o) => o.kind)).toEqual(['done', 'dlq']);
    expect(outcomes[1]?.attempts).toBe(3);
    expect(calls).toBe(4);
    expect(outcomes[1]?.records[0]?.message.headers).toMatchObject({ 'eventflows.error.class': 'transient', 'eventflows.error.attempts': '3' });

    const halting = recordingContext({ ...binding, dlq: null, ordering: 'partition' }, (input) => {
      if (input.id === 1) throw new Error('bad');
      return input;
    });
    const cut = await processMessages([0, 1, 2].map((i) => message(i, 'a', { id: i, wait: 0 })), halting.context);
    expect(cut.map((o) => o.kind)).toEqual(['done', 'halt']);
    expect(halting.started).toEqual([0, 1]);
  });

  it('writes on each output and DLQ record the attempts and the time its call took, and makes up no trace for an input without one', async () => {
    const { context } = recordingContext(binding, (input) => {
      if (input.id === 1) throw new ProcessingFailure('busy', 'transient', 'invoke', 'http-503');
      return input;
    });
    const traced = { ...context, traceContext: true };
    const [published, dead] = await processMessages([message(0, 'a', { id: 0, wait: 30 }), message(1, 'b', { id: 1, wait: 0 })], traced);
    const output = published?.records[0]?.message.headers;
    const trace = traceOf(output);
    expect(trace).toMatchObject({ topic: 'in', partition: 0, offset: '0', attempts: 1 });
    // The call waited 30 ms; a timer may fire a little early, so only most of it is asked for.
    expect(trace?.durationMs).toBeGreaterThanOrEqual(25);
    expect(output?.traceparent).toBeUndefined();
    const letter = dead?.records[0]?.message.headers;
    expect(letter?.[headerNames.errorAttempts]).toBe('3');
    expect(Number(letter?.[headerNames.durationMs])).toBeGreaterThanOrEqual(0);
    expect(letter?.traceparent).toBeUndefined();
  });
});
