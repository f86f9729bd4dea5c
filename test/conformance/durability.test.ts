import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBroker } from '@event-flows/broker';
import { eventually, kafkaAt } from './clients.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'broker-durability-'));
/** An authorizer (ACLs are kept and enforced) under which the anonymous test client may do anything. */
const withAcls = { authorizer: true, superUsers: ['ANONYMOUS'] };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a broker with a data directory', () => {
  it('loses nothing acknowledged across a restart, even with a torn log tail', { timeout: 60_000 }, async () => {
    const logLines: string[] = [];
    const first = await startBroker({ port: 0, dataDir: dir, ...withAcls, log: (l) => void logLines.push(l) });
    const kafka = kafkaAt(first.address);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'journal', numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
    await admin.createAcls({
      acl: [{ resourceType: 2, resourceName: 'journal', resourcePatternType: 3, principal: 'User:kept', host: '*', operation: 3, permissionType: 3 }],
    });
    const producer = kafka.producer();
    await producer.connect();
    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i++) {
      const messages = Array.from({ length: 10 }, (_, j) => ({ key: `k${j}`, value: `entry-${i}-${j}` }));
      await producer.send({ topic: 'journal', acks: i % 2 === 0 ? -1 : 1, messages });
      acknowledged.push(...messages.map((m) => m.value));
    }
    await producer.disconnect();
    await admin.setOffsets({ groupId: 'journal-readers', topic: 'journal', partitions: [{ partition: 0, offset: '7' }] });
    await admin.disconnect();
    await first.close();

    // A crash mid-write leaves half a batch at the end of a partition's last segment.
    const logs = readdirSync(path.join(dir, 'logs'));
    expect(logs.sort()).toEqual(['journal-0', 'journal-1']);
    expect(readdirSync(path.join(dir, 'logs', 'journal-0'))).toEqual(['00000000000000000000.log']);
    appendFileSync(path.join(dir, 'logs', 'journal-0', '00000000000000000000.log'), Buffer.from([0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 1, 0, 0, 0]));

    const second = await startBroker({ port: 0, dataDir: dir, ...withAcls, log: (l) => void logLines.push(l) });
    const again = kafkaAt(second.address);
    const admin2 = again.admin();
    await admin2.connect();
    expect(await admin2.listTopics()).toContain('journal');
    const offsets = await admin2.fetchOffsets({ groupId: 'journal-readers', topics: ['journal'] });
    expect(offsets[0]?.partitions.find((p) => p.partition === 0)?.offset).toBe('7');
    const configs = await admin2.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'journal', configNames: ['retention.ms'] }] });
    expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('86400000');
    const acls = await admin2.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 });
    expect(acls.resources.map((r) => r.resourceName)).toEqual(['journal']);
    await admin2.disconnect();

    const consumer = again.consumer({ groupId: 'restart-check', maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    let onPartition0 = 0;
    await consumer.connect();
    await consumer.subscribe({ topic: 'journal', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        seen.push(String(message.value));
        if (partition === 0) onPartition0++;
      },
    });
    expect(await eventually(() => seen.length >= acknowledged.length)).toBe(true);
    await consumer.disconnect();

    const producer2 = again.producer();
    await producer2.connect();
    const [ack] = await producer2.send({ topic: 'journal', messages: [{ value: 'after-restart', partition: 0 }] });
    await producer2.disconnect();
    await second.close();

    expect(seen.sort()).toEqual([...acknowledged].sort());
    expect(logLines.some((l) => /torn/.test(l))).toBe(true);
    // Offsets continue where the recovered log ends: nothing skipped, nothing reused.
    expect(Number(ack?.baseOffset)).toBe(onPartition0);
  });
});
