import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBroker } from '../server/startBroker.ts';
import { kafkaAt, testDataDir } from '../testing/kafka.ts';
import { kcat } from '../testing/kcat.ts';
import { RawClient } from '../testing/rawClient.ts';

const dir = testDataDir('broker-topics-');

describe('names that are also members of JavaScript objects', () => {
  it('a topic named __proto__ keeps its records and configs across a restart', { timeout: 60_000 }, async () => {
    const first = await startBroker({ port: 0, dataDir: dir, log: () => {} });
    const kafka = kafkaAt(first.address);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: '__proto__', configEntries: [{ name: 'retention.ms', value: '86400000' }] }, { topic: 'constructor' }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: '__proto__', messages: [{ value: 'odd name' }] });
    await producer.send({ topic: 'constructor', messages: [{ value: 'also odd' }] });
    await producer.disconnect();
    await first.close();

    const second = await startBroker({ port: 0, dataDir: dir, log: () => {} });
    try {
      const again = kafkaAt(second.address);
      const admin2 = again.admin();
      await admin2.connect();
      expect((await admin2.listTopics()).sort()).toEqual(['__proto__', 'constructor']);
      const configs = await admin2.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: '__proto__', configNames: ['retention.ms'] }] });
      expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('86400000');
      await admin2.disconnect();
      // kafkajs's consumer keeps topics in plain objects and never reads these two; librdkafka does.
      for (const [topic, value] of [['__proto__', 'odd name'], ['constructor', 'also odd']] as const) {
        const consumed = await kcat(['-b', second.address, '-C', '-t', topic, '-o', 'beginning', '-e', '-f', '%s\n']);
        expect([topic, consumed.stdout]).toEqual([topic, `${value}\n`]);
      }
      expect(readdirSync(path.join(dir, 'logs')).sort()).toEqual(['__proto__-0', 'constructor-0']);
      expect(readdirSync(path.join(dir, 'logs', '__proto__-0'))).toEqual(['00000000000000000000.log']);
    } finally {
      await second.close();
    }
  });

  it('config names such as constructor, toString and __proto__ are unknown configs (INVALID_CONFIG)', async () => {
    const broker = await startBroker({ port: 0, log: () => {} });
    const raw = await RawClient.open(broker.port);
    try {
      await raw.call(19, 4, { topics: [{ name: 'altered', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 1000, validateOnly: false });
      const answers: [string, unknown, unknown][] = [];
      for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'retention.ms']) {
        const created = await raw.call(19, 4, {
          topics: [{ name: `t-${answers.length}`, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [{ name, value: '1000' }] }],
          timeoutMs: 1000,
          validateOnly: false,
        });
        const altered = await raw.call(33, 1, {
          resources: [{ resourceType: 2, resourceName: 'altered', configs: [{ name, value: '1000' }] }],
          validateOnly: true,
        });
        answers.push([name, (created.topics as { errorCode: number }[])[0]?.errorCode, (altered.responses as { errorCode: number }[])[0]?.errorCode]);
      }
      expect(answers).toEqual([
        ['constructor', 40, 40],
        ['toString', 40, 40],
        ['__proto__', 40, 40],
        ['hasOwnProperty', 40, 40],
        ['retention.ms', 0, 0],
      ]);
    } finally {
      raw.close();
      await broker.close();
    }
  });
});

describe('topic ids', () => {
  const oldDir = testDataDir('broker-topic-ids-');

  it('loads a topics.json written before topics had ids, gives each an id and keeps it across restarts', { timeout: 60_000 }, async () => {
    writeFileSync(path.join(oldDir, 'topics.json'), JSON.stringify({ legacy: { partitions: 2, configs: { 'retention.ms': '86400000' } } }));
    const idOf = async (port: number): Promise<unknown> => {
      const raw = await RawClient.open(port);
      try {
        const response = await raw.call(3, 12, { topics: [{ topicId: '0'.repeat(32), name: 'legacy' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
        const [topic] = response.topics as { errorCode: number; topicId: string; partitions: unknown[] }[];
        expect(topic).toMatchObject({ errorCode: 0 });
        expect(topic?.partitions).toHaveLength(2);
        return topic?.topicId;
      } finally {
        raw.close();
      }
    };
    const first = await startBroker({ port: 0, dataDir: oldDir, log: () => {} });
    const id = await idOf(first.port).finally(() => first.close());
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(readFileSync(path.join(oldDir, 'topics.json'), 'utf8'))).toEqual({ legacy: { id, partitions: 2, configs: { 'retention.ms': '86400000' } } });

    const second = await startBroker({ port: 0, dataDir: oldDir, log: () => {} });
    expect(await idOf(second.port).finally(() => second.close())).toBe(id);
  });
});
