/**
 * A connection's guardrails at the server's boundary: a cluster admin writes them with
 * admin.connections.update (a bad pattern is refused with a sentence), the catalog carries them to
 * members, and a member calling flows.deploy directly cannot get past them: the deploy is refused
 * with the guardrail's diagnostic and creates nothing.
 */
import type { FlowGraph, MemberTopicLimits } from '@event-flows/model';
import { memberTopicLimits } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrants } from '../store/access.ts';
import { saveAndDeploy, startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
  // The flows read and dead-letter to topics that exist, whose names the guardrails do not judge.
  await bed.admin.createTopics({ topics: ['orders', 'orders.dlq'].map((topic) => ({ topic, numPartitions: 1 })) });
  // Granted, so the only thing between the member and the topics is the guardrails.
  await addGrants(
    bed.services.db,
    ['Scored_Orders', 'orders.scored', 'orders.dlq'].map((topic) => ({ connection: 'local', topic, algorithm: 'acme/classify', access: 'publish' as const })),
    'ada',
  );
}, 60_000);
afterAll(async () => bed?.close());

const guarded: MemberTopicLimits = {
  ...memberTopicLimits,
  topicName: { pattern: 'orders\\.[a-z0-9-]+', description: 'orders, a dot, then the event in lower case' },
  minPartitions: 2,
  requireDlq: true,
};

/** `algorithm` reads `orders` and publishes to `topic` (created with 2 partitions), with a DLQ when `dlq` says so. */
function publishingTo(topic: string, dlq: boolean, algorithm = 'acme/classify'): FlowGraph {
  const create = { partitions: 2, replicationFactor: 1, config: { 'retention.ms': '3600000' } };
  return {
    nodes: [
      { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
      { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm, version: '1.0.0' },
      { id: 'out', kind: 'topic', position: { x: 400, y: 0 }, connection: 'local', topic, create },
      ...(dlq ? [{ id: 'dlq', kind: 'topic' as const, position: { x: 400, y: 200 }, connection: 'local', topic: 'orders.dlq' }] : []),
    ],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 'in', target: 'a' },
      { id: 'e2', kind: 'publish', source: 'a', target: 'out' },
      ...(dlq ? [{ id: 'e3', kind: 'dlq' as const, source: 'a', target: 'dlq' }] : []),
    ],
  };
}

async function topicExists(topic: string): Promise<boolean> {
  return (await bed.admin.listTopics()).includes(topic);
}

/** admin.connections.update's input for the local connection with `limits`. */
async function localWith(limits: unknown): Promise<Record<string, unknown>> {
  const [local] = ((await bed.call('query', 'admin.connections.list', undefined, tokens.admin)).body.result?.data ?? []) as Array<{
    id: string;
    name: string;
    bootstrap: string[];
    auth: { mechanism: string };
    tls: { enabled: boolean };
  }>;
  return { id: 'local', name: local?.name, bootstrap: local?.bootstrap, auth: local?.auth, tls: { enabled: local?.tls.enabled }, memberTopicLimits: limits };
}

describe("a connection's guardrails", () => {
  it('refuse a pattern that is not a safe regular expression, with a sentence', async () => {
    const answer = await bed.call('mutation', 'admin.connections.update', await localWith({ ...guarded, topicName: { pattern: '(a+)+', description: 'anything' } }), tokens.admin);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/memberTopicLimits\.topicName\.pattern: A topic name pattern may not repeat a group that itself repeats/);
  });

  it('are written by a cluster admin only, and shown to members in the catalog', async () => {
    const input = await localWith(guarded);
    expect((await bed.call('mutation', 'admin.connections.update', input, tokens.member)).status).toBe(403);
    expect((await bed.call('mutation', 'admin.connections.update', input, tokens.admin)).body.result?.data).toMatchObject({ memberTopicLimits: guarded });
    const catalog = (await bed.call('query', 'catalog.get', { orgId: 'acme' }, tokens.member)).body.result?.data as {
      catalog: { connections: Array<{ id: string; memberTopicLimits?: MemberTopicLimits }> };
    };
    expect(catalog.catalog.connections.find((c) => c.id === 'local')?.memberTopicLimits).toEqual(guarded);
  });

  it("hold a member's deploy through the API: a name off the pattern, a subscription without a DLQ", async () => {
    const misnamed = await saveAndDeploy(bed, 'Misnamed', publishingTo('Scored_Orders', true), tokens.member);
    expect(misnamed.status).toBe('invalid');
    expect(misnamed.diagnostics?.filter((d) => d.code.startsWith('guardrail-'))).toEqual([
      {
        code: 'guardrail-topic-name',
        severity: 'error',
        message: `Topic names on "Local Kafka" must match orders\\.[a-z0-9-]+: orders, a dot, then the event in lower case. "Scored_Orders" does not. Rename the topic, or ask a cluster admin to create it.`,
        nodeIds: ['out'],
        edgeIds: [],
      },
    ]);
    expect(await topicExists('Scored_Orders')).toBe(false);

    const withoutDlq = await saveAndDeploy(bed, 'Without DLQ', publishingTo('orders.scored', false), tokens.member);
    expect(withoutDlq.status).toBe('invalid');
    expect(withoutDlq.diagnostics?.map((d) => d.code)).toEqual(['guardrail-dlq', 'topic-will-be-created']);
    expect(await topicExists('orders.scored')).toBe(false);

    expect(await saveAndDeploy(bed, 'Within', publishingTo('orders.scored', true), tokens.member)).toMatchObject({ status: 'deployed' });
    expect(await topicExists('orders.scored')).toBe(true);
  });

  it('do not hold a cluster admin', async () => {
    // Another algorithm: acme/classify's subscription to orders belongs to the member's flow now.
    expect(await saveAndDeploy(bed, 'Admin misnamed', publishingTo('Scored_Orders', false, 'acme/enrich'), tokens.admin)).toMatchObject({ status: 'deployed' });
    expect(await topicExists('Scored_Orders')).toBe(true);
  });
});
