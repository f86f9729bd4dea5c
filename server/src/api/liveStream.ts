/**
 * The items that `subscribe` pushes, one after another in the order pushed, until `signal` aborts;
 * then it unsubscribes. Items pushed while the consumer is busy wait in a queue.
 */
export async function* pushed<T>(subscribe: (push: (item: T) => void) => () => void, signal: AbortSignal | undefined): AsyncGenerator<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = subscribe((item) => {
    queue.push(item);
    wake?.();
  });
  try {
    while (!signal?.aborted) {
      const item = queue.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  } finally {
    unsubscribe();
  }
}
