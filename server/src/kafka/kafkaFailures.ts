/**
 * How a Kafka cluster fails a request, in words a person can act on: it did not answer in time
 * ({@link KafkaDidNotAnswer}), it lacks an API a request needs ({@link KafkaLacksApi}), or it has no
 * authorizer (Kafka's SECURITY_DISABLED, which the ACL requests take as an answer, not a failure).
 * {@link withinAnswerTime} holds a read to {@link kafkaAnswerMs}, so that one silent cluster holds only
 * the requests that need it.
 */
import type { ConnectionConfig } from '../connections/connectionSchema.ts';

/** How long a read of a cluster (its topics, defaults or ACLs) may take before it counts as not answering. */
export const kafkaAnswerMs = 5_000;

/** A cluster that did not answer a read within {@link kafkaAnswerMs}. */
export class KafkaDidNotAnswer extends Error {
  constructor(readonly connection: string) {
    super(`Kafka connection '${connection}' did not answer within ${kafkaAnswerMs / 1_000} s.`);
    this.name = 'KafkaDidNotAnswer';
  }
}

/**
 * A cluster that does not offer an API a request needs (an older or restricted cluster: it leaves the
 * API out of its ApiVersions). The message names the connection and the API.
 */
export class KafkaLacksApi extends Error {
  constructor(
    readonly connection: string,
    readonly api: string,
  ) {
    super(`Kafka connection '${connection}' does not offer the ${api} API, which Event Flows Studio needs here (an older or restricted cluster). Ask a cluster admin to enable it, or use a cluster that offers it.`);
    this.name = 'KafkaLacksApi';
  }
}

/** The sentence for a read of the connection named `connection` (its display name) that failed with `error`. */
export function readFailure(connection: string, error: unknown): string {
  if (error instanceof KafkaDidNotAnswer || error instanceof KafkaLacksApi) return error.message;
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  return `Kafka connection '${connection}' could not be read: ${reason}.`;
}

/** Whether `error` is Kafka's answer for a cluster without an authorizer (SECURITY_DISABLED). */
export function isSecurityDisabled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'type' in error && (error as { type: unknown }).type === 'SECURITY_DISABLED';
}

/** `error` as {@link KafkaLacksApi} when kafkajs refused a request the cluster does not offer, else as it is. */
export function withMissingApiNamed(connection: ConnectionConfig, error: unknown): unknown {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.name === 'KafkaJSServerDoesNotSupportApiKey') return new KafkaLacksApi(connection.name, String((e as { apiName?: unknown }).apiName ?? 'requested'));
  }
  return error;
}

/**
 * Settles as `work` does, or rejects with {@link KafkaDidNotAnswer} once {@link kafkaAnswerMs} have
 * passed, whichever comes first. A missing API fails as {@link KafkaLacksApi}.
 */
export async function withinAnswerTime<T>(connection: ConnectionConfig, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaDidNotAnswer(connection.name)), kafkaAnswerMs);
  });
  // kafkajs's own time-outs (a request or a connection that took as long) say the same.
  const answered = work.catch((error: unknown) => {
    throw timedOut(error) ? new KafkaDidNotAnswer(connection.name) : withMissingApiNamed(connection, error);
  });
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a kafkajs error, or one it wraps, is a request or connection that timed out. */
function timedOut(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.name === 'KafkaJSRequestTimeoutError' || (e.name === 'KafkaJSConnectionError' && /timeout/i.test(e.message))) return true;
  }
  return false;
}
