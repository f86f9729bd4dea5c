/**
 * The typed client against the real server over HTTP: an embedded broker, PGlite, the HTTP edge and
 * the in-process runtime (startHttpBed). Proves the bearer token travels, the stable error codes
 * arrive typed, the optimistic save resolves a conflict both ways, and the status stream pushes
 * updates over SSE with the token in its Authorization header, never in its URL.
 */
import {
  busyRetryDelay,
  createClient,
  createOptionsProxy,
  keepMineInput,
  retryWhenBusy,
  saveFlowMutationOptions,
  type BindingStatusRow,
  type EventFlowsClient,
  type FlowView,
  type SaveOutcome,
} from '@event-flows/client';
import { apiLimits, pipelineGraph } from '@event-flows/model';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../../server/src/testing/httpBed.ts';

let bed: HttpBed;

function clientFor(token: string | undefined): EventFlowsClient {
  return createClient({ apiUrl: bed.url, getToken: () => token, EventSource });
}

/** The status stream's requests the server has received since the `from`th request. */
const statusStreamRequests = (from: number) => bed.received.slice(from).filter((request) => request.url.startsWith('/trpc/runtime.statusStream'));

/** Subscribes to acme's status stream; `received` fills with each list delivered. */
function watchStatuses(client: EventFlowsClient): { received: BindingStatusRow[][]; stop(): void } {
  const received: BindingStatusRow[][] = [];
  const trpc = createOptionsProxy(client, new QueryClient());
  const subscription = trpc.runtime.statusStream.subscriptionOptions({ orgId: 'acme' }).subscribe({ onData: (statuses) => received.push([...statuses]) });
  return { received, stop: () => subscription.unsubscribe() };
}

/** The error a call failed with; fails the test when the call succeeds. */
async function failure(call: Promise<unknown>): Promise<TRPCClientError<never>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  bed = await startHttpBed({ runtime: true });
}, 60_000);
afterAll(async () => bed?.close());

