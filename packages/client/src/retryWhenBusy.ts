import { TRPCClientError } from '@trpc/client';

/** How many times a query the server refused as busy is asked again. */
const busyRetries = 5;

/**
 * TanStack Query's `retry` for the studio's queries: a query the server refused as too busy
 * (TOO_MANY_REQUESTS: the person has as many expensive calls running as they may) is asked again a
 * few times; any other failure is shown at once.
 */
export function retryWhenBusy(failures: number, error: unknown): boolean {
  return failures < busyRetries && error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === 'TOO_MANY_REQUESTS';
}

/** TanStack Query's `retryDelay` to go with {@link retryWhenBusy}: 1, 2, 4, then 8 s, with jitter so retries spread out. */
export function busyRetryDelay(failures: number): number {
  return Math.min(1_000 * 2 ** failures, 8_000) * (0.75 + Math.random() * 0.5);
}
