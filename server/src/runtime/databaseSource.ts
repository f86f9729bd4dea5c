import type { BindingSource } from '@event-flows/runtime';
import type { Db } from '../db/db.ts';
import { bindingsChannel, listBindings } from '../store/deployState.ts';

/**
 * The enabled bindings as worker processes see them: the `bindings` table, with changes announced by
 * the server's NOTIFY on `eventflows_bindings` (the worker also re-reads every few seconds, in case a
 * notification was missed while it reconnected).
 */
export function databaseBindingSource(db: Db, log: (line: string) => void = () => undefined): BindingSource {
  return {
    load: () => listBindings(db),
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
