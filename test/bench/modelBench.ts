/**
 * bench:model — times parse + validate + compile + plan on random valid graphs of 10,000 and 20,000 nodes
 * (about 1.5 edges per node): one warm-up, then the median of 7 runs each. The last line is the
 * figure compared from one change to the next.
 */
import { compile, demoAdmin, flowGraphSchema, generateFlow, plan, validateGraph } from '@event-flows/model';

const runs = 7;
// The product refuses graphs over 5,000 nodes; the benchmark raises the limit to measure growth.
const schema = flowGraphSchema({ nodes: 40_000, edges: 80_000 });

function medianMs(nodes: number): { median: number; edges: number; actions: number } {
  const { graph, catalog, actual } = generateFlow(nodes, 42);
  const once = () => {
    // A fresh copy per run: the model keeps per-graph indexes, and each run must pay for its own.
    const input = structuredClone(graph);
    const started = performance.now();
    // The server's path: parse the untrusted graph once, then validate, compile and plan the parsed value.
    const parsed = schema.parse(input);
    const diagnostics = validateGraph(parsed, catalog, demoAdmin, { flowId: 'bench' });
    const desired = compile(parsed, catalog, { flowId: 'bench' });
    const p = plan(desired, actual, { role: 'admin' });
    const ms = performance.now() - started;
    if (diagnostics.some((d) => d.severity === 'error')) throw new Error(`generated graph is invalid: ${diagnostics[0]?.message}`);
    return { ms, actions: p.actions.length };
  };
  once();
  const samples: number[] = [];
  let actions = 0;
  for (let i = 0; i < runs; i++) {
    const r = once();
    samples.push(r.ms);
    actions = r.actions;
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] as number, edges: graph.edges.length, actions };
}

const small = medianMs(10_000);
const large = medianMs(20_000);
console.log(`nodes=10000 edges=${small.edges} plan_actions=${small.actions} median_ms=${small.median.toFixed(1)}`);
console.log(`nodes=20000 edges=${large.edges} plan_actions=${large.actions} median_ms=${large.median.toFixed(1)}`);
console.log(`bench:model nodes=10000 median_ms=${small.median.toFixed(1)} ratio_20000_to_10000=${(large.median / small.median).toFixed(2)}`);
