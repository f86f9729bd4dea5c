import type { PanResult } from '../benchApi.ts';
import { percentile } from './percentile.ts';

/**
 * Records, per animation frame, its time and React Flow's viewport transform. Frame time is the
 * time from one animation frame to the next: when the page cannot keep up with a pan (script,
 * style, paint), frames come late and this grows past the display's 16.7 ms.
 */
export class PanRecorder {
  private readonly frames: { at: number; transform: string }[] = [];
  private running = true;
  private readonly zoom: number;

  constructor(private readonly viewport: HTMLElement) {
    this.zoom = Number(/scale\(\s*([\d.e+-]+)\s*\)/.exec(viewport.style.transform)?.[1] ?? Number.NaN);
    requestAnimationFrame(this.onFrame);
  }

  private readonly onFrame = (at: number) => {
    if (!this.running) return;
    this.frames.push({ at, transform: this.viewport.style.transform });
    requestAnimationFrame(this.onFrame);
  };

  /** Stops recording and computes the figures. */
  stop(): PanResult {
    this.running = false;
    const frames = this.frames;
    const intervals: number[] = [];
    let movedFrames = 0;
    for (let i = 1; i < frames.length; i++) {
      const frame = frames[i] as { at: number; transform: string };
      const before = frames[i - 1] as { at: number; transform: string };
      intervals.push(frame.at - before.at);
      if (frame.transform !== before.transform) movedFrames++;
    }
    intervals.sort((a, b) => a - b);
    return {
      frameP95Ms: percentile(intervals, 95),
      frameMedianMs: percentile(intervals, 50),
      frames: frames.length,
      movedFrames,
      renderedNodes: document.querySelectorAll('.react-flow__node').length,
      zoom: this.zoom,
    };
  }
}
