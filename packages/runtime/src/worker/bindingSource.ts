import { readFile } from 'node:fs/promises';
import { Binding } from '@event-flows/model';

/**
 * Where a worker process reads the enabled bindings from. The server plugs in its database source
 * (the `bindings` table, changes announced on PostgreSQL channel `eventflows_bindings`); tests use
 * {@link fileBindingSource}.
 */
export interface BindingSource {
  /** All enabled bindings now. */
  load(): Promise<Binding[]>;
  /** Calls `onChange` (soon) after the bindings may have changed; returns the unsubscribe. */
  subscribe(onChange: () => void): () => void;
  /**
   * Called once the running consumers match what the last `load` returned (new ones started, changed
   * ones updated, removed ones stopped and out of their groups), so the source can tell whoever waits.
   */
  acknowledge?(): Promise<void>;
}

/**
 * A binding source backed by a JSON file holding an array of bindings, polled every `pollMs`
 * (default 500 ms). A missing file means no bindings; a file that does not parse or validate is
 * refused (load rejects), so a half-written file never stops running bindings.
 */
export function fileBindingSource(path: string, pollMs = 500): BindingSource {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return Binding.array().parse(JSON.parse(text));
    },
    subscribe(onChange) {
      let last: string | undefined;
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        readFile(path, 'utf8')
          .catch(() => '')
          .then((text) => {
            if (last !== undefined && text !== last) onChange();
            last = text;
          })
          .finally(() => {
            busy = false;
          });
      }, pollMs);
      return () => clearInterval(timer);
    },
  };
}
