/**
 * bench:canvas — the editor's canvas in headless Chromium (1280×800, a fresh page per run): one
 * warm-up round, then the median of `BENCH_ROUNDS` (default 7) rounds. Each round measures, paired
 * and in alternating order, the first paint of a 2,000-node flow in the editor and in plain React
 * Flow (the baseline), then a 2-second drag of one node in a 500-node editor, then the same paired
 * first paint on a 5,000-node, 7,500-edge flow with DLQs (the product's limit), then a 2-second pan
 * of that flow in the editor at fit-to-view. Prints each round, then the figures compared from one
 * change to the next on its last line.
 *
 * - first paint: from a `performance.now()` taken just before mounting to the animation frame after
 *   the one that painted every node inside the viewport with its size and handles measured (see
 *   page/paintProbe.tsx); the flow opens at its start, as the editor opens a flow that large.
 * - drag update latency: from a pointer move's arrival in the page to the first animation frame
 *   showing the dragged node moved (see page/dragRecorder.tsx); its p95 per round, median of rounds.
 * - drag updates: frames in which the dragged node moved / pointer moves sent (median of rounds).
 * - fit pan frame time: the "fit view" button pressed, then the empty pane dragged with moves sent
 *   as in the drag; the time between animation frames meanwhile (see page/panRecorder.ts), its p95
 *   per round, median of rounds.
 * - arrange: "Arrange" pressed on the 5,000-node flow; the worker's time and the longest main-thread
 *   task meanwhile (see arrangeMeasure.ts), medians of rounds. `BENCH_ARRANGE=0` leaves it out (on a
 *   loaded machine the layout can outlast its 15-minute limit, and the other figures never print).
 *
 * The page is a production Vite build served from a temporary folder on a free local port.
 */
import { rm } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../.config/chromium.ts';
import type { BenchApi, BenchSubject, DragResult, PaintResult, PanResult } from './benchApi.ts';
import { measureArrange as arrangeOnPage } from './arrangeMeasure.ts';
import { buildBenchPage, serveDirectory } from './benchServer.ts';
import { openLoopGesture } from './pointerGesture.ts';

const rounds = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 7));
const withArrange = process.env.BENCH_ARRANGE !== '0';
const paintFlow = 'nodes=2000';
const dragFlow = 'nodes=500';
/** The product's limit: 5,000 nodes, 7,500 edges, a quarter of the algorithms with a DLQ edge. */
const largeFlow = 'nodes=5000&edges=7500';
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
    { timeout: 240_000, polling: 50 },
  );
  const { paint, error } = (await handle.jsonValue()) as { paint: PaintResult | null; error: string | null };
  if (!paint) throw new Error(`first paint failed: ${error}`);
  return paint;
}

