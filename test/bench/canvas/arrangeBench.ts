/**
 * bench:arrange — "Arrange" on the 5,000-node flow of bench:canvas (generateFlow(5000): about 7,600
 * edges, a quarter of the algorithms with a DLQ) in the production build of the bench page, in
 * headless Chromium at 1280×800. Prints the worker's time and the longest main-thread task while it
 * ran (see arrangeMeasure.ts), as bench:canvas will print them on its last line.
 */
import { rm } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../.config/chromium.ts';
import type { BenchApi } from './benchApi.ts';
import { measureArrange } from './arrangeMeasure.ts';
import { buildBenchPage, serveDirectory } from './benchServer.ts';

/** 5,000 as bench:canvas; BENCH_ARRANGE_NODES for a quicker look at a smaller flow. */
const nodes = Number(process.env.BENCH_ARRANGE_NODES ?? 5000);

async function main(): Promise<void> {
  const dir = await buildBenchPage();
  const server = await serveDirectory(dir);
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}?subject=editor&nodes=${nodes}`);
    await page.waitForFunction(() => {
      const bench = (globalThis as { efsBench?: BenchApi }).efsBench;
      if (bench?.error) throw new Error(bench.error);
      return !!bench?.paint;
    }, undefined, { timeout: 300_000, polling: 100 });
    const figures = await measureArrange(page);
    console.log(`arrange: apply_task_ms=${figures.applyTaskMs.toFixed(1)}`);
    console.log(`arrange_${nodes}_ms=${figures.arrangeMs.toFixed(1)} arrange_longest_task_ms=${figures.longestTaskMs.toFixed(1)}`);
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
