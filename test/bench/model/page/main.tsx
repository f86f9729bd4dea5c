import { createEditorStore, EventFlowsEditor } from '@event-flows/editor';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import type { EditResult, ModelBenchApi } from '../benchApi.ts';
import { benchFlow } from '../benchFlow.ts';

/**
 * The bench page: `?nodes=2000&edges=3000` mounts the editor on `benchFlow(nodes, edges)` and leaves
 * an `edit()` on `window.efsModelBench` that changes one algorithm's version and measures the editor's
 * revalidation.
 */
const params = new URLSearchParams(location.search);
const { graph, catalog } = benchFlow(Number(params.get('nodes') ?? 2000), Number(params.get('edges') ?? 3000));
const actor = { role: 'member' as const, orgId: 'acme' };
const store = createEditorStore({ graph, catalog, actor, readOnly: false });
const edited = graph.nodes.find((n) => n.kind === 'algorithm');
if (!edited) throw new Error('no algorithm in the flow');

// Long tasks (50 ms or more: the API reports none shorter) as the browser reports them.
const longTasks: Array<{ start: number; duration: number }> = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: false });

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
let unknown = false;

const api: ModelBenchApi = {
  ready: false,
  error: null,
  async edit(): Promise<EditResult> {
    await frame();
    unknown = !unknown;
    const started = performance.now();
    store.getState().actions.updateAlgorithm(edited.id, { version: unknown ? '9.9.9' : '1.0.0' });
    const validated = performance.now();
    const diagnostics = store.getState().diagnostics.length;
    // React renders the change after this task; the frame after the next one has it on screen.
    await frame();
    await frame();
    const shown = performance.now();
    // Entries arrive after their task: give the observer a turn.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const during = longTasks.filter((t) => t.start + t.duration >= started && t.start <= shown).map((t) => t.duration);
    return { diagnosticsMs: validated - started, shownMs: shown - started, longestTaskMs: Math.max(validated - started, ...during), diagnostics };
  },
};
(window as unknown as { efsModelBench: ModelBenchApi }).efsModelBench = api;

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
createRoot(container).render(<EventFlowsEditor graph={graph} catalog={catalog} actor={actor} store={store} />);
// Ready once the canvas shows nodes, and a second later, when mounting's own tasks are over.
const waitForNodes = () => {
  if (document.querySelector('.react-flow__node')) setTimeout(() => (api.ready = true), 1000);
  else setTimeout(waitForNodes, 50);
};
waitForNodes();
window.addEventListener('error', (event) => (api.error = event.message));
