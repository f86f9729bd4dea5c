import { ProcessingFailure, asFailure } from '../failures.ts';
import type { AlgorithmInput, AlgorithmOutput, Invocation, Invoker } from './invoker.ts';

/** What a builtin algorithm is told besides its input. */
export interface BuiltinContext {
  readonly algorithm: string;
  readonly version: string;
  readonly signal: AbortSignal;
}

/**
 * An in-process algorithm: receives the decoded input value (JSON value, string or bytes) and returns
 * a result (`null`/`undefined` publishes nothing; a string is published as text, bytes as binary,
 * anything else as JSON). Throwing is an algorithm error (permanent) unless it throws a
 * `TransientAlgorithmError`.
 */
export type BuiltinAlgorithm = (input: unknown, context: BuiltinContext, raw: AlgorithmInput) => unknown;

/** An {@link Invoker} of in-process algorithms by `org/name`. */
export interface BuiltinInvoker extends Invoker {
  /** Whether an algorithm of that name is built in. */
  has(algorithm: string): boolean;
}

function outputOf(result: unknown): AlgorithmOutput {
  if (result === null || result === undefined) return { contentType: 'void', value: null };
  if (typeof result === 'string') return { contentType: 'text', value: result };
  if (Buffer.isBuffer(result)) return { contentType: 'binary', value: result };
  return { contentType: 'json', value: result };
}

/**
 * Runs builtin algorithms in process. The binding's time-out applies as for a remote algorithm: a
 * result later than `timeoutMs` is a transient `timeout` failure (the late result is dropped).
 */
export function createBuiltinInvoker(algorithms: Readonly<Record<string, BuiltinAlgorithm>>): BuiltinInvoker {
  const table = new Map(Object.entries(algorithms));
  return {
    has: (algorithm) => table.has(algorithm),
    async invoke(invocation: Invocation): Promise<AlgorithmOutput> {
      const algorithm = table.get(invocation.algorithm);
      if (!algorithm) throw new ProcessingFailure(`no builtin algorithm ${invocation.algorithm}`, 'permanent', 'invoke', 'unknown-algorithm');
      const context = { algorithm: invocation.algorithm, version: invocation.version, signal: invocation.signal };
      let result: unknown;
      try {
        result = algorithm(invocation.input.value, context, invocation.input);
      } catch (error) {
        throw asFailure(error);
      }
      // Synchronous algorithms (the common case) skip the timer entirely.
      if (!(result instanceof Promise)) return outputOf(result);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new ProcessingFailure(`no result within ${invocation.timeoutMs} ms`, 'transient', 'invoke', 'timeout')),
          invocation.timeoutMs,
        );
      });
      try {
        return outputOf(await Promise.race([result, timeout]));
      } catch (error) {
        throw asFailure(error);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

