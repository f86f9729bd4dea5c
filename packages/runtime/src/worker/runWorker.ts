import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime.ts';
import type { BindingSource } from './bindingSource.ts';

/** A worker process's runtime, fed by a binding source. */
export interface Worker {
  readonly runtime: Runtime;
  /** Stops following the source and closes the runtime (draining in-flight work). */
  stop(): Promise<void>;
}

/**
 * Runs a runtime that follows `source`: reconciles with its bindings at start and after every change
 * (and every `resyncMs`, default 10 s, in case a notification was missed). A source that fails to load
 * leaves the running bindings as they are. With `handleSignals` (default true), SIGTERM and SIGINT drain
 * in-flight work, commit, leave the groups and exit the process with status 0.
 */
export async function runWorker(
  source: BindingSource,
  options: RuntimeOptions & { resyncMs?: number; handleSignals?: boolean },
): Promise<Worker> {
  const log = options.log ?? (() => {});
  const runtime = createRuntime(options);
  let pending: Promise<void> | undefined;
  let again = false;
  const sync = (): Promise<void> => {
    if (pending) {
      again = true;
      return pending;
    }
    pending = (async () => {
      do {
        again = false;
        try {
          await runtime.reconcile(await source.load());
          await source.acknowledge?.();
        } catch (error) {
          log(`worker: could not load the bindings (${error instanceof Error ? error.message : String(error)}); keeping the running ones`);
        }
      } while (again);
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  await sync();
  const unsubscribe = source.subscribe(() => void sync());
  const resync = setInterval(() => void sync(), options.resyncMs ?? 10_000);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      unsubscribe();
      clearInterval(resync);
      await pending;
      await runtime.close({ drain: true });
    })());
  if (options.handleSignals ?? true) {
    const onSignal = (signal: string): void => {
      log(`worker: ${signal}, draining`);
      void stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { runtime, stop };
}
