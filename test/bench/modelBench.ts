/**
 * bench:model — times parse + validate + compile + plan on random valid graphs of 10,000 and 20,000 nodes
 * (about 1.5 edges per node): five warm-up runs of each, then the median of 21 runs of each, the sizes
 * taking turns. The baseline, timed in the same turns, is a JSON round trip of the same two graphs: the
 * least any server spends on receiving such a graph, a yardstick for how fast the machine is right now,
 * and, in its own 20,000/10,000 ratio, how much more than twice the time plain linear work of that size
 * takes on this machine (caches, page faults and the garbage collector's young generation all grow with
 * it, and V8's own JSON.parse is as linear as code gets).
 * Each size also reports the garbage collector's share of a run and how many young-generation
 * collections a run meets; after the timed runs, how much one run leaves alive, against the size of
 * V8's young generation (each young collection copies what is alive, and what survives takes room from
 * the next objects, so a run whose live data outgrows it meets more collections, each copying more). The
 * last line is the figure compared from one change to the next.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { compile, demoAdmin, flowGraphSchema, generateFlow, plan, validateGraph } from '@event-flows/model';

const runs = 21;
// V8 compiles a function with optimisations only after a few calls, in the background: the first runs
// of a fresh process measure the compiler, not the model (they take twice as long).
const warmUps = 5;
// The product refuses graphs over 5,000 nodes; the benchmark raises the limit to measure growth.
const schema = flowGraphSchema({ nodes: 40_000, edges: 80_000 });

const phases = ['parse', 'validate', 'compile', 'plan'] as const;

function median(samples: readonly number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

// Garbage collections as the runtime reports them (start and duration, ms), to tell each run's share.
const collections: Array<{ start: number; duration: number; young: boolean }> = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    collections.push({ start: entry.startTime, duration: entry.duration, young: kind === constants.NODE_PERFORMANCE_GC_MINOR });
  }
}).observe({ entryTypes: ['gc'] });

/** The collections that started between `from` and `to` (entries arrive after the fact). */
function collectionsBetween(from: number, to: number) {
  return collections.filter((c) => c.start >= from && c.start < to);
}

/** One size's workload: a run times the server's path on a fresh copy of the graph, phase by phase. */
function workload(nodes: number) {
  const { graph, catalog, actual } = generateFlow(nodes, 42);
  // What the server gets: tRPC hands a procedure the JSON.parse of the request body, and a stored
  // flow comes back from the database as JSON too. Parsing the text is not the model's work.
  const body = JSON.stringify(graph);
  const samples: number[] = [];
  const spans: Array<[number, number]> = [];
  const phaseSamples = { parse: [] as number[], validate: [] as number[], compile: [] as number[], plan: [] as number[] };
  let actions = 0;
  const run = (record: boolean) => {
    // A fresh copy per run: the model keeps per-graph indexes, and each run must pay for its own.
    const received: { body?: unknown } = { body: JSON.parse(body) };
    const started = performance.now();
    // The server's path: parse the untrusted graph once, drop what was received, then validate, compile
    // and plan the parsed value.
    const parsed = schema.parse(received.body);
    delete received.body;
    const parsedAt = performance.now();
    const diagnostics = validateGraph(parsed, catalog, demoAdmin, { flowId: 'bench' });
    const validatedAt = performance.now();
    const desired = compile(parsed, catalog, { flowId: 'bench' });
    const compiledAt = performance.now();
    const p = plan(desired, actual, { role: 'admin' });
    const plannedAt = performance.now();
    if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`generated graph is invalid: ${diagnostics[0]?.message}`);
    actions = p.actions.length;
    // What the run leaves alive (the graph's index lives as long as the parsed graph).
    const live = { parsed, diagnostics, desired, plan: p };
    if (!record) return live;
    samples.push(plannedAt - started);
    spans.push([started, plannedAt]);
    phaseSamples.parse.push(parsedAt - started);
    phaseSamples.validate.push(validatedAt - parsedAt);
    phaseSamples.compile.push(compiledAt - validatedAt);
    phaseSamples.plan.push(plannedAt - compiledAt);
    return live;
  };
  return {
    nodes,
    edges: graph.edges.length,
    run: () => run(false),
    measure: () => run(true),
    result: () => {
      const perRun = spans.map(([from, to]) => collectionsBetween(from, to));
      return {
        actions,
        median: median(samples),
        // Each phase's own median: they need not add up to the whole run's.
        phases: phases.map((phase) => `${phase}=${median(phaseSamples[phase]).toFixed(1)}`).join(' '),
        collecting: median(perRun.map((run) => run.reduce((ms, c) => ms + c.duration, 0))),
        youngPerRun: perRun.reduce((n, run) => n + run.filter((c) => c.young).length, 0) / perRun.length,
      };
    },
  };
}

