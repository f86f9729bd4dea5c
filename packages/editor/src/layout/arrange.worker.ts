import { arrangeLayout } from './arrangeLayout.ts';
import type { ArrangeAnswer, ArrangeAsk } from './arrangeProtocol.ts';

/*
 * The arrange worker: lays a flow out off the main thread, so the page stays responsive however long
 * a large flow takes. One worker per "Arrange"; the editor terminates it to cancel.
 */
/** The worker's global scope, as far as this file uses it (the editor's types are the page's, not a worker's). */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ArrangeAsk>) => void) | null;
  postMessage(answer: ArrangeAnswer): void;
};

// Assigned, not added: ELK's bundle sets its own `onmessage` when it finds itself in a worker, and
// this handler must be the only one.
scope.onmessage = async (event: MessageEvent<ArrangeAsk>) => {
  const started = performance.now();
  let answer: ArrangeAnswer;
  try {
    answer = { ok: true, places: await arrangeLayout(event.data.request), workerMs: performance.now() - started };
  } catch (error) {
    answer = { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(answer);
};
