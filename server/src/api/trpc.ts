import { apiLimits } from '@event-flows/model';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { LockTimeoutError } from '../db/db.ts';
import { DomainError } from '../errors.ts';
import { KafkaLacksApi } from '../kafka/kafkaFailures.ts';
import { CallSlots } from './callSlots.ts';
import { orgAccessRefusal as orgRefusal } from '@event-flows/model';
import type { User } from '../identity/identity.ts';
import type { Context } from './context.ts';

const t = initTRPC.context<Context>().create({
  // Stacks never leave the server (the formatter drops them), so tRPC need not build them: with
  // source maps on, each cost milliseconds, and a refused batch has twenty.
  isDev: false,
  errorFormatter({ shape, error }) {
    const issues = error.cause instanceof ZodError ? error.cause.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: capped(i.message, 200) })) : undefined;
    // Internal errors keep their message out of responses: it may name internals; the log has it.
    const message =
      error.code === 'INTERNAL_SERVER_ERROR'
        ? 'Something went wrong on the server; it has been logged.'
        : error.cause instanceof ZodError
          ? invalidInput(error.cause)
          : capped(shape.message, apiLimits.errorMessage);
    const { stack: _stack, ...data } = shape.data;
    const missingGrants = error.cause instanceof DomainError ? error.cause.missingGrants : undefined;
    return { ...shape, message, data: { ...data, ...(issues ? { issues } : {}), ...(missingGrants ? { missingGrants } : {}) } };
  },
});

/** `text`, cut to at most `max` characters. */
function capped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * One sentence for input the schemas refused: the first few problems with where they are, and how
 * many more there are (zod's own message lists every issue as JSON, which ran to megabytes).
 */
function invalidInput(error: ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${capped(i.message, 200)}` : capped(i.message, 200)));
  const more = error.issues.length - shown.length;
  const tail = more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}.` : '.';
  return capped(`The request is not valid: ${shown.join('; ')}${tail}`, apiLimits.errorMessage);
}

/** Turns the domain's refusals into tRPC errors with the same stable code and message. */
const domainErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
    // A cluster without an API a request needs is not the server's failure: the message says which.
    if (cause instanceof KafkaLacksApi) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: cause.message, cause });
    if (cause instanceof LockTimeoutError) {
      // The message names the lock and what it guards (the flow, or the Kafka connection) when the deploy engine knows it.
      const message = cause.guards ? cause.message : 'Another deploy of this flow or on one of its Kafka connections has been running for over two minutes. Try again once it has finished.';
      throw new TRPCError({ code: 'TIMEOUT', message });
    }
    if (isUnstorableText(cause)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Text may not contain the NUL character (U+0000): PostgreSQL cannot store it. Remove it and try again.' });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.services.log('error', `procedure ${path} failed`, { error: result.error.cause instanceof Error ? result.error.cause.message : result.error.message });
    }
  }
  return result;
});

/**
 * Tells whether PostgreSQL refused a value for holding text it cannot store: U+0000 in a text column
 * (22021) or in a JSON string (22P05). The schemas let the character through (it is a valid JSON
 * string), so this is the input's fault, not the server's.
 */
function isUnstorableText(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
  }
  return false;
}

/**
 * Holds a request's answers, a batch's together, to `apiLimits.responseBytes`: the calls of a batch
 * take turns and each answer is measured as it will be sent; one that does not fit, and every call
 * after it, gets PAYLOAD_TOO_LARGE with a sentence giving the size and the limit (see {@link ResponseBudget}).
 */
const responseLimit = t.middleware(async ({ ctx, type, next }) => {
  if (type === 'subscription') return next();
  const budgeted = await ctx.response.take(() => next(), (result) => (result.ok ? Buffer.byteLength(JSON.stringify(result.data) ?? '') : 0));
  if (!budgeted.ok) throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: budgeted.refusal });
  return budgeted.answer;
});

/** Builds routers. */
export const router = t.router;

