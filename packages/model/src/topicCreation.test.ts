import { describe, expect, it } from 'vitest';
import { limits, memberTopicLimits } from './limits.ts';
import { fewestOnCreate, guardrailSentences, kafkaTopicDefaults, memberLimitsOn, memberTopicProblems, mostOnCreate, newTopicSettings, topicNameFinding } from './topicCreation.ts';

describe('the settings a new topic starts with', () => {
  it("takes the connection's defaults, retention as retention.ms", () => {
    const connection = { id: 'local', name: 'Local', topics: [], defaults: { partitions: 6, replicationFactor: 3, retentionMs: 3_600_000 } };
    expect(newTopicSettings(connection)).toEqual({ partitions: 6, replicationFactor: 3, config: { 'retention.ms': '3600000' } });
  });

  it("falls back on Kafka's own defaults when the connection's are unknown", () => {
    expect(kafkaTopicDefaults).toEqual({ partitions: 1, replicationFactor: 1, retentionMs: 604_800_000 });
    expect(newTopicSettings({ id: 'local', name: 'Local', topics: [] })).toEqual({ partitions: 1, replicationFactor: 1, config: { 'retention.ms': '604800000' } });
    expect(newTopicSettings(undefined).partitions).toBe(1);
  });
});

describe("the member limits on a new topic's settings", () => {
  const local = { id: 'local', name: 'Local', topics: [] };
  const subject = 'Topic "t"';

  it('allows the default table at its edges and refuses one step beyond', () => {
    const atEdges = { partitions: 12, replicationFactor: 3, config: { 'retention.ms': '3600000', 'retention.bytes': '107374182400', 'max.message.bytes': '1024' } };
    expect(memberTopicProblems(atEdges, local, subject)).toEqual([]);
    const beyond = { partitions: 13, replicationFactor: 4, config: { 'retention.ms': '3599999', 'max.message.bytes': '10485761', 'cleanup.policy': 'compact,delete' } };
    expect(memberTopicProblems(beyond, local, subject)).toEqual([
      `Topic "t" asks for 13 partitions; a member's flow may create a topic with 1 to 12 partitions. Lower it, or ask a cluster admin to create the topic.`,
      `Topic "t" asks for a replication factor of 4; a member's flow may ask for 1 to 3. Lower it, or ask a cluster admin to create the topic.`,
      `Topic "t" sets retention.ms to "3599999"; a member's flow may set retention.ms to a whole number from 3600000 (1 hour) to 2592000000 (30 days).`,
      `Topic "t" sets max.message.bytes to "10485761"; a member's flow may set max.message.bytes to a whole number from 1024 (1 KiB) to 10485760 (10 MiB).`,
      `Topic "t" sets cleanup.policy to "compact,delete"; a member's flow may set cleanup.policy to one of: delete, compact.`,
    ]);
  });

  it('refuses numbers that are not whole numbers, and keys such as __proto__', () => {
    const odd = JSON.parse('{"retention.ms": "1e7", "retention.bytes": " 2097152", "__proto__": "x"}') as Record<string, string>;
    const problems = memberTopicProblems({ partitions: 1, replicationFactor: 1, config: odd }, local, subject);
    expect(problems).toHaveLength(3);
    expect(problems[2]).toMatch(/sets __proto__, which a member's flow may not set/);
  });

  it("holds a member to the connection's replication factor, and to an admin's limits for the connection", () => {
    const embedded = { ...local, defaults: { partitions: 1, replicationFactor: 1 } };
    expect(memberLimitsOn(embedded).replicationFactor).toBe(1);
    expect(memberLimitsOn(local)).toMatchObject({ partitions: memberTopicLimits.partitions, replicationFactor: 3 });
    const generous = { ...embedded, memberTopicLimits: { partitions: 48, replicationFactor: 2, config: { 'retention.ms': { min: 0, max: 10, unit: 'ms' as const } } } };
    expect(memberTopicProblems({ partitions: 48, replicationFactor: 2, config: { 'retention.ms': '0' } }, generous, subject)).toEqual([]);
    expect(memberTopicProblems({ partitions: 1, replicationFactor: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '5' } }, generous, subject)).toEqual([
      `Topic "t" sets cleanup.policy, which a member's flow may not set (only retention.ms). Remove it, or ask a cluster admin to create the topic.`,
    ]);
  });

  it("bounds a member's fields by the connection's member limits, an admin's by the schema", () => {
    const limited = { ...local, defaults: { partitions: 1, replicationFactor: 2 }, memberTopicLimits: { partitions: 6, config: {} } };
    expect(mostOnCreate(limited, { member: true })).toEqual({ partitions: 6, replicationFactor: 2 });
    expect(mostOnCreate(undefined, { member: true })).toEqual({ partitions: memberTopicLimits.partitions, replicationFactor: 3 });
    expect(mostOnCreate(limited)).toEqual({ partitions: limits.partitions, replicationFactor: limits.replicationFactor });
  });

  it("starts a member's new topic within the limits", () => {
    const roomy = { ...local, defaults: { partitions: 50, replicationFactor: 5, retentionMs: -1 } };
    const settings = newTopicSettings(roomy, { member: true });
    expect(settings).toEqual({ partitions: 12, replicationFactor: 5, config: { 'retention.ms': '2592000000' } });
    expect(memberTopicProblems(settings, roomy, subject)).toEqual([]);
    expect(newTopicSettings(roomy)).toEqual({ partitions: 50, replicationFactor: 5, config: { 'retention.ms': '-1' } });
  });
});

describe("a connection's guardrails on a new topic", () => {
  const guarded = {
    id: 'prod',
    name: 'Prod',
    topics: [],
    defaults: { partitions: 1, replicationFactor: 3, retentionMs: -1 },
    memberTopicLimits: { ...memberTopicLimits, minPartitions: 6, minReplicationFactor: 2, topicName: { pattern: 'orders\\..+', description: 'orders, a dot, the event.' }, requireDlq: true },
  };

  it("start a member's new topic at the fewest partitions and replicas, and an admin's at the cluster's defaults", () => {
    expect(fewestOnCreate(guarded, { member: true })).toEqual({ partitions: 6, replicationFactor: 2 });
    expect(fewestOnCreate(guarded)).toEqual({ partitions: 1, replicationFactor: 1 });
    expect(newTopicSettings(guarded, { member: true })).toMatchObject({ partitions: 6, replicationFactor: 3, config: { 'retention.ms': '2592000000' } });
    expect(newTopicSettings(guarded)).toMatchObject({ partitions: 1, replicationFactor: 3 });
  });

  it('say the name pattern and the DLQ rule in sentences, and judge a name by the pattern', () => {
    expect(guardrailSentences(guarded)).toEqual(['Topic names on "Prod" must match orders\\..+: orders, a dot, the event.', 'Every subscription to a topic on Prod needs a DLQ.']);
    expect(guardrailSentences({ ...guarded, memberTopicLimits: memberTopicLimits })).toEqual([]);
    expect(topicNameFinding('orders.paid', guarded)).toBeUndefined();
    expect(topicNameFinding('payments', guarded)).toEqual({
      code: 'guardrail-topic-name',
      message: 'Topic names on "Prod" must match orders\\..+: orders, a dot, the event. "payments" does not. Rename the topic, or ask a cluster admin to create it.',
    });
  });
});
