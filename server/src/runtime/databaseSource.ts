import type { BindingSource } from '@event-flows/runtime';
import type { Db } from '../db/db.ts';
import { bindingsChannel, bindingsVersion, listBindings } from '../store/deployState.ts';
import { acknowledgeBindings } from '../store/runtimeWorkers.ts';

/**
 * The enabled bindings as worker processes see them: the `bindings` table, with changes announced by
 * the server's NOTIFY on `eventflows_bindings` (the worker also re-reads every few seconds, in case a
 * notification was missed while it reconnected). With `workerId`, each set applied is acknowledged in
 * `runtime_workers` by the bindings version read before it, so a server can wait for the workers to stop
 * bindings before it removes their ACLs.
 */
export function databaseBindingSource(db: Db, log: (line: string) => void = () => undefined, workerId?: string): BindingSource {
  let loadedVersion = -1;
  return {
    async load() {
      // The version first: the bindings read after it include at least every change it counts.
      const version = await bindingsVersion(db);
      const bindings = await listBindings(db);
      loadedVersion = version;
      return bindings;
    },
    async acknowledge() {
      if (workerId !== undefined) await acknowledgeBindings(db, workerId, loadedVersion);
    },
    subscribe(onChange) {
      let stop: (() => Promise<void>) | undefined;
      let stopped = false;
      db.listen(bindingsChannel, () => onChange())
        .then((unlisten) => {
          if (stopped) void unlisten();
          else stop = unlisten;
        })
        .catch((error: unknown) => log(`worker: cannot LISTEN on ${bindingsChannel} (${String(error)}); relying on periodic reloads`));
      return () => {
        stopped = true;
        void stop?.();
      };
    },
  };
}
