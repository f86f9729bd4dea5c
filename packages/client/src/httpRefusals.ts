import { apiLimits, sizeOf } from '@event-flows/model';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

type ErrorKey = keyof typeof TRPC_ERROR_CODES_BY_KEY;

/**
 * Wraps `fetch` so that an HTTP refusal the API did not word itself (413 from the HTTP edge, 408,
 * 429, a proxy's 502 page) reaches the caller as a tRPC error carrying a sentence. Without it tRPC
 * says "Unable to transform response from server" for any body that is not a tRPC error.
 */
export function withRefusalSentences(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.ok) return response;
    const text = await response.clone().text();
    const body = parsed(text);
    if (isTrpcError(body)) return response;
    const key = errorKeyFor(response.status);
    const message = refusalSentence(response.status, requestBytes(init?.body), serverMessage(body));
    const error = { message, code: TRPC_ERROR_CODES_BY_KEY[key], data: { code: key, httpStatus: response.status } };
    return new Response(JSON.stringify({ error }), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}

/**
 * What an HTTP refusal means, as a sentence: the request's size against the server's limit for 413,
 * the time limit for 408, the server's own sentence where it sent one.
 */
export function refusalSentence(status: number, bytes: number | undefined, said: string | undefined): string {
  switch (status) {
    case 413: {
      const limit = said ? /(\d+) bytes/.exec(said)?.[1] : undefined;
      if (bytes !== undefined && limit) return `The request is ${sizeOf(bytes)}; the server takes at most ${sizeOf(Number(limit))} at once.`;
      if (bytes !== undefined) return `The request is ${sizeOf(bytes)}, more than the server takes at once.`;
      if (limit) return `The request is larger than the ${sizeOf(Number(limit))} the server takes at once.`;
      return 'The request is larger than the server takes at once.';
    }
    case 408:
      return `The server stopped waiting after ${apiLimits.requestTimeoutMs / 1_000} seconds for the request to arrive. Check the connection and try again.`;
    case 429:
      return said ?? 'Too many requests at once. Wait a moment and try again.';
    default:
      if (status >= 500) return `The server could not answer (HTTP ${status}). Try again in a moment.`;
      return said ?? `The server refused the request (HTTP ${status}).`;
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A body tRPC reads as an error: one error response, or a batch of responses. */
function isTrpcError(body: unknown): boolean {
  const one = (item: unknown) => typeof item === 'object' && item !== null && ('result' in item || typeof (item as { error?: { code?: unknown } }).error?.code === 'number');
  return Array.isArray(body) ? body.length > 0 && body.every(one) : one(body);
}

/** The sentence in a non-tRPC JSON refusal (`{ error: { message } }`), if it is plain text. */
function serverMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' && message.length <= apiLimits.errorMessage && !/[[{]/.test(message) ? message : undefined;
}

function requestBytes(body: BodyInit | null | undefined): number | undefined {
  if (typeof body === 'string') return new TextEncoder().encode(body).length;
  if (body instanceof Blob) return body.size;
  if (body instanceof ArrayBuffer) return body.byteLength;
  return undefined;
}

function errorKeyFor(status: number): ErrorKey {
  const byStatus: Record<number, ErrorKey> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 408: 'TIMEOUT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'TOO_MANY_REQUESTS' };
  return byStatus[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
}
