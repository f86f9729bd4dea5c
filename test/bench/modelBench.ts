/**
 * bench:model — the model at the product's limits (DESIGN §8: 5,000 nodes, 20,000 edges).
 *
 * Server path: parse (the flow graph schema) + validate + compile + plan of a 5,000-node flow with
 * about 7,500 edges and of one with 20,000 edges, each run on a fresh JSON.parse of the request body
 * (parsing the text is not the model's work). Five warm-up runs, then the median of 21, the sizes and
 * the yardstick taking turns. The yardstick is a JSON round trip (stringify + parse) of the same
 * 7,500-edge graph: the least a server spends on such a graph, to tell how fast the machine is now.
 *
 * Editor: the editor (store, canvas, inspector, problems) in headless Chromium on a 2,000-node and a
 * 5,000-node flow; each edit changes one algorithm's version (adding or removing a diagnostic). Per
 * edit: the time from the edit to the new diagnostics in the store, the time until the frame after
 * React's commit, and the longest main-thread task from the edit to that frame (the Long Tasks API
 * reports tasks of 50 ms or more; the edit's own synchronous task is timed directly). Three warm-up
 * edits, then 30.
 *
 * The last line is the figure compared from one change to the next:
 *   bench:model nodes=5000 server_ms=<median> json_ms=<median> edit_2000_ms=<p95> longest_task_5000_ms=<max>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { compile, demoAdmin, FlowGraph, plan, validateGraph } from '@event-flows/model';
import { chromiumLaunchOptions } from '../../.config/chromium.ts';
import { serveDirectory } from './canvas/benchServer.ts';
import type { EditResult, ModelBenchApi } from './model/benchApi.ts';
import { benchFlow } from './model/benchFlow.ts';

const warmUps = 5;
const runs = 21;
const editWarmUps = 3;
const edits = 30;
const nodes = 5000;

function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] as number;
}

const fixed = (n: number) => n.toFixed(1);

/** The server's path on one flow: a run times it on a fresh parse of the request body. */
function serverWorkload(edges: number) {
  const { graph, catalog, actual } = benchFlow(nodes, edges);
  const body = JSON.stringify(graph);
  const phases = { parse: [] as number[], validate: [] as number[], compile: [] as number[], plan: [] as number[], total: [] as number[] };
  const run = (record: boolean) => {
    const received: unknown = JSON.parse(body);
    const started = performance.now();
    const parsed = FlowGraph.parse(received);
    const parsedAt = performance.now();
    const diagnostics = validateGraph(parsed, catalog, demoAdmin, { flowId: 'bench' });
    const validatedAt = performance.now();
    const desired = compile(parsed, { flowId: 'bench' });
    const compiledAt = performance.now();
    plan(desired, actual, { role: 'admin' });
    const plannedAt = performance.now();
    const error = diagnostics.find((d) => d.severity === 'error');
    if (error) throw new Error(`generated graph is invalid: ${error.message}`);
    if (!record) return;
    phases.parse.push(parsedAt - started);
    phases.validate.push(validatedAt - parsedAt);
    phases.compile.push(compiledAt - validatedAt);
    phases.plan.push(plannedAt - compiledAt);
    phases.total.push(plannedAt - started);
  };
  return { graph, run, phases };
}

/** The yardstick: a JSON round trip of `graph`. */
function jsonWorkload(graph: FlowGraph) {
  const samples: number[] = [];
  const run = (record: boolean) => {
    const started = performance.now();
    JSON.parse(JSON.stringify(graph));
    if (record) samples.push(performance.now() - started);
  };
  return { run, samples };
}

function serverBench() {
  const typical = serverWorkload(7500);
  const dense = serverWorkload(20_000);
  const json = jsonWorkload(typical.graph);
  for (let i = 0; i < warmUps + runs; i++) {
    const record = i >= warmUps;
    typical.run(record);
    json.run(record);
    dense.run(record);
  }
  for (const [label, w] of [
    ['7500', typical],
    ['20000', dense],
  ] as const) {
    const p = w.phases;
    console.log(
      `server nodes=${w.graph.nodes.length} edges=${w.graph.edges.length} (target ${label}): total=${fixed(median(p.total))}ms ` +
        `parse=${fixed(median(p.parse))} validate=${fixed(median(p.validate))} compile=${fixed(median(p.compile))} plan=${fixed(median(p.plan))}`,
    );
  }
  console.log(`json round trip nodes=${typical.graph.nodes.length} edges=${typical.graph.edges.length}: ${fixed(median(json.samples))}ms`);
  return { serverMs: median(typical.phases.total), jsonMs: median(json.samples) };
}

/** Builds the editor bench page for production, as users get the editor, into a fresh temporary folder. */
async function buildEditorPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'efs-bench-model-'));
  await build({
    root: join(import.meta.dirname, 'model'),
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
  });
  return outDir;
}

type BenchWindow = { efsModelBench?: ModelBenchApi };

async function editorBench(browser: Browser, base: string, editorNodes: number): Promise<EditResult[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}?nodes=${editorNodes}&edges=${Math.round(editorNodes * 1.5)}`);
    const ready = await page.waitForFunction(
      () => {
        const bench = (globalThis as BenchWindow).efsModelBench;
        return bench && (bench.ready || bench.error) ? { error: bench.error } : null;
      },
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    const { error } = (await ready.jsonValue()) as { error: string | null };
    if (error) throw new Error(`the editor page failed: ${error}`);
    const results: EditResult[] = [];
    for (let i = 0; i < editWarmUps + edits; i++) {
      const result = await page.evaluate(() => (globalThis as BenchWindow).efsModelBench!.edit());
      if (i >= editWarmUps) results.push(result);
    }
    const diagnostics = new Set(results.map((r) => r.diagnostics));
    if (diagnostics.size !== 2) throw new Error(`the edits did not change the diagnostics: ${[...diagnostics].join(', ')}`);
    console.log(
      `editor nodes=${editorNodes}: diagnostics p95=${fixed(p95(results.map((r) => r.diagnosticsMs)))}ms median=${fixed(median(results.map((r) => r.diagnosticsMs)))}ms ` +
        `shown median=${fixed(median(results.map((r) => r.shownMs)))}ms longest task max=${fixed(Math.max(...results.map((r) => r.longestTaskMs)))}ms ` +
        `median=${fixed(median(results.map((r) => r.longestTaskMs)))}ms`,
    );
    return results;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const { serverMs, jsonMs } = serverBench();
  const dir = await buildEditorPage();
  const server = await serveDirectory(dir);
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  let edit2000: EditResult[];
  let edit5000: EditResult[];
  try {
    edit2000 = await editorBench(browser, server.url, 2000);
    edit5000 = await editorBench(browser, server.url, 5000);
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    `bench:model nodes=${nodes} server_ms=${fixed(serverMs)} json_ms=${fixed(jsonMs)} ` +
      `edit_2000_ms=${fixed(p95(edit2000.map((r) => r.diagnosticsMs)))} longest_task_5000_ms=${fixed(Math.max(...edit5000.map((r) => r.longestTaskMs)))}`,
  );
}

await main();
