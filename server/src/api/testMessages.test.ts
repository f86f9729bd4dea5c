/**
 * Test messages go through one producer per connection, kept by the server process: many at once all
 * arrive, and the broker sees one client sign in, not one per message (600 messages in batches opened
 * a producer each, and 589 failed). The producer goes when its connection changes or is deleted.
 */
import { apiLimits } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';
import { eventually } from '../testing/eventually.ts';
import { connectionsTo } from '../testing/openConnections.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
  await bed.admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] });
}, 60_000);
afterAll(async () => bed?.close());

const send = (token: string, value: string) => bed.call('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', value }, token);
const records = async () => (await bed.admin.fetchTopicOffsets('orders')).reduce((n, p) => n + Number(p.high), 0);
/** How many times clients have signed in to the broker (each new kafkajs connection does once). */
const signIns = () => bed.broker.requestCounts().SaslAuthenticate ?? 0;

/** Established TCP connections of this process's clients to the broker. */
const connectionsToBroker = () => connectionsTo(bed.broker.port);

describe('test messages', () => {
  it('sends many at once, from several people, through one producer connection', async () => {
    const before = { records: await records(), signIns: signIns() };
    const rounds = 10;
    const perRound = [tokens.member, tokens.admin].flatMap((token) => Array.from({ length: apiLimits.expensiveCallsPerUser }, () => token));
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(perRound.map((token, i) => send(token, JSON.stringify({ id: `o-${round}-${i}`, amount: i }))));
      expect(answers.map((a) => a.status)).toEqual(perRound.map(() => 200));
    }
    expect(await records()).toBe(before.records + rounds * perRound.length);
    // One producer signs in once (kafkajs may open a second connection to the partition leader).
    expect(signIns() - before.signIns).toBeLessThanOrEqual(2);
  }, 60_000);

  it('closes the producer when its connection changes, and sends through a new one', async () => {
    expect((await send(tokens.member, '{"id":"o-a"}')).status).toBe(200);
    const open = connectionsToBroker();
    const update = await bed.call(
      'mutation',
      'admin.connections.update',
      { id: 'local', name: 'Local Kafka, renamed', bootstrap: [bed.broker.address], auth: { mechanism: 'plain', username: 'admin', password: 'admin-secret' }, tls: { enabled: false } },
      tokens.admin,
    );
    expect(update.status).toBe(200);
    expect(await eventually(() => connectionsToBroker() < open, (held) => held, 10_000)).toBe(true);
    const before = { records: await records(), signIns: signIns() };
    expect((await send(tokens.member, '{"id":"o-b"}')).status).toBe(200);
    expect(await records()).toBe(before.records + 1);
    expect(signIns()).toBeGreaterThan(before.signIns);
  }, 60_000);

  it('closes the producer when its connection is deleted', async () => {
    const bootstrap = [bed.broker.address];
    const auth = { mechanism: 'plain', username: 'admin', password: 'admin-secret' } as const;
    const created = await bed.call('mutation', 'admin.connections.create', { id: 'spare', name: 'Spare', bootstrap, auth, tls: { enabled: false } }, tokens.admin);
    expect(created.status).toBe(200);
    await bed.admin.createTopics({ topics: [{ topic: 'spare-orders' }] });
    const sent = await bed.call('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'spare', topic: 'spare-orders', value: '{}' }, tokens.admin);
    expect(sent.status).toBe(200);
    const open = connectionsToBroker();
    expect((await bed.call('mutation', 'admin.connections.delete', { id: 'spare' }, tokens.admin)).status).toBe(200);
    expect(await eventually(() => connectionsToBroker() < open, (held) => held, 10_000)).toBe(true);
  }, 60_000);
});
