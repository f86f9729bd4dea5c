/** The sentences a {@link CallSlots} refuses with. */
export interface SlotRefusals {
  /** When the person has `max` running already. */
  perUser(max: number): string;
  /** When the server has `max` running for everyone. */
  overall(max: number): string;
}

/**
 * Counts calls of one kind running in this process (expensive calls, live streams), per person and in
 * all, so that one person's burst cannot take the event loop that the broker and the runtime share with
 * the API.
 */
export class CallSlots {
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perUser: number,
    private readonly overall: number,
    private readonly refusals: SlotRefusals,
  ) {}

  /**
   * Starts a call for `userId`: returns `null` when it may run (call {@link finish} when it ends),
   * or the sentence to refuse it with.
   */
  start(userId: string): string | null {
    const mine = this.running.get(userId) ?? 0;
    if (mine >= this.perUser) return this.refusals.perUser(this.perUser);
    if (this.total >= this.overall) return this.refusals.overall(this.overall);
    this.running.set(userId, mine + 1);
    this.total++;
    return null;
  }

  /** Ends a call {@link start} let run. */
  finish(userId: string): void {
    const mine = (this.running.get(userId) ?? 1) - 1;
    if (mine <= 0) this.running.delete(userId);
    else this.running.set(userId, mine);
    this.total--;
  }
}
