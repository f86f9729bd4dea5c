/**
 * Prints how large a plan is as JSON (what flows.plan sends) and how many field changes it carries, for
 * the model benchmark's 5,000-node flows. A program that prints figures, not a test.
 */
import { compile, plan } from '@event-flows/model';
import { benchFlow } from './model/benchFlow.ts';

for (const edges of [7_500, 20_000]) {
  const { graph, actual } = benchFlow(5_000, edges);
  const p = plan(compile(graph, { flowId: 'bench' }), actual, { role: 'admin' });
  const fields = p.actions.reduce((n, a) => n + a.changes.length, 0);
  console.log(`plan nodes=5000 edges=${edges} actions=${p.actions.length} fields=${fields} json_mb=${(JSON.stringify(p).length / 1_048_576).toFixed(2)}`);
}