function firstPaint(browser: Browser, base: string, subject: BenchSubject, flow: string): Promise<PaintResult> {
  return withPage(browser, `${base}?subject=${subject}&${flow}`, waitForPaint);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Drags one node near the canvas's centre in a 500-node editor (see pointerGesture.ts). */
function drag(browser: Browser, base: string): Promise<DragResult & { movesSent: number }> {
  return withPage(browser, `${base}?subject=editor&${dragFlow}`, async (page) => {
    await waitForPaint(page);
    const target = await page.evaluate(() => (globalThis as BenchWindow).efsBench!.pickDragTarget());
    const { result, movesSent } = await openLoopGesture(page, target, {
      started: () => page.evaluate((id) => (globalThis as BenchWindow).efsBench!.startDragRecording(id), target.nodeId),
      finished: () => page.evaluate(() => (globalThis as BenchWindow).efsBench!.stopDragRecording()),
    });
    return { ...result, movesSent };
  });
}

/** Waits until the number of node elements on the canvas has stayed the same for half a second. */
async function waitForNodesToSettle(page: Page): Promise<void> {
  const count = () => page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
  let last = -1;
  for (let now = await count(); now !== last; now = await count()) {
    last = now;
    await sleep(500);
  }
}

/** Opens the 5,000-node flow in the editor, presses "fit view" and pans the empty pane (see pointerGesture.ts). */
function fitPan(browser: Browser, base: string): Promise<PanResult & { movesSent: number }> {
  return withPage(browser, `${base}?subject=editor&${largeFlow}`, async (page) => {
    await waitForPaint(page);
    // The old canvas took most of a minute to draw a whole 5,000-node flow, during which a click waits.
    await page.click('.react-flow__controls-fitview', { timeout: 180_000 });
    await waitForNodesToSettle(page);
    const from = await page.evaluate(() => (globalThis as BenchWindow).efsBench!.pickPanPoint());
    const { result, movesSent } = await openLoopGesture(page, from, {
      started: () => page.evaluate(() => (globalThis as BenchWindow).efsBench!.startPanRecording()),
      finished: () => page.evaluate(() => (globalThis as BenchWindow).efsBench!.stopPanRecording()),
    });
    return { ...result, movesSent };
  });
}

/** The figures of "Arrange" on the 5,000-node flow: the worker's time and the longest main-thread task meanwhile. */
interface ArrangeResult {
  arrangeMs: number;
  longestTaskMs: number;
}

/** "Arrange" on the 5,000-node flow, in a fresh page once it has painted (see ./arrangeMeasure.ts). */
async function measureArrange(browser: Browser, base: string): Promise<ArrangeResult> {
  return withPage(browser, `${base}?subject=editor&${largeFlow}`, async (page) => {
    await waitForPaint(page);
    const { arrangeMs, longestTaskMs } = await arrangeOnPage(page);
    return { arrangeMs, longestTaskMs };
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fixed = (n: number) => n.toFixed(1);

/** Both subjects' first paints of `flow`, in `order`. */
async function pairedPaints(browser: Browser, base: string, flow: string, order: BenchSubject[]) {
  const paints = {} as Record<BenchSubject, PaintResult>;
  for (const subject of order) paints[subject] = await firstPaint(browser, base, subject, flow);
  return paints;
}

function describePaints(paints: Record<BenchSubject, PaintResult>): string {
  const { editor, baseline } = paints;
  return (
    `editor=${fixed(editor.firstPaintMs)}ms (${editor.visibleNodes} visible, ${editor.renderedNodes} rendered, zoom ${editor.zoom.toFixed(2)}) ` +
    `baseline=${fixed(baseline.firstPaintMs)}ms (${baseline.visibleNodes} visible, ${baseline.renderedNodes} rendered)`
  );
}

async function main(): Promise<void> {
  const dir = await buildBenchPage();
  const server = await serveDirectory(dir);
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  const figures = { editor: [] as number[], baseline: [] as number[], dragP95: [] as number[], dragMoved: [] as number[] };
  const large = { editor: [] as number[], baseline: [] as number[], panP95: [] as number[] };
  const arrange = { ms: [] as number[], longestTask: [] as number[] };
  let movesSent = 0;
  try {
    for (let round = 0; round <= rounds; round++) {
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      // Paired and alternating, so drift in the machine's load touches both sides alike.
      const order: BenchSubject[] = round % 2 === 0 ? ['editor', 'baseline'] : ['baseline', 'editor'];
      const paints = await pairedPaints(browser, server.url, paintFlow, order);
      const d = await drag(browser, server.url);
      const largePaints = await pairedPaints(browser, server.url, largeFlow, order);
      const pan = await fitPan(browser, server.url);
      const arranged = withArrange ? await measureArrange(browser, server.url) : null;
      console.log(
        `${label}: first_paint ${describePaints(paints)} | ` +
          `drag p95=${fixed(d.updateP95Ms)}ms median=${fixed(d.updateMedianMs)}ms moved=${d.movedFrames}/${d.movesSent} ` +
          `received=${d.movesReceived} frames=${d.frames} | ` +
          `5000: first_paint ${describePaints(largePaints)} | ` +
          `fit pan p95=${fixed(pan.frameP95Ms)}ms median=${fixed(pan.frameMedianMs)}ms moved=${pan.movedFrames}/${pan.movesSent} ` +
          `frames=${pan.frames} (${pan.renderedNodes} rendered, zoom ${pan.zoom.toFixed(3)})` +
          (arranged ? ` | arrange=${fixed(arranged.arrangeMs)}ms longest task=${fixed(arranged.longestTaskMs)}ms` : ' | arrange left out'),
      );
      if (round === 0) continue;
      figures.editor.push(paints.editor.firstPaintMs);
      figures.baseline.push(paints.baseline.firstPaintMs);
      figures.dragP95.push(d.updateP95Ms);
      figures.dragMoved.push(d.movedFrames);
      movesSent = d.movesSent;
      large.editor.push(largePaints.editor.firstPaintMs);
      large.baseline.push(largePaints.baseline.firstPaintMs);
      large.panP95.push(pan.frameP95Ms);
      if (arranged) {
        arrange.ms.push(arranged.arrangeMs);
        arrange.longestTask.push(arranged.longestTaskMs);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    `bench:canvas first_paint_ms=${fixed(median(figures.editor))} baseline_ms=${fixed(median(figures.baseline))} ` +
      `drag_update_p95_ms=${fixed(median(figures.dragP95))} drag_updates=${Math.round(median(figures.dragMoved))}/${movesSent} ` +
      `first_paint_5000_ms=${fixed(median(large.editor))} baseline_5000_ms=${fixed(median(large.baseline))} ` +
      `fit_pan_p95_ms=${fixed(median(large.panP95))} ` +
      (withArrange ? `arrange_5000_ms=${fixed(median(arrange.ms))} arrange_longest_task_ms=${fixed(median(arrange.longestTask))}` : 'arrange left out'),
  );
}

await main();
