/**
 * The member limits on topic creation at the server's boundary: a member's deploy refuses a topic
 * beyond them (and creates nothing), a cluster admin changes them for one connection with
 * admin.connections.update, and the catalog carries them to the studio.
 */
import type { FlowGraph, MemberTopicLimits, TopicCreate } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrants } from '../store/access.ts';
import { saveAndDeploy, startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
  // The flows read a topic that exists: left to the cluster's defaults, its retention would be held to the limits too.
  await bed.admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1 }] });
  // Granted, so the only thing between the member and the topic is the limits.
  await addGrants(
    bed.services.db,
    ['big.topic', 'roomy.topic'].map((topic) => ({ connection: 'local', topic, algorithm: 'acme/classify', access: 'publish' as const })),
    'ada',
  );
}, 60_000);
afterAll(async () => bed?.close());

/** `acme/classify` reads `orders` and publishes to `topic`, which deploy creates as `create` says. */
function publishingTo(topic: string, create: TopicCreate): FlowGraph {
  return {
    nodes: [
      { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
      { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/classify', version: '1.2.0' },
      { id: 'out', kind: 'topic', position: { x: 400, y: 0 }, connection: 'local', topic, create },
    ],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 'in', target: 'a' },
      { id: 'e2', kind: 'publish', source: 'a', target: 'out' },
    ],
  };
}

async function partitionsOf(topic: string): Promise<number | undefined> {
  // An empty list would ask for every topic.
  if (!(await bed.admin.listTopics()).includes(topic)) return undefined;
  const metadata = await bed.admin.fetchTopicMetadata({ topics: [topic] });
  return metadata.topics[0]?.partitions.length;
}

describe("a member's deploy", () => {
  it('refuses a topic beyond the member limits, saying which setting, and creates nothing', async () => {
    const answer = await saveAndDeploy(bed, 'Big topic', publishingTo('big.topic', { partitions: 100, replicationFactor: 1, config: { 'segment.bytes': '14' } }), tokens.member);
    expect(answer.status).toBe('invalid');
    expect(answer.diagnostics?.filter((d) => d.severity === 'error').map((d) => [d.code, d.message])).toEqual([
      [
        'guardrail-partitions',
        `Topic "big.topic" on "Local Kafka" asks for 100 partitions; a member's flow may create a topic with 1 to 12 partitions. Lower it, or ask a cluster admin to create the topic.`,
      ],
      [
        'topic-setting-not-allowed',
        `Topic "big.topic" on "Local Kafka" sets segment.bytes, which a member's flow may not set (only retention.ms, retention.bytes, cleanup.policy, max.message.bytes and compression.type). Remove it, or ask a cluster admin to create the topic.`,
      ],
    ]);
    expect(await partitionsOf('big.topic')).toBeUndefined();
  });
});

describe("a connection's member limits", () => {
  const roomy: MemberTopicLimits = { partitions: 200, config: { 'retention.ms': { min: 60_000, max: 3_600_000, unit: 'ms' } } };

  it('are set by a cluster admin, shown in the catalog, and then hold for the member', async () => {
    const [local] = ((await bed.call('query', 'admin.connections.list', undefined, tokens.admin)).body.result?.data ?? []) as Array<{
      id: string;
      name: string;
      bootstrap: string[];
      auth: { mechanism: string; username?: string };
      tls: { enabled: boolean };
    }>;
    expect(local?.id).toBe('local');
    const input = { id: 'local', name: local?.name, bootstrap: local?.bootstrap, auth: local?.auth, tls: { enabled: local?.tls.enabled }, memberTopicLimits: roomy };
    expect((await bed.call('mutation', 'admin.connections.update', input, tokens.member)).status).toBe(403);
    const updated = await bed.call('mutation', 'admin.connections.update', input, tokens.admin);
    expect(updated.body.result?.data).toMatchObject({ id: 'local', memberTopicLimits: roomy });

    const catalog = (await bed.call('query', 'catalog.get', { orgId: 'acme' }, tokens.member)).body.result?.data as {
      catalog: { connections: Array<{ id: string; memberTopicLimits?: MemberTopicLimits }> };
    };
    expect(catalog.catalog.connections.find((c) => c.id === 'local')?.memberTopicLimits).toEqual(roomy);

    const answer = await saveAndDeploy(bed, 'Roomy topic', publishingTo('roomy.topic', { partitions: 100, replicationFactor: 1, config: { 'retention.ms': '600000' } }), tokens.member);
    expect(answer).toMatchObject({ status: 'deployed' });
    expect(await partitionsOf('roomy.topic')).toBe(100);
  });

  it('refuses limits that are not limits, with a sentence', async () => {
    const input = { id: 'local', name: 'Local Kafka', bootstrap: ['127.0.0.1:1'], auth: { mechanism: 'none' }, tls: { enabled: false }, memberTopicLimits: { partitions: 0, config: {} } };
    const answer = await bed.call('mutation', 'admin.connections.update', input, tokens.admin);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/memberTopicLimits\.partitions: Too small/);
  });
});
