import type { Binding } from '@event-flows/model';
import type { BindingStatus } from '@event-flows/runtime';

/** What runs enabled bindings: the runtime in this process, or what stands for worker processes. */
export interface BindingReconciler {
  /** Makes the running consumers match exactly these enabled bindings. */
  reconcile(bindings: readonly Binding[]): Promise<void>;
}

/** Where the server hands enabled bindings so that they run (the runtime, in process or in workers). */
export interface RuntimeLink {
  /**
   * Hands the runtime every enabled binding the database holds. Hand-offs take turns and each reads
   * the bindings in its own turn, so the last one sees every binding committed before it was asked
   * for. Resolves to the bindings handed on.
   */
  handOff(): Promise<readonly Binding[]>;
}

/** Live binding statuses, for `runtime.status` and the status stream. */
export interface StatusFeed {
  current(): Promise<BindingStatus[]>;
  subscribe(listener: (statuses: BindingStatus[]) => void): () => void;
}
