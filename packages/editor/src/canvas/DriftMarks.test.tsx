import { aclsFor, compile, demoCatalog, demoMember, pipelineGraph, type Drift, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';

afterEach(() => cleanup());

/** The demo pipeline whose orders topic asks for 3 partitions and a week's retention. */
function graphWithSettings(): FlowGraph {
  const graph = pipelineGraph();
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.kind === 'topic' && n.topic === 'orders' ? { ...n, create: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } } } : n,
    ),
  };
}

const retention: Drift = { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms', desired: '604800000', actual: '86400000' };

describe('drift on the canvas', () => {
  it('marks the topic whose live config differs and the edge whose ACL went missing, and takes the live value into the flow', async () => {
    const graph = graphWithSettings();
    const classify = compile(graph, { flowId: 'f1' }).bindings.find((b) => b.algorithm === 'acme/classify' && b.direction === 'subscribe');
    if (!classify) throw new Error('no classify subscription');
    const [readOrders] = aclsFor([classify]).filter((a) => a.resourceType === 'topic');
    if (!readOrders) throw new Error('no ACL');
    const missing: Drift = { kind: 'acl-missing', acl: readOrders, binding: { algorithm: 'acme/classify', connection: 'local', topic: 'orders', direction: 'subscribe' } };
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
    await render(
      <div style={{ width: 1200, height: 760 }}>
        <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly={false} theme="light" />
      </div>,
    );
    const orders = () => document.querySelector('.react-flow__node[data-id="t-orders"] .efs-node');
    await expect.poll(() => orders()?.getAttribute('data-drift')).toBe('false');
    expect(document.querySelector('.react-flow__edge[data-id="e1"] [data-drift="true"]')).toBeNull();

    store.getState().actions.setDrift([retention, missing]);
    await expect.poll(() => orders()?.getAttribute('data-drift')).toBe('true');
    // The mark names the field, the deployed value and the live value.
    const mark = page.getByRole('img', { name: 'Drift: retention.ms: deployed 604800000, live 86400000' });
    await expect.element(mark).toBeVisible();
    expect(mark.element().getAttribute('title')).toBe('retention.ms: deployed 604800000, live 86400000');
    await expect.poll(() => document.querySelectorAll('.react-flow__edge[data-id="e1"] [data-drift="true"]').length).toBeGreaterThan(0);
    expect(document.querySelector('.react-flow__edge[data-id="e2"] [data-drift="true"]')).toBeNull();
    const aclMark = page.getByRole('img', { name: 'Drift: ACL User:eventflows.acme.classify: deployed allow READ topic "orders", live (none)' });
    await expect.element(aclMark).toHaveTextContent('ACL missing');
    expect(document.querySelector('.react-flow__node[data-id="t-classified"] .efs-node')?.getAttribute('data-drift')).toBe('false');

    // A foreign member of the subscription's consumer group marks that edge too, naming the member.
    const foreign: Drift = {
      kind: 'group-foreign-members',
      connection: 'local',
      groupId: classify.direction === 'subscribe' ? classify.consumerGroup : '',
      binding: { algorithm: 'acme/classify', connection: 'local', topic: 'orders', direction: 'subscribe' },
      members: [{ clientId: 'reporting-app', clientHost: '/10.0.0.7' }],
    };
    store.getState().actions.setDrift([foreign]);
    const groupMark = page.getByRole('img', { name: "Drift: members of eventflows.acme.classify.orders: deployed the studio's runtime only, live reporting-app (/10.0.0.7)" });
    await expect.element(groupMark).toHaveTextContent('drift');
    store.getState().actions.setDrift(null);
    await expect.poll(() => orders()?.getAttribute('data-drift')).toBe('false');

    // Taking the live value edits the topic node, as one undo step.
    store.getState().actions.takeLiveValue(retention);
    const node = store.getState().graph.nodes.find((n) => n.id === 't-orders');
    expect(node?.kind === 'topic' ? node.create?.config : undefined).toEqual({ 'retention.ms': '86400000' });
    store.getState().actions.undo();
    const back = store.getState().graph.nodes.find((n) => n.id === 't-orders');
    expect(back?.kind === 'topic' ? back.create?.config : undefined).toEqual({ 'retention.ms': '604800000' });
  });
});