/** The baseline: JSON.stringify then JSON.parse of the same graph. */
function jsonRoundTrip(nodes: number) {
  const { graph } = generateFlow(nodes, 42);
  const samples: number[] = [];
  const run = () => {
    const started = performance.now();
    if ((JSON.parse(JSON.stringify(graph)) as typeof graph).nodes.length !== graph.nodes.length) throw new Error('round trip lost nodes');
    return performance.now() - started;
  };
  return { run, measure: () => samples.push(run()), median: () => median(samples) };
}

const baseline = jsonRoundTrip(10_000);
const small = workload(10_000);
const large = workload(20_000);
// Taking turns, a slow spell of this shared machine slows every workload alike instead of skewing the ratios.
for (let i = 0; i < warmUps; i++) {
  baseline.run();
  small.run();
  large.run();
}
for (let i = 0; i < runs; i++) {
  baseline.measure();
  small.measure();
  large.measure();
}
// The baseline's growth, timed after the model's runs so that its garbage does not shift theirs: how
// two JSON round trips of the sizes compare, sizes taking turns, on this machine right now.
const growth = [jsonRoundTrip(10_000), jsonRoundTrip(20_000)] as const;
for (let i = 0; i < warmUps + runs; i++) {
  for (const g of growth) {
    if (i < warmUps) g.run();
    else g.measure();
  }
}
// The runtime reports collections after the fact: let the last ones arrive.
await new Promise((resolve) => setTimeout(resolve, 100));

const a = small.result();
const b = large.result();

// Forced collections, for what one run leaves alive; exposed only now, after every timed run, because
// they would shift the runs' own collections.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
// Twice: after a single forced collection the figure once came out 11 MB low (garbage left behind).
const collect = () => {
  gc();
  gc();
};

/** The heap one run leaves alive, in MB: collected before and after a run whose results are kept. */
function liveMegabytes(size: ReturnType<typeof workload>, planned: number): number {
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = size.run();
  collect();
  const live = process.memoryUsage().heapUsed - before;
  // Read after the collection, so that the results stay alive through it.
  if (kept.plan.actions.length !== planned) throw new Error('the kept run planned otherwise');
  return live / 1e6;
}
const liveSmall = liveMegabytes(small, a.actions);
const liveLarge = liveMegabytes(large, b.actions);
// The young generation is two halves: one takes new objects, the other what survives a collection.
const youngHalf = (v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0) / 2 / 1e6;
const base = baseline.median();
console.log(`baseline: JSON round trip of the 10000-node graph median_ms=${base.toFixed(1)}`);
console.log(`baseline growth: JSON round trip of 20000 nodes against 10000 (timed apart) ratio=${(growth[1].median() / growth[0].median()).toFixed(2)}`);
console.log(`nodes=${small.nodes} edges=${small.edges} plan_actions=${a.actions} median_ms=${a.median.toFixed(1)} (${(a.median / base).toFixed(1)}x baseline; ${a.phases}; gc=${a.collecting.toFixed(1)}, young collections per run=${a.youngPerRun.toFixed(2)})`);
console.log(`nodes=${large.nodes} edges=${large.edges} plan_actions=${b.actions} median_ms=${b.median.toFixed(1)} (${b.phases}; gc=${b.collecting.toFixed(1)}, young collections per run=${b.youngPerRun.toFixed(2)})`);
console.log(`live after one run: ${small.nodes} nodes ${liveSmall.toFixed(1)} MB, ${large.nodes} nodes ${liveLarge.toFixed(1)} MB; V8's young generation holds ${youngHalf.toFixed(1)} MB`);
console.log(`bench:model nodes=10000 median_ms=${a.median.toFixed(1)} ratio_20000_to_10000=${(b.median / a.median).toFixed(2)}`);
