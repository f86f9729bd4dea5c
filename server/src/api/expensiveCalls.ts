import { apiLimits } from '@event-flows/model';

/**
 * Counts the expensive calls running in this process, per person and in all, so that one person's
 * burst cannot take the event loop that the broker and the runtime share with the API.
 */
export class ExpensiveCalls {
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perUser: number = apiLimits.expensiveCallsPerUser,
    private readonly overall: number = apiLimits.expensiveCalls,
  ) {}

  /**
   * Starts a call for `userId`: returns `null` when it may run (call {@link finish} when it ends),
   * or the sentence to refuse it with.
   */
  start(userId: string): string | null {
    const mine = this.running.get(userId) ?? 0;
    if (mine >= this.perUser) {
      return `You have ${mine} plans, deploys, imports or DLQ reads running; at most ${this.perUser} may run at once. Wait for them and try again in a few seconds.`;
    }
    if (this.total >= this.overall) {
      return `The server is running at most ${this.overall} plans, deploys, imports or DLQ reads at once for everyone; try again in a few seconds.`;
    }
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