/** A procedure anyone may call. Its answer counts against its request's response limit. */
export const publicProcedure = t.procedure.use(responseLimit).use(domainErrors);

/** The live streams open in this process. */
const openStreams = new CallSlots(apiLimits.streamsPerUser, apiLimits.streams, {
  perUser: (max) => `You already have ${max} live streams open, the most one user may; close studio tabs you no longer use and try again.`,
  overall: (max) => `The server holds ${max} live streams for everyone, as many as it keeps open at once; try again in a minute.`,
});

/**
 * Counts every subscription (a live stream: an SSE response, or one of a WebSocket's) against the
 * caller's and the server's limits, beyond which it is refused with TOO_MANY_REQUESTS; its place is
 * freed when the stream ends or the client goes away. A WebSocket may carry subscriptions only.
 */
const streamLimits = t.middleware(async ({ ctx, type, signal, next }) => {
  // A WebSocket carries a tab's live updates only: calls there would slip past the HTTP edge's limits.
  if (ctx.transport === 'websocket' && type !== 'subscription') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Only subscriptions are served on a WebSocket; send queries and mutations over HTTP.' });
  }
  if (type !== 'subscription') return next();
  const userId = ctx.user?.id ?? 'anonymous';
  const refusal = openStreams.start(userId);
  if (refusal) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: refusal });
  let open = true;
  const close = (): void => {
    if (open) openStreams.finish(userId);
    open = false;
  };
  signal?.addEventListener('abort', close, { once: true });
  const result = await next();
  if (!result.ok || !isAsyncIterable(result.data)) {
    close();
    return result;
  }
  return { ...result, data: closedWhenDone(result.data, close) };
});

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** `stream`, calling `close` when it ends, fails or is stopped by its reader. */
async function* closedWhenDone<T>(stream: AsyncIterable<T>, close: () => void): AsyncGenerator<T> {
  try {
    yield* stream;
  } finally {
    close();
  }
}

/** A procedure for any signed-in user; 401 without a valid token. Its subscriptions count as live streams. */
export const authedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in: send a valid bearer token.' });
    return next({ ctx: { ...ctx, user: ctx.user } });
  })
  .use(streamLimits);

/** The expensive calls running in this process. */
const expensiveCalls = new CallSlots(apiLimits.expensiveCallsPerUser, apiLimits.expensiveCalls, {
  perUser: (max) => `You have ${max} plans, deploys, imports or DLQ reads running; at most ${max} may run at once. Wait for them and try again in a few seconds.`,
  overall: (max) => `The server is running at most ${max} plans, deploys, imports or DLQ reads at once for everyone; try again in a few seconds.`,
});

/**
 * Marks a procedure as expensive (it reads Kafka or runs the model on a whole flow): a person may run
 * only a few at once, and the server only a few more, beyond which calls get TOO_MANY_REQUESTS.
 */
export const expensive = t.middleware(async ({ ctx, next }) => {
  const userId = ctx.user?.id ?? 'anonymous';
  const refusal = expensiveCalls.start(userId);
  if (refusal) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: refusal });
  try {
    return await next();
  } finally {
    expensiveCalls.finish(userId);
  }
});

/** A procedure for org members and cluster admins (viewers may only read). */
export const memberProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role === 'viewer') throw new TRPCError({ code: 'FORBIDDEN', message: 'Viewers can look but not change anything.' });
  return next();
});

/** A procedure for cluster admins only. */
export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a cluster admin can do this.' });
  return next();
});

/** Refuses a user who may not read the org's data: NOT_FOUND for another org's (see {@link orgRefusal}). */
export function assertCanRead(user: User, orgId: string): void {
  const refusal = orgRefusal(user, orgId, 'read');
  if (refusal) throw new TRPCError(refusal);
}

/** Refuses a user who may not change the org's data: NOT_FOUND for another org's, FORBIDDEN for a viewer. */
export function assertCanWrite(user: User, orgId: string): void {
  const refusal = orgRefusal(user, orgId, 'write');
  if (refusal) throw new TRPCError(refusal);
}
