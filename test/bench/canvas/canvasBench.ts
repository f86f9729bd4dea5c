/**
 * bench:canvas — the editor's canvas in headless Chromium (1280×800, a fresh page per run): one
 * warm-up round, then the median of `BENCH_ROUNDS` (default 7) rounds. Each round measures, paired
 * and in alternating order, the first paint of a 2,000-node flow in the editor and in plain React
 * Flow (the baseline), then a 2-second drag of one node in a 500-node editor. Prints each round,
 * then the figures compared from one change to the next on its last line.
 *
 * - first paint: from a `performance.now()` taken just before mounting to the animation frame after
 *   the one that painted every node inside the viewport with its size and handles measured (see
 *   page/paintProbe.tsx); the flow opens at its start, as the editor opens a flow that large.
 * - drag update latency: from a pointer move's arrival in the page to the first animation frame
 *   showing the dragged node moved (see page/dragRecorder.tsx); its p95 per round, median of rounds.
 * - drag updates: frames in which the dragged node moved / pointer moves sent (median of rounds).
 *
 * The page is a production Vite build served from a temporary folder on a free local port.
 */
import { rm } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../.config/chromium.ts';
import type { BenchApi, BenchSubject, DragResult, PaintResult } from './benchApi.ts';
import { buildBenchPage, serveDirectory } from './benchServer.ts';

const rounds = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 7));
const paintNodes = 2000;
const dragNodes = 500;
const moveIntervalMs = 16.7;
const dragMs = 2000;
const viewport = { width: 1280, height: 800 };


type BenchWindow = { efsBench?: BenchApi };

/** A fresh context and page, closed after `use`. */
async function withPage<T>(browser: Browser, url: string, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await use(page);
  } finally {
    await context.close();
  }
}

async function waitForPaint(page: Page): Promise<PaintResult> {
  const handle = await page.waitForFunction(
    () => {
      const bench = (globalThis as BenchWindow).efsBench;
      return bench && (bench.paint ?? bench.error) ? { paint: bench.paint, error: bench.error } : null;
    },
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const { paint, error } = (await handle.jsonValue()) as { paint: PaintResult | null; error: string | null };
  if (!paint) throw new Error(`first paint failed: ${error}`);
  return paint;
}

function firstPaint(browser: Browser, base: string, subject: BenchSubject): Promise<PaintResult> {
  return withPage(browser, `${base}?subject=${subject}&nodes=${paintNodes}`, waitForPaint);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Drags one node through the DevTools protocol: press, then a move every 16.7 ms for 2 s sent
 * open-loop (each send is fired at its time and not awaited, so a slow page cannot slow the sender
 * down and hide its jank), then release.
 */
function drag(browser: Browser, base: string): Promise<DragResult & { movesSent: number }> {
  return withPage(browser, `${base}?subject=editor&nodes=${dragNodes}`, async (page) => {
    await waitForPaint(page);
    const target = await page.evaluate(() => (globalThis as BenchWindow).efsBench!.pickDragTarget());
    const cdp = await page.context().newCDPSession(page);
    const mouse = (type: 'mousePressed' | 'mouseMoved' | 'mouseReleased', x: number, y: number) =>
      cdp.send('Input.dispatchMouseEvent', {
        type,
        x,
        y,
        button: 'left',
        buttons: type === 'mouseReleased' ? 0 : 1,
        clickCount: type === 'mouseMoved' ? 0 : 1,
      });
    await mouse('mouseMoved', target.x, target.y);
    await mouse('mousePressed', target.x, target.y);
    // Past React Flow's drag threshold, so the gesture has started before recording.
    await mouse('mouseMoved', target.x + 2, target.y + 1);
    await sleep(200);
    await page.evaluate((id) => (globalThis as BenchWindow).efsBench!.startDragRecording(id), target.nodeId);
    const sent: Promise<unknown>[] = [];
    const moves = Math.round(dragMs / moveIntervalMs);
    const started = performance.now();
    for (let i = 1; i <= moves; i++) {
      const due = started + i * moveIntervalMs;
      // Timers fire a millisecond or more late on a busy machine: sleep until just before the move
      // is due, then wait out the rest, so moves leave on their 16.7 ms grid and not in bursts.
      const wait = due - performance.now() - 2;
      if (wait > 0) await sleep(wait);
      while (performance.now() < due) await Promise.resolve();
      // A path that moves on every step, so every move should show.
      sent.push(mouse('mouseMoved', target.x + 2 + i * 2, target.y + 1 + (i % 40)));
    }
    await Promise.all(sent);
    await sleep(100);
    const result = await page.evaluate(() => (globalThis as BenchWindow).efsBench!.stopDragRecording());
    await mouse('mouseReleased', target.x + 2 + moves * 2, target.y + 1);
    await cdp.detach();
    return { ...result, movesSent: moves };
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fixed = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const dir = await buildBenchPage();
  const server = await serveDirectory(dir);
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  const editor: number[] = [];
  const baseline: number[] = [];
  const dragP95: number[] = [];
  const dragMoved: number[] = [];
  let movesSent = 0;
  try {
    for (let round = 0; round <= rounds; round++) {
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      // Paired and alternating, so drift in the machine's load touches both sides alike.
      const order: BenchSubject[] = round % 2 === 0 ? ['editor', 'baseline'] : ['baseline', 'editor'];
      const paints = {} as Record<BenchSubject, PaintResult>;
      for (const subject of order) paints[subject] = await firstPaint(browser, server.url, subject);
      const d = await drag(browser, server.url);
      console.log(
        `${label}: first_paint editor=${fixed(paints.editor.firstPaintMs)}ms ` +
          `(${paints.editor.visibleNodes} visible, ${paints.editor.renderedNodes} rendered, zoom ${paints.editor.zoom.toFixed(2)}) ` +
          `baseline=${fixed(paints.baseline.firstPaintMs)}ms (${paints.baseline.visibleNodes} visible, ${paints.baseline.renderedNodes} rendered) | ` +
          `drag p95=${fixed(d.updateP95Ms)}ms median=${fixed(d.updateMedianMs)}ms moved=${d.movedFrames}/${d.movesSent} ` +
          `received=${d.movesReceived} frames=${d.frames}`,
      );
      if (round === 0) continue;
      editor.push(paints.editor.firstPaintMs);
      baseline.push(paints.baseline.firstPaintMs);
      dragP95.push(d.updateP95Ms);
      dragMoved.push(d.movedFrames);
      movesSent = d.movesSent;
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    `bench:canvas first_paint_ms=${fixed(median(editor))} baseline_ms=${fixed(median(baseline))} ` +
      `drag_update_p95_ms=${fixed(median(dragP95))} drag_updates=${Math.round(median(dragMoved))}/${movesSent}`,
  );
}

await main();
