import type { Grant } from '@event-flows/model';

/** Stable error codes the API answers with (tRPC's names, so the HTTP edge maps them one to one). */
export type ErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED' | 'PAYLOAD_TOO_LARGE';

/**
 * A refusal a person can act on (a user mistake or a state conflict), as opposed to a bug or an outage.
 * `missingGrants`: the access a cluster admin has not granted when that is why, so that the person can
 * request it right there (it reaches the client as the error's `data.missingGrants`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly missingGrants?: Grant[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
