/**
 * The broker-wide budget for request bytes being received, like Kafka's `queued.max.request.bytes`:
 * a connection reserves a frame's declared size before reading its body and gives it back once the
 * frame has been handled. A frame that does not fit waits, first come first served, until enough is
 * given back. When nothing is reserved any one frame fits, so a frame under `maxFrameBytes` but over
 * the budget is still served, alone.
 */
export class RequestMemory {
  private used = 0;
  /** Waiting reservations in arrival order (a Map keeps insertion order, and a closing connection leaves it in O(1)). */
  private readonly waiting = new Map<() => void, number>();

  constructor(private readonly limit: number) {}

  /**
   * Reserves `bytes` and returns true, or returns false and calls `granted` later, once they have
   * been reserved. A caller that gives up first calls `cancel(granted)`.
   */
  reserve(bytes: number, granted: () => void): boolean {
    if (this.waiting.size === 0 && this.fits(bytes)) {
      this.used += bytes;
      return true;
    }
    this.waiting.set(granted, bytes);
    return false;
  }

  /** Gives back `bytes` reserved earlier and grants waiting reservations that now fit, in order. */
  release(bytes: number): void {
    this.used -= bytes;
    if (this.waiting.size === 0) return;
    for (const [granted, wanted] of this.waiting) {
      if (!this.fits(wanted)) return;
      this.waiting.delete(granted);
      this.used += wanted;
      granted();
    }
  }

  /** Withdraws a reservation still waiting. */
  cancel(granted: () => void): void {
    if (!this.waiting.delete(granted)) return;
    // The first in line may have been what held the others back.
    this.release(0);
  }

  private fits(bytes: number): boolean {
    return this.used === 0 || this.used + bytes <= this.limit;
  }
}
