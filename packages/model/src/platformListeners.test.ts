import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import type { Actual, Binding } from './desired.ts';
import { FlowGraph } from './graph.ts';
import { applyPlan } from './plan/applyPlan.ts';
import { describeAction } from './plan/describe.ts';
import { plan } from './plan/plan.ts';
import { connectionForListener, listenersIntoGraph, type PlatformListener } from './platformListeners.ts';

const connections = [
  { id: 'local', name: 'Local Kafka', bootstrap: ['broker-1:9092', 'broker-2:9092'] },
  { id: 'eu', name: 'EU Kafka', bootstrap: ['eu-1:9092'] },
];

const listener = (id: string, over: Partial<PlatformListener> = {}): PlatformListener => ({
  id,
  userId: 'max',
  sourceType: 'Kafka',
  algorithm: 'acme/classify',
  version: '1.1.0',
  topic: 'orders',
  bootstrap: ['BROKER-2:9092', 'broker-1:9092'],
  timeoutSeconds: 60,
  ...over,
});

describe('listenersIntoGraph', () => {
  it('turns a listener into an adopted topic on its connection, the algorithm at its version with its time-out, and a subscribe edge', () => {
    const adoption = listenersIntoGraph({ nodes: [], edges: [] }, [listener('l-1')], connections);
    expect(adoption.leftOut).toEqual([]);
    expect(adoption.addedNodes).toEqual([
      { id: 'listener-topic-1', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders', adopted: true },
      { id: 'listener-algorithm-1', kind: 'algorithm', position: { x: 340, y: 0 }, algorithm: 'acme/classify', version: '1.1.0', timeoutMs: 60_000 },
    ]);
    expect(adoption.addedEdges).toEqual([{ id: 'listener-edge-1', kind: 'subscribe', source: 'listener-topic-1', target: 'listener-algorithm-1' }]);
    expect(adoption.origins).toEqual([{ algorithm: 'acme/classify', connection: 'local', topic: 'orders', listener: { userId: 'max', id: 'l-1' } }]);
    expect(FlowGraph.safeParse(adoption.graph).success).toBe(true);
    const binding = compile(adoption.graph, { flowId: 'f' }).bindings[0];
    expect(binding).toMatchObject({ direction: 'subscribe', version: '1.1.0', timeoutMs: 60_000, topic: 'orders', connection: 'local' });
  });

  it('reuses the graph\'s topic and algorithm, gives a second version to the edge, and leaves out what it cannot place, with the reason', () => {
    const graph: FlowGraph = {
      nodes: [
        { id: 't', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
        { id: 'a', kind: 'algorithm', position: { x: 300, y: 0 }, algorithm: 'acme/enrich', version: '1.0.0' },
      ],
      edges: [],
    };
    const adoption = listenersIntoGraph(
      graph,
      [
        listener('l-1', { algorithm: 'acme/enrich', version: '0.9.0', timeoutSeconds: undefined }),
        listener('l-2', { bootstrap: ['nowhere:9092'] }),
        listener('l-3', { sourceType: 'SQS' }),
        listener('l-4', { topic: 'bad topic' }),
        listener('l-5', { timeoutSeconds: 99_999 }),
        listener('l-6', { algorithm: 'acme/enrich', version: '1.0.0', timeoutSeconds: undefined }),
        listener('l-7', { bootstrap: ['eu-1:9092'], topic: 'eu.orders', algorithm: 'acme/alert', version: '2.0.0', timeoutSeconds: 420 }),
      ],
      connections,
    );
    expect(adoption.leftOut.map((l) => [l.name, l.reason])).toEqual([
      ['orders → acme/classify (listener l-2)', 'no studio connection has its bootstrap servers nowhere:9092; a cluster admin can add one'],
      ['orders → acme/classify (listener l-3)', 'it listens to SQS, not Kafka'],
      ['bad topic → acme/classify (listener l-4)', '"bad topic" is not a legal Kafka topic name'],
      ['orders → acme/classify (listener l-5)', 'its time-out of 99999 s is outside 1 s to 3600 s'],
      ['orders → acme/enrich (listener l-6)', 'another selected listener already subscribes acme/enrich to "orders"'],
    ]);
    expect(adoption.addedEdges).toEqual([
      { id: 'listener-edge-1', kind: 'subscribe', source: 't', target: 'a', version: '0.9.0' },
      { id: 'listener-edge-2', kind: 'subscribe', source: 'listener-topic-1', target: 'listener-algorithm-1' },
    ]);
    expect(adoption.addedNodes.map((n) => (n.kind === 'topic' ? `${n.connection}/${n.topic}` : `${n.algorithm}@${n.version} ${n.timeoutMs ?? 'default'}`))).toEqual(['eu/eu.orders', 'acme/alert@2.0.0 default']);
  });

  it('names the connection with the same servers, else the only one sharing a server', () => {
    expect(connectionForListener(['eu-1:9092'], connections)).toEqual({ connection: connections[1] });
    expect(connectionForListener(['broker-1:9092', 'other:1'], connections)).toEqual({ connection: connections[0] });
    expect(connectionForListener(['broker-1:9092', 'eu-1:9092'], connections)).toEqual({ reason: 'its bootstrap servers are shared by several connections (Local Kafka, EU Kafka); a cluster admin should keep one' });
    expect(connectionForListener([], connections)).toEqual({ reason: 'it names no bootstrap servers' });
  });
});

describe('disabling a binding adopted from a listener', () => {
  const adopted = listenersIntoGraph({ nodes: [], edges: [] }, [listener('l-1')], connections);
  const deployed: Binding[] = compile(adopted.graph, { flowId: 'f' }).bindings;
  const origin = { flowId: 'f', ...adopted.origins[0]! };
  const actual: Actual = {
    topics: [{ connection: 'local', topic: 'orders', partitions: 3 }],
    adoptedTopics: [{ connection: 'local', topic: 'orders' }],
    acls: [],
    managedAcls: [],
    bindings: deployed,
    grants: [],
    connectionsWithoutAuthorizer: ['local'],
    listenerOrigins: [origin],
  };
  const withoutEdge = compile({ ...adopted.graph, edges: [] }, { flowId: 'f' });

  it('removes the listener on the platform after stopping the binding, and plans nothing more once applied', () => {
    const p = plan(withoutEdge, actual, { role: 'admin', removesPlatformListeners: true });
    expect(p.actions.map((a) => a.kind)).toEqual(['stop-binding', 'remove-platform-listener']);
    expect(describeAction(p.actions[1]!)).toBe('Remove the platform\'s event listener l-1 (max) of acme/classify on "orders" at "local"');
    expect(p.summary).toBe('1 binding to stop, 1 platform listener to remove.');
    expect(plan(withoutEdge, applyPlan(actual, p), { role: 'admin', removesPlatformListeners: true }).actions).toEqual([]);
  });

  it('says plainly that it will not when the studio cannot reach the platform', () => {
    const p = plan(withoutEdge, actual, { role: 'admin' });
    expect(p.actions.map((a) => a.kind)).toEqual(['stop-binding']);
    expect(p.notes).toContain(
      'This plan does not remove the platform\'s event listener l-1 (acme/classify on "orders"), which the flow no longer subscribes: the studio is not connected to the platform\'s API (ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY), so the listener keeps running on the platform until someone removes it there.',
    );
  });

  it('removes a listener again whose removal failed after its binding stopped', () => {
    const p = plan(withoutEdge, { ...actual, bindings: [] }, { role: 'admin', removesPlatformListeners: true });
    expect(p.actions.map((a) => a.kind)).toEqual(['remove-platform-listener']);
  });

  it("hands the listener over once the studio's subscription runs, and plans nothing more once applied", () => {
    const wanted = compile(adopted.graph, { flowId: 'f' });
    const p = plan(wanted, { ...actual, bindings: [] }, { role: 'admin', removesPlatformListeners: true });
    expect(p.actions.map((a) => a.kind)).toEqual(['grant', 'start-binding', 'hand-over-platform-listener']);
    expect(p.actions[2]).toEqual({
      kind: 'hand-over-platform-listener',
      origin,
      changes: [
        { field: 'platform listener', before: 'max/l-1', after: '(none)' },
        { field: 'runs acme/classify on "orders"', before: 'the platform and the studio', after: 'the studio' },
      ],
    });
    expect(describeAction(p.actions[2]!)).toBe('Hand over acme/classify on "orders" at "local" from the platform\'s event listener l-1 (max): the listener is removed once the studio\'s subscription runs');
    expect(p.notes).toEqual([expect.stringMatching(/^ACLs are not enforced/)]);
    expect(plan(wanted, applyPlan({ ...actual, bindings: [] }, p), { role: 'admin', removesPlatformListeners: true }).actions).toEqual([]);
    // A binding already running (a hand-over that failed before) is handed over again.
    expect(plan(wanted, actual, { role: 'admin', removesPlatformListeners: true }).actions.map((a) => a.kind)).toEqual(['grant', 'hand-over-platform-listener']);
  });

  it('says plainly that both run when the platform cannot be asked', () => {
    const wanted = compile(adopted.graph, { flowId: 'f' });
    const down = plan(wanted, actual, { role: 'admin', removesPlatformListeners: true, platformProblem: 'the platform did not answer (timed out)' });
    expect(down.actions.at(-1)).toMatchObject({ kind: 'hand-over-platform-listener', unavailable: 'the platform did not answer (timed out)' });
    expect(down.notes).toContain(
      'Both will run: the platform\'s event listener l-1 (acme/classify on "orders") keeps running on the platform alongside the studio\'s subscription, so each message invokes the algorithm twice. This plan cannot remove the listener, because the platform did not answer (timed out); deploy again once it can, or remove the listener there.',
    );
    // Applying it changes nothing: the next plan hands over again.
    expect(plan(wanted, applyPlan(actual, down), { role: 'admin', removesPlatformListeners: true }).actions.map((a) => a.kind)).toEqual(['hand-over-platform-listener']);
    const unconfigured = plan(wanted, actual, { role: 'admin' });
    expect(unconfigured.notes.join(' ')).toContain("because the studio is not connected to the platform's API (ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY)");
  });

  it('leaves another flow\'s listener alone', () => {
    const p = plan(withoutEdge, { ...actual, listenerOrigins: [{ ...origin, flowId: 'other' }] }, { role: 'admin', removesPlatformListeners: true });
    expect(p.actions.map((a) => a.kind)).toEqual(['stop-binding']);
  });
});
