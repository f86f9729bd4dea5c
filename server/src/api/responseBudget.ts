import { loopTurn } from '../loopTurns.ts';

const mebibyte = 1_048_576;
/** `bytes` in MiB to a tenth ("9.1 MiB", "64 MiB"). */
const mib = (bytes: number) => `${Number((bytes / mebibyte).toFixed(1))} MiB`;

/** An answer a {@link ResponseBudget} kept, or the sentence it refused it with. */
export type Budgeted<T> = { ok: true; answer: T } | { ok: false; refusal: string };

/**
 * What the answers to one request may add up to, a batch's calls together. The calls take turns, in
 * the batch's order: each starts once the one before it has been measured, so that the answers held
 * for the response never exceed the limit by more than the one being measured, and once an answer did
 * not fit, the calls after it are refused without running. Each call starts, each answer is
 * measured and each is handed back, in a turn of the event loop of its own ({@link loopTurn}), so
 * that other requests (`/healthz`, the broker, the runtime) are served between two.
 */
export class ResponseBudget {
  private used = 0;
  private full = false;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly limit: number) {}

  /** Runs `call` after the calls before it, and keeps its answer when `size(answer)` bytes still fit. */
  take<T>(call: () => Promise<T>, size: (answer: T) => number): Promise<Budgeted<T>> {
    const turn = this.last.then(async (): Promise<Budgeted<T>> => {
      await loopTurn();
      if (this.full) {
        return { ok: false, refusal: `The answers before this call in its batch already hold ${mib(this.used)} of the ${mib(this.limit)} one response may hold; ask for it in a request of its own.` };
      }
      const answer = await call();
      // Measuring serialises the answer: a turn of its own, apart from the work that built it.
      await loopTurn();
      const bytes = size(answer);
      if (this.used + bytes <= this.limit) {
        this.used += bytes;
        // The last answer of a request goes on to be serialised with the others: a turn of its own too.
        await loopTurn();
        return { ok: true, answer };
      }
      this.full = true;
      return {
        ok: false,
        refusal:
          this.used === 0
            ? `This answer is ${mib(bytes)}, more than the ${mib(this.limit)} one response may hold; ask for a smaller part.`
            : `This answer (${mib(bytes)}) would take its batch's response to ${mib(this.used + bytes)}, more than the ${mib(this.limit)} one response may hold; ask for it in a request of its own.`,
      };
    });
    this.last = turn.catch(() => undefined);
    return turn;
  }
}
