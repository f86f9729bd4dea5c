import type { ArrangeAnswer, ArrangeAsk } from './arrangeProtocol.ts';
import type { LayoutPlace, LayoutRequest } from './layoutRequest.ts';

/** How one arrange ended: placed, cancelled by the person, or failed (with a sentence). */
export type ArrangeOutcome =
  | { status: 'placed'; places: LayoutPlace[]; workerMs: number }
  | { status: 'cancelled' }
  | { status: 'failed'; reason: string };

/** One arrange running in its own worker. */
export interface ArrangeJob {
  /** Settles once, when the worker answers, fails, or the job is cancelled. */
  outcome: Promise<ArrangeOutcome>;
  /** Stops the worker at once; the outcome becomes `cancelled` unless it had already settled. */
  cancel(): void;
}

/**
 * Starts arranging `request` in a new Web Worker, off the main thread; `onProgress` is told now and
 * then what share of the layout is done (0 to 1). The worker is terminated when the job settles, so
 * a cancelled layout stops using the CPU at once.
 */
export function startArrange(request: LayoutRequest, onProgress: (share: number) => void = () => {}): ArrangeJob {
  // The `new Worker(new URL(…, import.meta.url))` form is what Vite bundles as a worker chunk, in the
  // app, the plugin's builds and Storybook alike.
  let worker: Worker;
  try {
    worker = new Worker(new URL('./arrange.worker.ts', import.meta.url), { type: 'module', name: 'arrange' });
  } catch (error) {
    // A page may refuse workers (its CSP, or a plugin served from another origin than the page).
    const reason = error instanceof Error ? error.message : String(error);
    return { outcome: Promise.resolve({ status: 'failed', reason }), cancel: () => {} };
  }
  let settled = false;
  let settle: (outcome: ArrangeOutcome) => void = () => {};
  const outcome = new Promise<ArrangeOutcome>((resolve) => {
    settle = (result) => {
      worker.terminate();
      settled = true;
      settle = () => {};
      resolve(result);
    };
  });
  worker.onmessage = (event: MessageEvent<ArrangeAnswer>) => {
    const answer = event.data;
    switch (answer.kind) {
      case 'progress':
        if (!settled) onProgress(answer.share);
        return;
      case 'placed':
        return settle({ status: 'placed', places: answer.places, workerMs: answer.workerMs });
      case 'failed':
        return settle({ status: 'failed', reason: answer.reason });
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({ status: 'failed', reason: event.message || 'The layout could not start.' });
  };
  const ask: ArrangeAsk = { request };
  worker.postMessage(ask);
  return { outcome, cancel: () => settle({ status: 'cancelled' }) };
}
