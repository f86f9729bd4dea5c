/**
 * Prints how large a plan is as JSON, in full and as `flows.plan` sends it (compact: the fields each
 * action's object says by itself left out, derived again by the review), and how many field changes it
 * carries, for the model benchmark's 5,000-node flows. A program that prints figures, not a test.
 */
import { actionChanges, compactPlan, compile, plan } from '@event-flows/model';
import { benchFlow } from './model/benchFlow.ts';

const mb = (value: unknown) => (JSON.stringify(value).length / 1_048_576).toFixed(2);

for (const edges of [7_500, 20_000]) {
  const { graph, actual } = benchFlow(5_000, edges);
  const p = plan(compile(graph, { flowId: 'bench' }), actual, { role: 'admin' });
  const fields = p.actions.reduce((n, a) => n + actionChanges(a).length, 0);
  console.log(`plan nodes=5000 edges=${edges} actions=${p.actions.length} fields=${fields} json_mb=${mb(p)} sent_json_mb=${mb(compactPlan(p))}`);
}
