import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll } from 'vitest';

/** A kafkajs client for the broker at `address`, with logs silenced. */
export function kafkaAt(address: string): Kafka {
  return new Kafka({ brokers: [address], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
}

/** A fresh directory for a broker's data, removed when the test file ends. */
export function testDataDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Consumes `topic` from the beginning as group `groupId` until `count` messages arrived or 15 s
 * passed; resolves with them as "offset value" lines, in the order they came.
 */
export async function consumeLines(kafka: Kafka, topic: string, groupId: string, count: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const seen: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(`${message.offset} ${String(message.value)}`) });
  const deadline = Date.now() + 15_000;
  while (seen.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await consumer.disconnect();
  return seen;
}
