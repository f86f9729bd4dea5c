import type { DragResult } from '../benchApi.ts';
import { percentile } from './percentile.ts';

interface Move {
  at: number;
  /** The dragged node's transform when the move arrived (before React Flow handled it). */
  before: string;
}

interface Frame {
  at: number;
  transform: string;
}

/**
 * Records, per animation frame, whether the dragged node's transform changed, and each pointer move
 * that reaches the page (coalesced moves counted one by one, with their own time stamps).
 *
 * Drag update latency of a move: from the move's arrival in the page (its `PointerEvent.timeStamp`)
 * to the start (`requestAnimationFrame` time) of the first animation frame whose DOM shows the node
 * somewhere other than where it was when the move arrived; that frame paints it. The p95 is taken
 * over all moves received; a move never followed by a change would count as the end of recording.
 */
export class DragRecorder {
  private readonly moves: Move[] = [];
  private readonly frames: Frame[] = [];
  private running = true;

  constructor(private readonly element: HTMLElement) {
    window.addEventListener('pointermove', this.onMove, { capture: true });
    requestAnimationFrame(this.onFrame);
  }

  private readonly onMove = (event: PointerEvent) => {
    const before = this.element.style.transform;
    const coalesced = event.getCoalescedEvents();
    for (const move of coalesced.length > 0 ? coalesced : [event]) this.moves.push({ at: move.timeStamp, before });
  };

  private readonly onFrame = (at: number) => {
    if (!this.running) return;
    this.frames.push({ at, transform: this.element.style.transform });
    requestAnimationFrame(this.onFrame);
  };

  /** Stops recording and computes the figures. */
  stop(): DragResult {
    this.running = false;
    window.removeEventListener('pointermove', this.onMove, { capture: true });
    const frames = this.frames;
    let movedFrames = 0;
    for (let i = 1; i < frames.length; i++) if (frames[i]?.transform !== frames[i - 1]?.transform) movedFrames++;
    const end = frames.at(-1)?.at ?? performance.now();
    const latencies = this.moves.map((move) => {
      const shown = frames.find((f) => f.at > move.at && f.transform !== move.before);
      return (shown?.at ?? end) - move.at;
    });
    latencies.sort((a, b) => a - b);
    return {
      movedFrames,
      movesReceived: this.moves.length,
      updateP95Ms: percentile(latencies, 95),
      updateMedianMs: percentile(latencies, 50),
      frames: frames.length,
    };
  }
}