describe('createClient', () => {
  it('makes typed calls with the bearer token', async () => {
    const member = clientFor(tokens.member);
    const me = await member.session.me.query();
    expect(me.user).toMatchObject({ id: 'max', role: 'member', orgId: 'acme' });
    expect(me.orgs.map((o) => o.id)).toEqual(['acme']);
    // Batched: both calls go in one request, each typed on its own.
    const [created, algorithms] = await Promise.all([
      member.flows.create.mutate({ orgId: 'acme', name: 'Typed', graph: pipelineGraph() }),
      member.catalog.algorithms.query({ orgId: 'acme' }),
    ]);
    expect(created).toMatchObject({ orgId: 'acme', name: 'Typed', revision: 1 });
    expect(algorithms.map((a) => a.ref)).toContain('acme/classify');
    const flow = await member.flows.get.query({ id: created.id });
    expect(flow.graph.nodes).toHaveLength(pipelineGraph().nodes.length);
    expect(flow.deployedRevision).toBeNull();
  });

  it(`sends more than ${apiLimits.batchCalls} calls made at once as several batches the server accepts`, async () => {
    const viewer = clientFor(tokens.viewer);
    const from = bed.received.length;
    const calls = apiLimits.batchCalls + 5;
    const answers = await Promise.all(Array.from({ length: calls }, () => viewer.session.me.query()));
    expect(answers.map((a) => a.user.id)).toEqual(Array.from({ length: calls }, () => 'val'));
    const batches = bed.received.slice(from).filter((request) => request.url.startsWith('/trpc/session.me'));
    expect(batches.length).toBe(2);
  });

  it('asks again for queries the server refused as busy, so a burst of plans all resolve', async () => {
    const { id } = await clientFor(tokens.member).flows.create.mutate({ orgId: 'acme', name: 'Burst', graph: pipelineGraph() });
    const viewer = clientFor(tokens.viewer);
    // As many batches at once as the person may run plans, and one more: the server runs a batch's
    // calls one after another, so the requests run one plan each at once, one over the limit.
    const calls = apiLimits.batchCalls * (apiLimits.expensiveCallsPerUser + 1);
    const burst = (queryClient: QueryClient) =>
      Promise.allSettled(Array.from({ length: calls }, (_, i) => queryClient.fetchQuery({ queryKey: ['plan', i], queryFn: () => viewer.flows.plan.query({ id }) })));
    const once = await burst(new QueryClient({ defaultOptions: { queries: { retry: false } } }));
    expect(once.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    const retried = await burst(new QueryClient({ defaultOptions: { queries: { retry: retryWhenBusy, retryDelay: busyRetryDelay } } }));
    expect(retried.map((r) => r.status)).toEqual(Array.from({ length: calls }, () => 'fulfilled'));
  }, 120_000);

  it('gets 401 UNAUTHORIZED without a token, and 403 FORBIDDEN for a viewer’s change', async () => {
    const error = await failure(clientFor(undefined).session.me.query());
    expect(error.data).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
    expect((await clientFor(undefined).session.status.query()).signedIn).toBe(false);
    const refused = await failure(clientFor(tokens.viewer).flows.create.mutate({ orgId: 'acme', name: 'Nope' }));
    expect(refused.data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
  });
});

describe('saving a flow', () => {
  it('yields a conflict with both revisions when someone saved first, and keeps mine on top of theirs', async () => {
    const member = clientFor(tokens.member);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    const trpc = createOptionsProxy(member, queryClient);
    const created = await member.flows.create.mutate({ orgId: 'acme', name: 'Orders', description: 'v1' });
    const queryKey = trpc.flows.get.queryKey({ id: created.id });
    await queryClient.fetchQuery(trpc.flows.get.queryOptions({ id: created.id }));
    // Every value the cache holds for the flow, in order, to see the optimistic update.
    const seen: Array<Pick<FlowView, 'name' | 'revision'>> = [];
    queryClient.getQueryCache().subscribe((event) => {
      const data = event.query.state.data as FlowView | undefined;
      if (event.type === 'updated' && event.action.type === 'success' && JSON.stringify(event.query.queryKey) === JSON.stringify(queryKey) && data) {
        seen.push({ name: data.name, revision: data.revision });
      }
    });

    // Someone else (the admin) saves revision 2 first.
    const theirs = await clientFor(tokens.admin).flows.save.mutate({ id: created.id, baseRevision: 1, name: 'Orders (theirs)', description: 'theirs', graph: pipelineGraph() });
    expect(theirs.revision).toBe(2);

    const save = new MutationObserver(queryClient, saveFlowMutationOptions({ client: member, trpc, queryClient }));
    const mine = { id: created.id, baseRevision: 1, name: 'Orders (mine)', description: 'mine', graph: { nodes: [], edges: [] } };
    const outcome: SaveOutcome = await save.mutate(mine);
    if (outcome.status !== 'conflict') throw new Error(`expected a conflict, got ${outcome.status}`);
    expect(outcome.conflict.mine).toEqual(mine);
    expect(outcome.conflict.theirs).toMatchObject({ id: created.id, revision: 2, name: 'Orders (theirs)', description: 'theirs' });
    expect(outcome.conflict.theirs.graph.nodes).toHaveLength(pipelineGraph().nodes.length);
    // Shown optimistically, then replaced by their revision (the server's truth).
    expect(seen).toEqual([
      { name: 'Orders (mine)', revision: 1 },
      { name: 'Orders (theirs)', revision: 2 },
    ]);

    // Keep mine: the same edit, based on their revision.
    const again = await save.mutate(keepMineInput(outcome.conflict));
    if (again.status !== 'saved') throw new Error('keep-mine did not save');
    expect(again.flow).toMatchObject({ revision: 3, name: 'Orders (mine)', description: 'mine' });
    expect(queryClient.getQueryData(queryKey)).toMatchObject({ revision: 3, name: 'Orders (mine)', deployedRevision: null });
    expect(await member.flows.get.query({ id: created.id })).toMatchObject({ revision: 3, name: 'Orders (mine)', graph: { nodes: [], edges: [] } });
    expect((await member.flows.history.query({ id: created.id })).map((r) => r.revision)).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  it('fetches the plan again after a save, even one no panel shows: a plan is of one revision', async () => {
    const member = clientFor(tokens.member);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    const trpc = createOptionsProxy(member, queryClient);
    const created = await member.flows.create.mutate({ orgId: 'acme', name: 'Planned' });
    const planKey = trpc.flows.plan.queryKey({ id: created.id });
    expect(await queryClient.fetchQuery(trpc.flows.plan.queryOptions({ id: created.id }))).toMatchObject({ revision: 1 });
    const save = new MutationObserver(queryClient, saveFlowMutationOptions({ client: member, trpc, queryClient }));
    const outcome = await save.mutate({ id: created.id, baseRevision: 1, name: 'Planned', description: '', graph: pipelineGraph() });
    expect(outcome.status).toBe('saved');
    expect(queryClient.getQueryData(planKey)).toMatchObject({ revision: 2 });
  });

  it('puts the cache back when a save fails for another reason', async () => {
    const member = clientFor(tokens.member);
    const viewer = clientFor(tokens.viewer);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
    const trpc = createOptionsProxy(viewer, queryClient);
    const created = await member.flows.create.mutate({ orgId: 'acme', name: 'Read only' });
    await queryClient.fetchQuery(trpc.flows.get.queryOptions({ id: created.id }));
    const save = new MutationObserver(queryClient, saveFlowMutationOptions({ client: viewer, trpc, queryClient }));
    const error = await failure(save.mutate({ id: created.id, baseRevision: 1, name: 'Changed', description: '', graph: { nodes: [], edges: [] } }));
    expect(error.data).toMatchObject({ code: 'FORBIDDEN' });
    expect(queryClient.getQueryData(trpc.flows.get.queryKey({ id: created.id }))).toMatchObject({ name: 'Read only', revision: 1 });
  });
});

describe('the binding status stream', () => {
  it('delivers the statuses over SSE, and an update once a deployed flow runs', async () => {
    const member = clientFor(tokens.member);
    const trpc = createOptionsProxy(member, new QueryClient());
    const received: BindingStatusRow[][] = [];
    let notify: () => void = () => undefined;
    const subscription = trpc.runtime.statusStream.subscriptionOptions({ orgId: 'acme' }).subscribe({
      onData: (statuses) => {
        received.push([...statuses]);
        notify();
      },
    });
    const until = (done: () => boolean) =>
      new Promise<void>((resolve) => {
        notify = () => done() && resolve();
        notify();
      });
    try {
      await until(() => received.length > 0);
      expect(received[0]).toEqual([]);

      const flow = await member.flows.create.mutate({ orgId: 'acme', name: 'Live', graph: pipelineGraph() });
      const deployed = await member.flows.deploy.mutate({ id: flow.id, revision: flow.revision });
      expect(deployed.status).toBe('deployed');
      await until(() => received.some((list) => list.some((s) => s.algorithm === 'acme/classify' && s.state === 'running')));
      const latest = received.at(-1) ?? [];
      expect(latest.every((s) => s.algorithm.startsWith('acme/'))).toBe(true);
      expect(latest.find((s) => s.algorithm === 'acme/classify')).toMatchObject({ flowId: flow.id, topic: 'orders' });
    } finally {
      subscription.unsubscribe();
    }
  });

  it('sends the token in the Authorization header and none in the URL, with the default EventSource', async () => {
    const from = bed.received.length;
    const stream = watchStatuses(createClient({ apiUrl: bed.url, getToken: () => tokens.member }));
    try {
      await expect.poll(() => stream.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
    } finally {
      stream.stop();
    }
    const requests = statusStreamRequests(from);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', authorization: `Bearer ${tokens.member}` });
    expect(decodeURIComponent(requests[0]?.url ?? '')).not.toContain(tokens.member);
    expect(requests[0]?.url).not.toContain('connectionParams');
  });

  it('asks getToken again when the stream reconnects after a dropped connection, and sends the new token', async () => {
    const from = bed.received.length;
    // The host refreshes the token between the two connections.
    const given = [tokens.member, tokens.admin];
    let asked = 0;
    const stream = watchStatuses(createClient({ apiUrl: bed.url, getToken: () => given[Math.min(asked++, given.length - 1)], EventSource }));
    try {
      await expect.poll(() => stream.received.length, { timeout: 10_000 }).toBe(1);
      bed.dropConnections();
      // The EventSource waits its reconnection time (3 s) before it connects again.
      await expect.poll(() => stream.received.length, { timeout: 15_000 }).toBe(2);
    } finally {
      stream.stop();
    }
    const requests = statusStreamRequests(from);
    expect(requests.map((request) => request.authorization)).toEqual([`Bearer ${tokens.member}`, `Bearer ${tokens.admin}`]);
    expect(requests.every((request) => !request.url.includes('connectionParams'))).toBe(true);
  });

  it('refuses an EventSource that cannot send headers, such as a browser’s own', () => {
    // Stands for a browser's EventSource (Node 20 has none): its shape, without taking a custom fetch.
    class HeaderlessEventSource extends EventTarget {
      readonly CLOSED = 2;
      readonly CONNECTING = 0;
      readonly OPEN = 1;
      readonly readyState = 0;
      close(): void {}
    }
    expect(() => createClient({ apiUrl: bed.url, getToken: () => tokens.member, EventSource: HeaderlessEventSource })).toThrow(/custom fetch/);
  });

  it('refuses the stream of another org', async () => {
    const errors: unknown[] = [];
    const trpc = createOptionsProxy(clientFor(tokens.otherMember), new QueryClient());
    await new Promise<void>((resolve) => {
      const subscription = trpc.runtime.statusStream.subscriptionOptions({ orgId: 'acme' }).subscribe({
        onError: (error) => {
          errors.push(error);
          subscription.unsubscribe();
          resolve();
        },
      });
    });
    expect(errors[0]).toBeInstanceOf(TRPCClientError);
    expect((errors[0] as TRPCClientError<never>).data).toMatchObject({ code: 'NOT_FOUND' });
  });
});
