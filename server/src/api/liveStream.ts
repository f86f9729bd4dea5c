import { TRPCError } from '@trpc/server';
import { maxStreamsPerUser, type EventHub } from '../events.ts';
import type { User } from '../identity/identity.ts';

/**
 * Admits one more live stream for the user, or refuses it with a sentence (TOO_MANY_REQUESTS) when the
 * user or the server holds as many as it may. Call the returned release when the stream ends.
 */
export function admitStream(events: EventHub, user: User): () => void {
  const admitted = events.admitStream(user.id);
  if (admitted === 'user-limit') {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `You already have ${maxStreamsPerUser} live streams open, the most one user may; close studio tabs you no longer use and try again.` });
  }
  if (admitted === 'server-limit') {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'The server holds as many live streams as it can just now; try again in a minute.' });
  }
  return admitted;
}

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
