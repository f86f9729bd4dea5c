import { TRPCClientError } from '@trpc/client';

/**
 * The token typed into the plugin's own sign-in form, kept for the browser session (the tab, until it
 * closes) so that a reload does not sign the person out. One key per server: a token for one server
 * is never sent to another. Only used when the host gives no `getToken`.
 */
const keyOf = (apiUrl: string) => `event-flows-studio:token:${apiUrl}`;

/** The token kept for `apiUrl` in this browser session, if any. */
export function readSessionToken(apiUrl: string): string | null {
  try {
    return sessionStorage.getItem(keyOf(apiUrl));
  } catch {
    return null; // storage refused (a sandboxed frame, a privacy setting): sign in again after a reload
  }
}

/** Keeps `token` for `apiUrl` for the browser session, or forgets it (`null`). */
export function keepSessionToken(apiUrl: string, token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(keyOf(apiUrl));
    else sessionStorage.setItem(keyOf(apiUrl), token);
  } catch {
    // Storage refused: the token lives in memory only, as before.
  }
}

/** Whether a failed call was refused for its token (401): the person must sign in again. */
export function isTokenRefused(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: unknown } | undefined)?.code === 'UNAUTHORIZED';
}
