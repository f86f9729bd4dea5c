import http from 'node:http';
import https from 'node:https';
import { retryDefaults } from '@event-flows/model';
import { ProcessingFailure } from '../failures.ts';
import type { AlgorithmOutput, Invocation, Invoker } from './invoker.ts';

/** How to reach the platform's algorithm API. */
export interface HttpInvokerOptions {
  /** The API's base URL, e.g. `https://api.algorithmia.example` (no trailing `/v1`). */
  readonly apiUrl: string;
  /** The API key, sent as `Authorization: Simple <key>`. */
  readonly apiKey: string;
  /** Most connections kept open to the API (default 64). */
  readonly maxSockets?: number;
  /** Largest input accepted by the platform (default 10 MB). */
  readonly maxInputBytes?: number;
  /** Largest response accepted by the platform (default 15 MB). */
  readonly maxOutputBytes?: number;
}

const requestContentType = { json: 'application/json', text: 'application/text', binary: 'application/octet-stream' } as const;

interface ApiBody {
  result?: unknown;
  metadata?: { content_type?: string };
  error?: { message?: unknown };
}

function failure(message: string, transient: boolean, reason: string, retryAfterMs?: number, httpStatus?: number): ProcessingFailure {
  return new ProcessingFailure(message, transient ? 'transient' : 'permanent', 'invoke', reason, retryAfterMs, httpStatus);
}

/**
 * A `Retry-After` header's wait in milliseconds from `now`: delay-seconds (`120`) or an HTTP-date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`; a date past is no wait); `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Invokes algorithms through the platform's algorithm API: `POST {api}/v1/algo/{owner}/{name}/{version}`
 * with `Authorization: Simple <key>`, the input as JSON, text or bytes, over a keep-alive connection pool.
 * The response `{ result, metadata }` or `{ error }` is read whatever the status. Time-outs, connection
 * errors and the invocation's transient statuses (by default 408, 429, 500, 502, 503, 504) are
 * transient, a 429's or 503's `Retry-After` carried with the failure; other 4xx and 5xx, algorithm
 * errors, unreadable responses and the platform's size limits (10 MB in, 15 MB out) are permanent.
 */
export function createHttpInvoker(options: HttpInvokerOptions): Invoker {
  const base = new URL(options.apiUrl.replace(/\/+$/, '') + '/');
  const secure = base.protocol === 'https:';
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, maxFreeSockets: options.maxSockets ?? 64 };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const maxInput = options.maxInputBytes ?? 10 * 1024 * 1024;
  const maxOutput = options.maxOutputBytes ?? 15 * 1024 * 1024;
  const authorization = `Simple ${options.apiKey}`;

  function invoke(invocation: Invocation): Promise<AlgorithmOutput> {
    const { input } = invocation;
    if (input.bytes.length > maxInput) {
      return Promise.reject(failure(`the input is ${input.bytes.length} bytes, over the platform's limit of ${maxInput}`, false, 'input-too-large'));
    }
    const [owner, name] = invocation.algorithm.split('/');
    const path = `${base.pathname}v1/algo/${encodeURIComponent(owner ?? '')}/${encodeURIComponent(name ?? '')}/${encodeURIComponent(invocation.version)}`;
    return new Promise<AlgorithmOutput>((resolve, reject) => {
      let settled = false;
      const settle = (error: ProcessingFailure | undefined, output?: AlgorithmOutput): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        invocation.signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(output as AlgorithmOutput);
      };
      const request = (secure ? https : http).request(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          method: 'POST',
          path,
          agent,
          headers: {
            authorization,
            'content-type': requestContentType[input.contentType],
            'content-length': input.bytes.length,
            accept: 'application/json',
            // The algorithm's call is part of the input record's trace (W3C Trace Context).
            ...(invocation.traceparent ? { traceparent: invocation.traceparent } : {}),
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxOutput) {
              settle(failure(`the response is over the platform's limit of ${maxOutput} bytes`, false, 'output-too-large'));
              request.destroy();
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', (error) => settle(failure(`reading the response failed: ${error.message}`, true, 'connection')));
          response.on('end', () => {
            if (settled) return;
            try {
              const retryAfter = status === 429 || status === 503 ? parseRetryAfter(response.headers['retry-after']) : undefined;
              settle(undefined, interpret(status, Buffer.concat(chunks), invocation.transientStatuses ?? retryDefaults.transientStatuses, retryAfter));
            } catch (error) {
              settle(error as ProcessingFailure);
            }
          });
        },
      );
      const timer = setTimeout(() => {
        settle(failure(`no response within ${invocation.timeoutMs} ms`, true, 'timeout'));
        request.destroy();
      }, invocation.timeoutMs);
      const onAbort = (): void => {
        settle(failure('the runtime stopped', true, 'aborted'));
        request.destroy();
      };
      invocation.signal.addEventListener('abort', onAbort);
      request.on('error', (error) => settle(failure(`calling the algorithm API failed: ${error.message}`, true, 'connection')));
      request.end(input.bytes);
    });
  }

  return {
    invoke,
    async close() {
      agent.destroy();
    },
  };
}

/** Reads the API's answer (throws a {@link ProcessingFailure}): a transient status fails as such, then the body decides. */
function interpret(status: number, body: Buffer, transientStatuses: readonly number[], retryAfterMs: number | undefined): AlgorithmOutput {
  const transientStatus = transientStatuses.includes(status);
  let parsed: ApiBody | undefined;
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    if (value !== null && typeof value === 'object') parsed = value as ApiBody;
  } catch {
    parsed = undefined;
  }
  const apiMessage = parsed?.error ? String(parsed.error.message ?? 'the algorithm failed') : undefined;
  if (transientStatus) {
    throw failure(`the algorithm API answered ${status}${apiMessage ? `: ${apiMessage}` : ''}`, true, `http-${status}`, retryAfterMs, status);
  }
  // A server error not listed as transient is the algorithm's or the platform's fault for good.
  if (status >= 500) throw failure(`the algorithm API answered ${status}${apiMessage ? `: ${apiMessage}` : ''}`, false, `http-${status}`, undefined, status);
  if (apiMessage !== undefined) throw failure(apiMessage, false, status >= 400 ? `http-${status}` : 'algorithm-error', undefined, status);
  if (status < 200 || status >= 300 || !parsed || !('result' in parsed)) {
    throw failure(`the algorithm API answered ${status} without a result`, false, status >= 400 ? `http-${status}` : 'bad-response', undefined, status);
  }
  const kind = parsed.metadata?.content_type ?? 'json';
  if (kind === 'void') return { contentType: 'void', value: null, httpStatus: status };
  if (kind === 'text') return { contentType: 'text', value: String(parsed.result), httpStatus: status };
  if (kind === 'binary') return { contentType: 'binary', value: Buffer.from(String(parsed.result), 'base64'), httpStatus: status };
  return { contentType: 'json', value: parsed.result, httpStatus: status };
}
