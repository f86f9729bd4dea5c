/**
 * The dead letters of one subscription that failed the same way: error class and stage. The runtime
 * counts them, the API answers them (`runtime.dlq.groups`, with the DLQ topic they were read from) and
 * the editor shows them: one shape for all three.
 */
export interface DlqGroup {
  /** The subscription: its algorithm and its topic. */
  readonly algorithm: string;
  readonly topic: string;
  readonly errorClass: string | null;
  readonly stage: string | null;
  /** Records of the group in the DLQ: dead letters and their failed replays. */
  readonly records: number;
  /** Distinct dead letters: a failed replay counts with the dead letter it came from (its origin header). */
  readonly deadLetters: number;
  /** Records that are a failed replay (attempt 2 or later). */
  readonly failedReplays: number;
  /** Timestamps (ms since the epoch) of the group's first and last record. */
  readonly first: number;
  readonly last: number;
}
