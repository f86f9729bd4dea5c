import { demoAdmin, demoCatalog, pipelineGraph, type FlowEdge } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';

afterEach(() => cleanup());

/** The demo pipeline with its first subscription (orders → acme/classify) selected, so the inspector shows it. */
async function mountSubscription() {
  const graph = pipelineGraph();
  const catalog = demoCatalog();
  const store = createEditorStore({ graph, catalog, actor: demoAdmin, readOnly: false });
  store.getState().actions.select({ edgeIds: ['e1'] });
  await render(
    <div style={{ width: 1260, height: 780 }}>
      <EventFlowsEditor graph={graph} catalog={catalog} actor={demoAdmin} store={store} />
    </div>,
  );
  return store;
}

type Store = Awaited<ReturnType<typeof mountSubscription>>;
const inspector = () => page.getByRole('region', { name: 'Inspector' });
const retryOf = (store: Store) => store.getState().graph.edges.find((e: FlowEdge) => e.id === 'e1')?.retry;

async function type(label: string, text: string) {
  await userEvent.fill(inspector().getByLabelText(label, { exact: true }), text);
  await userEvent.keyboard('{Enter}');
}

describe('the retry editor of a subscription', () => {
  it('gives the subscription a policy of its own, summed up in one line, with the rebalance warning when it is too long', async () => {
    const store = await mountSubscription();
    await expect.element(inspector().getByText("Uses its algorithm's: 3 attempts, exponential 1 s → 5 min max, up to 21 min 3 s in all")).toBeInTheDocument();
    await inspector().getByRole('checkbox', { name: 'Retry policy of its own' }).click();
    expect(retryOf(store)).toEqual({ maxAttempts: 3, backoffMs: 1_000 });

    await type('Attempts in all', '5');
    await inspector().getByLabelText('Backoff grows').selectOptions('exponential');
    await type('Longest wait (ms)', '30000');
    await type('Time-out per attempt (ms)', '27200');
    expect(retryOf(store)).toEqual({ maxAttempts: 5, backoffMs: 1_000, backoff: 'exponential', maxBackoffMs: 30_000, attemptTimeoutMs: 27_200 });
    await expect.element(inspector().getByText('5 attempts, exponential 1 s → 30 s max, up to 2 min 31 s in all', { exact: true })).toBeInTheDocument();
    await expect.element(inspector().getByRole('note').filter({ hasText: /rebalance/ })).toHaveTextContent(/longer than the 1 min the consumer group waits/);

    await type('Time-out per attempt (ms)', '5000');
    await expect.element(inspector().getByRole('note').filter({ hasText: /rebalance/ })).not.toBeInTheDocument();

    await type('Transient HTTP statuses', '429, 503');
    await inspector().getByRole('checkbox', { name: 'Wait as Retry-After asks (429 and 503)' }).click();
    expect(retryOf(store)).toMatchObject({ transientStatuses: [429, 503], honourRetryAfter: false });

    await inspector().getByRole('checkbox', { name: 'Retry policy of its own' }).click();
    expect(retryOf(store)).toBeUndefined();
  });

  it('says what is wrong beside each field and keeps the policy as it was', async () => {
    const store = await mountSubscription();
    await inspector().getByRole('checkbox', { name: 'Retry policy of its own' }).click();

    await type('Attempts in all', '0');
    await expect.element(inspector().getByRole('alert').filter({ hasText: 'Attempts in all' })).toHaveTextContent('Attempts in all is a whole number from 1 to 100; “0” is not.');

    await type('Transient HTTP statuses', '429, 200, soon');
    await expect.element(inspector().getByRole('alert').filter({ hasText: 'HTTP' })).toHaveTextContent('“200” and “soon” are not HTTP error statuses (400 to 599).');
    await expect.element(inspector().getByLabelText('Transient HTTP statuses')).toHaveAttribute('aria-invalid', 'true');

    await type('Longest wait (ms)', '500');
    await expect.element(inspector().getByRole('alert').filter({ hasText: 'longest wait' })).toHaveTextContent('The longest wait (500 ms) is shorter than the first backoff (1 s).');
    expect(retryOf(store)).toEqual({ maxAttempts: 3, backoffMs: 1_000, maxBackoffMs: 500 });
  });
});
