import type { Page } from 'playwright-core';

const moveIntervalMs = 16.7;
const gestureMs = 2000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Where the pointer is on move `i` (1-based) of a gesture pressed at `from`. */
export type GesturePath = (from: { x: number; y: number }, i: number) => { x: number; y: number };

/** A path that moves on every step, so every move should show: right 2 px a move, up and down by up to 40 px. */
export const wavyPath: GesturePath = (from, i) => ({ x: from.x + 2 + i * 2, y: from.y + 1 + (i % 40) });

/**
 * Presses the left button at `from` through the DevTools protocol, moves past React Flow's drag
 * threshold, waits 200 ms, calls `started`, then sends a move every 16.7 ms for 2 s open-loop (each
 * send is fired at its time and not awaited, so a slow page cannot slow the sender down and hide its
 * jank), waits 100 ms, calls `finished` and releases. Returns what `finished` returned and the moves sent.
 */
export async function openLoopGesture<T>(
  page: Page,
  from: { x: number; y: number },
  hooks: { started(): Promise<unknown>; finished(): Promise<T> },
  path: GesturePath = wavyPath,
): Promise<{ result: T; movesSent: number }> {
  const cdp = await page.context().newCDPSession(page);
  const mouse = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', at: { x: number; y: number }) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x: at.x,
      y: at.y,
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  await mouse('mouseMoved', from);
  await mouse('mousePressed', from);
  // Past React Flow's drag threshold, so the gesture has started before recording.
  await mouse('mouseMoved', { x: from.x + 2, y: from.y + 1 });
  await sleep(200);
  await hooks.started();
  const sent: Promise<unknown>[] = [];
  const moves = Math.round(gestureMs / moveIntervalMs);
  const startedAt = performance.now();
  for (let i = 1; i <= moves; i++) {
    const due = startedAt + i * moveIntervalMs;
    // Timers fire a millisecond or more late on a busy machine: sleep until just before the move
    // is due, then wait out the rest, so moves leave on their 16.7 ms grid and not in bursts.
    const wait = due - performance.now() - 2;
    if (wait > 0) await sleep(wait);
    while (performance.now() < due) await Promise.resolve();
    sent.push(mouse('mouseMoved', path(from, i)));
  }
  await Promise.all(sent);
  await sleep(100);
  const result = await hooks.finished();
  await mouse('mouseReleased', path(from, moves));
  await cdp.detach();
  return { result, movesSent: moves };
}
