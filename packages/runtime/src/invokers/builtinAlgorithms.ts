import type { BuiltinAlgorithm } from './builtinInvoker.ts';

function record(input: unknown, algorithm: string): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error(`${algorithm} expects a JSON object`);
  }
  return input as Record<string, unknown>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The demo algorithms shipped for standalone mode (the pipeline of the model's fixtures) and a few
 * that tests and benchmarks use:
 * - `acme/classify`: an order `{ amount: number, ... }` → the order with `class` (`large` above 1,000, else `small`);
 *   an order without a numeric amount is an algorithm error.
 * - `acme/enrich`: a classified order → the order with `priority` (`high` for large orders, else `normal`).
 * - `acme/alert`: an enriched order → an alert for high-priority orders, nothing for others.
 * - `demo/echo`: returns its input unchanged (the no-op of the benchmark).
 * - `demo/void`: returns nothing (publishes nothing).
 * - `demo/fail-on`: returns its input, but throws when the input has a truthy `fail` field.
 * - `demo/slow`: returns its input after `sleepMs` (from the input, default 1,000 ms).
 */
export const builtinAlgorithms: Readonly<Record<string, BuiltinAlgorithm>> = {
  'acme/classify': (input) => {
    const order = record(input, 'acme/classify');
    if (typeof order.amount !== 'number') throw new Error('acme/classify expects a numeric amount');
    return { ...order, class: order.amount > 1_000 ? 'large' : 'small' };
  },
  'acme/enrich': (input) => {
    const order = record(input, 'acme/enrich');
    if (typeof order.class !== 'string') throw new Error('acme/enrich expects a classified order');
    return { ...order, priority: order.class === 'large' ? 'high' : 'normal' };
  },
  'acme/alert': (input) => {
    const order = record(input, 'acme/alert');
    if (typeof order.priority !== 'string') throw new Error('acme/alert expects an enriched order');
    return order.priority === 'high' ? { alert: 'large order', order } : null;
  },
  'demo/echo': (input, _context, raw) => (raw.contentType === 'json' ? input : raw.contentType === 'text' ? input : raw.bytes),
  'demo/void': () => null,
  'demo/fail-on': (input) => {
    if (input !== null && typeof input === 'object' && (input as Record<string, unknown>).fail) {
      throw new Error('demo/fail-on was asked to fail');
    }
    return input;
  },
  'demo/slow': async (input, context) => {
    const ms = input !== null && typeof input === 'object' ? Number((input as Record<string, unknown>).sleepMs ?? 1_000) : 1_000;
    await sleep(ms, context.signal);
    return input;
  },
};
