/**
 * The catalog's memory of a connection: an answer is served until it is too old, then served once more
 * while the cluster is asked again in the background; a fresh read, a forgotten connection or changed
 * settings ask the cluster at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { startTestBed, type TestBed } from '../testing/harness.ts';
import { CatalogCache, type ConnectionAnswer } from './catalogCache.ts';

let bed: TestBed;
let local: ConnectionConfig;
beforeAll(async () => {
  bed = await startTestBed();
  local = (await getConnectionConfig(bed.services.db, bed.services.secrets, 'local')) as ConnectionConfig;
}, 60_000);
afterAll(async () => bed?.close());

const topicNames = (answer: ConnectionAnswer | undefined) => (answer?.ok ? answer.topics.map((t) => t.topic) : []);

async function createTopic(topic: string): Promise<void> {
  await bed.admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
}

describe('the catalog cache', () => {
  it('serves an answer until it is too old, then once more while it asks again', async () => {
    const cache = new CatalogCache(bed.services.kafka, 0);
    expect(topicNames(await cache.read(local))).not.toContain('cache.later');
    await createTopic('cache.later');
    // Too old at once (maximum age 0): the old answer comes back and the cluster is asked meanwhile.
    expect(topicNames(await cache.read(local))).not.toContain('cache.later');
    expect(topicNames(await cache.read(local, { fresh: true }))).toContain('cache.later');
  });

  it('keeps an answer within its maximum age, and asks again when told the topics changed', async () => {
    const cache = new CatalogCache(bed.services.kafka, 60_000);
    expect(topicNames(await cache.read(local))).not.toContain('cache.forgotten');
    await createTopic('cache.forgotten');
    expect(topicNames(await cache.read(local))).not.toContain('cache.forgotten');
    cache.forget('local');
    expect(topicNames(await cache.read(local))).toContain('cache.forgotten');
  });

  it("asks again when the connection's settings change", async () => {
    const cache = new CatalogCache(bed.services.kafka, 60_000);
    const wrongPassword = { ...local, auth: { mechanism: 'plain' as const, username: 'admin', password: 'wrong' } };
    const refused = await cache.read(wrongPassword);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^Kafka connection 'Local Kafka' could not be read: /) });
    expect((await cache.read(local))?.ok).toBe(true);
  });
});
