import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBroker } from '../server/startBroker.ts';
import { consumeLines, kafkaAt, testDataDir } from '../testing/kafka.ts';
import { kcat } from '../testing/kcat.ts';
import { encodeBatch, encodeRecords } from '../testing/recordBatches.ts';
import { crc32c } from './crc32c.ts';
import { BatchField, batchHeaderSize, writeInt64 } from './recordBatch.ts';

const dir = testDataDir('broker-segments-');

describe('a partition kept in segments', () => {
  it('rolls at segment.bytes into files named by base offset and serves every record in order after a restart', { timeout: 60_000 }, async () => {
    const root = path.join(dir, 'rolled');
    const first = await startBroker({ port: 0, dataDir: root, log: () => {} });
    const kafka = kafkaAt(first.address);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'rolled', configEntries: [{ name: 'segment.bytes', value: '1024' }] }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    const expected: string[] = [];
    for (let i = 0; i < 60; i++) {
      const value = `record-${i}-${'x'.repeat(100)}`;
      await producer.send({ topic: 'rolled', messages: [{ value }] });
      expected.push(`${i} ${value}`);
    }
    await producer.disconnect();
    await first.close();

    const names = readdirSync(path.join(root, 'logs', 'rolled-0')).sort();
    expect(names.length).toBeGreaterThanOrEqual(8);
    const bases = names.map((name) => Number(name.replace('.log', '')));
    expect(names.every((name) => /^\d{20}\.log$/.test(name))).toBe(true);
    expect(bases[0]).toBe(0);
    expect(names.every((name) => statSync(path.join(root, 'logs', 'rolled-0', name)).size <= 1024)).toBe(true);

    const second = await startBroker({ port: 0, dataDir: root, log: () => {} });
    try {
      const again = kafkaAt(second.address);
      expect(await consumeLines(again, 'rolled', 'rolled-readers', 60)).toEqual(expected);
      const read = await kcat(['-b', second.address, '-C', '-t', 'rolled', '-o', 'beginning', '-e', '-f', '%o %s\n']);
      expect(read.stdout.trimEnd().split('\n')).toEqual(expected);
      const producer2 = again.producer();
      await producer2.connect();
      const [ack] = await producer2.send({ topic: 'rolled', messages: [{ value: 'after restart' }] });
      await producer2.disconnect();
      expect(ack?.baseOffset).toBe('60');
    } finally {
      await second.close();
    }
  });

  it('opens an old single-file partition larger than one read can hold (2 GiB) and moves it into a segment', { timeout: 120_000 }, async () => {
    const root = path.join(dir, 'big');
    mkdirSync(path.join(root, 'logs'), { recursive: true });
    // 33 batches of 64 MiB, written as a sparse file: headers only, the zero bodies are holes.
    const bodyBytes = 64 * 1024 * 1024;
    const big = Buffer.alloc(batchHeaderSize + bodyBytes);
    big.writeInt32BE(big.length - 12, BatchField.batchLength);
    big.writeInt8(2, BatchField.magic);
    writeInt64(big, BatchField.baseTimestamp, Date.now());
    writeInt64(big, BatchField.maxTimestamp, Date.now());
    big.writeInt32BE(1, BatchField.recordsCount);
    // The CRC does not cover the base offset, so one CRC fits every batch.
    big.writeUInt32BE(crc32c(big, BatchField.attributes), BatchField.crc);
    const header = big.subarray(0, batchHeaderSize);
    const file = path.join(root, 'logs', 'big-0.log');
    const fd = openSync(file, 'w');
    const count = 33;
    for (let i = 0; i < count; i++) {
      writeInt64(header, BatchField.baseOffset, i);
      writeSync(fd, header, 0, header.length, i * big.length);
    }
    ftruncateSync(fd, count * big.length);
    const tail = encodeBatch(encodeRecords(['after the big ones']), { count: 1 });
    writeInt64(tail, BatchField.baseOffset, count);
    writeSync(fd, tail, 0, tail.length, count * big.length);
    closeSync(fd);
    const fileBytes = count * big.length + tail.length;
    expect(fileBytes).toBeGreaterThan(2 ** 31);
    writeFileSync(path.join(root, 'topics.json'), JSON.stringify({ big: { id: '1'.repeat(32), partitions: 1, configs: {} } }));

    const broker = await startBroker({ port: 0, dataDir: root, log: () => {} });
    try {
      // Holding the recovered batches would take more than 2 GiB.
      expect(process.memoryUsage().rss).toBeLessThan(1.5 * 2 ** 30);
      expect(readdirSync(path.join(root, 'logs'))).toEqual(['big-0']);
      expect(statSync(path.join(root, 'logs', 'big-0', '00000000000000000000.log')).size).toBe(fileBytes);
      const kafka = kafkaAt(broker.address);
      const admin = kafka.admin();
      await admin.connect();
      expect(await admin.fetchTopicOffsets('big')).toEqual([{ partition: 0, offset: String(count + 1), high: String(count + 1), low: '0' }]);
      await admin.disconnect();
      const read = await kcat(['-b', broker.address, '-C', '-t', 'big', '-o', String(count), '-e', '-f', '%o %s\n']);
      expect(read.stdout).toBe(`${count} after the big ones\n`);
      const producer = kafka.producer();
      await producer.connect();
      const [ack] = await producer.send({ topic: 'big', messages: [{ value: 'appended' }] });
      await producer.disconnect();
      expect(ack?.baseOffset).toBe(String(count + 1));
      // The old file is far past segment.bytes (64 MiB): the append began the next segment.
      expect(readdirSync(path.join(root, 'logs', 'big-0')).sort()).toEqual(['00000000000000000000.log', '00000000000000000034.log']);
      const consumed = await kcat(['-b', broker.address, '-C', '-t', 'big', '-o', String(count), '-e', '-f', '%o %s\n']);
      expect(consumed.stdout).toBe(`${count} after the big ones\n${count + 1} appended\n`);
    } finally {
      await broker.close();
    }
  });
});
