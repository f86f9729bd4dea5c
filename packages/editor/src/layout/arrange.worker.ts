import { arrangeLayout } from './arrangeLayout.ts';
import type { ArrangeAnswer, ArrangeAsk } from './arrangeProtocol.ts';
import { defaultSpacing } from './layoutSpacing.ts';

/*
 * The arrange worker: lays a flow out off the main thread, so the page stays responsive however long
 * a large flow takes, and says how far it has got as it goes. One worker per "Arrange"; the editor
 * terminates it to cancel.
 */
/** The worker's global scope, as far as this file uses it (the editor's types are the page's, not a worker's). */
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ArrangeAsk>) => void) | null;
  postMessage(answer: ArrangeAnswer): void;
};

scope.onmessage = (event: MessageEvent<ArrangeAsk>) => {
  const started = performance.now();
  let answer: ArrangeAnswer;
  try {
    const places = arrangeLayout(event.data.request, defaultSpacing, (share) => scope.postMessage({ kind: 'progress', share }));
    answer = { kind: 'placed', places, workerMs: performance.now() - started };
  } catch (error) {
    answer = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(answer);
};
