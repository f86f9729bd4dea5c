// Drift on the canvas in a real Chromium against `pnpm start`'s server: the example flow is deployed
// with a week's retention on orders, then a plain kafkajs admin client sets a day's retention. With the
// plan panel closed, the orders node carries a drift mark whose tooltip names the field, the deployed
// value and the live value (from flows.drift). The plan review's "Put it back" and Deploy restore the
// live config, and the mark goes.
import type { FlowGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { callApi, openFlow, tokens } from './studioPages.ts';
import { eventually, kafkaAdmin, studioForTests } from './studioServer.ts';

const { ConfigResourceTypes } = kafkajs;
const studio = studioForTests();
const mark = 'Drift: retention.ms: deployed 604800000, live 86400000';

async function liveRetention(): Promise<string | null | undefined> {
  const admin = await kafkaAdmin(studio.server, 'drift-e2e-reader');
  try {
    const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'orders', configNames: ['retention.ms'] }] });
    return resources[0]?.configEntries[0]?.configValue;
  } finally {
    await admin.disconnect();
  }
}

describe('drift on the canvas of an open flow', () => {
  it('marks a deployed topic changed in Kafka, names field, deployed and live value, and puts it back', async () => {
    const [flow] = await callApi<Array<{ id: string; name: string }>>(studio, tokens.member, 'query', 'flows.list', { orgId: 'acme' });
    if (!flow) throw new Error('no example flow');
    const current = await callApi<{ revision: number; name: string; description: string; graph: FlowGraph }>(studio, tokens.member, 'query', 'flows.get', { id: flow.id });
    const graph: FlowGraph = {
      ...current.graph,
      nodes: current.graph.nodes.map((n) => (n.kind === 'topic' && n.topic === 'orders' ? { ...n, create: { partitions: 1, replicationFactor: 1, config: { 'retention.ms': '604800000' } } } : n)),
    };
    const saved = await callApi<{ revision: number }>(studio, tokens.member, 'mutation', 'flows.save', { id: flow.id, baseRevision: current.revision, name: current.name, description: current.description, graph });
    const deployed = await callApi<{ status: string }>(studio, tokens.member, 'mutation', 'flows.deploy', { id: flow.id, revision: saved.revision });
    expect(deployed.status).toBe('deployed');

    const admin = await kafkaAdmin(studio.server, 'someone-else');
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'orders', configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
    await admin.disconnect();

    const page = await openFlow(studio, tokens.member, flow.name);
    // The plan panel is closed: the mark comes from the deployed flow's drift.
    const drift = page.locator('.react-flow__node[data-id="t-orders"]').getByRole('img', { name: mark });
    await drift.waitFor({ timeout: 30_000 });
    expect(await drift.getAttribute('title')).toBe('retention.ms: deployed 604800000, live 86400000');

    await page.getByRole('button', { name: 'Review plan' }).click();
    const choice = page.getByRole('radiogroup', { name: /retention\.ms/ });
    await choice.getByRole('radio', { name: 'Put it back' }).check();
    await page.getByRole('list', { name: /Topics to put back/ }).getByText('retention.ms').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Deployed revision ${saved.revision}.` }).waitFor({ timeout: 30_000 });
    expect(await liveRetention()).toBe('604800000');

    await page.getByRole('button', { name: 'Close panel' }).click();
    await eventually('the drift mark to go', async () => (await page.getByRole('img', { name: mark }).count()) === 0);
    await page.close();
  }, 120_000);
});
