import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { kafkaAt, kcat } from './clients.ts';

let broker: RunningBroker;
let secure: RunningBroker;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
  secure = await startBroker({ port: 0, saslUsers: { ops: 'ops-secret', app: 'app-secret' }, superUsers: ['ops'], log: () => {} });
});
afterAll(async () => {
  await broker.close();
  await secure.close();
});

const plain = (): string[] => ['-b', broker.address, '-X', 'socket.timeout.ms=10000'];

describe('kcat (librdkafka 2.0.2) against the broker', () => {
  it('lists metadata', async () => {
    const admin = kafkaAt(broker.address).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'listed', numPartitions: 4 }] });
    await admin.disconnect();
    const { code, stdout } = await kcat([...plain(), '-L']);
    expect(code).toBe(0);
    expect(stdout).toContain(`broker 1 at ${broker.address} (controller)`);
    expect(stdout).toContain('topic "listed" with 4 partitions:');
  });

  it('produces and consumes keys and headers', async () => {
    const produced = await kcat([...plain(), '-P', '-t', 'kc-basic', '-K', ':', '-H', 'origin=kcat'], 'alpha:one\nbeta:two\ngamma:three\n');
    expect(produced.code).toBe(0);
    const consumed = await kcat([...plain(), '-C', '-t', 'kc-basic', '-o', 'beginning', '-e', '-f', '%k=%s %h @%o\n']);
    expect(consumed.code).toBe(0);
    expect(consumed.stdout.trim().split('\n')).toEqual(['alpha=one origin=kcat @0', 'beta=two origin=kcat @1', 'gamma=three origin=kcat @2']);
  });

  it('consumes as a high-level group (-G) and commits its position', async () => {
    await kcat([...plain(), '-P', '-t', 'kc-group', '-K', ':'], Array.from({ length: 20 }, (_, i) => `k${i}:v${i}`).join('\n') + '\n');
    const group = ['-G', 'kc-readers', 'kc-group', '-X', 'auto.offset.reset=earliest', '-e', '-f', '%s\n'];
    const first = await kcat([...plain(), ...group], undefined, 40_000);
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n').sort()).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`).sort());

    await kcat([...plain(), '-P', '-t', 'kc-group'], 'late\n');
    const second = await kcat([...plain(), ...group], undefined, 40_000);
    expect(second.code).toBe(0);
    expect(second.stdout.trim().split('\n')).toEqual(['late']);
    // librdkafka 2.0 picks the highest version it has that the broker serves: OffsetFetch v7 is flexible.
    const used = broker.requestVersions();
    expect({ OffsetFetch: used.OffsetFetch, OffsetCommit: used.OffsetCommit, JoinGroup: used.JoinGroup }).toEqual({ OffsetFetch: [7], OffsetCommit: [7], JoinGroup: [5] });
  }, 90_000);

  it('finds offsets by timestamp (-Q)', async () => {
    const producer = kafkaAt(broker.address).producer();
    await producer.connect();
    const base = 1_700_000_000_000;
    for (let i = 0; i < 5; i++) {
      await producer.send({ topic: 'kc-time', messages: [{ value: `at-${i}`, timestamp: String(base + i * 1000) }] });
    }
    await producer.send({
      topic: 'kc-time',
      messages: [
        { value: 'batched-0', timestamp: String(base + 10_000) },
        { value: 'batched-1', timestamp: String(base + 11_000) },
      ],
    });
    await producer.disconnect();
    const query = async (ts: number): Promise<string> => {
      const { code, stdout } = await kcat([...plain(), '-Q', '-t', `kc-time:0:${ts}`]);
      expect(code).toBe(0);
      return stdout.trim();
    };
    expect(await query(base)).toBe('kc-time [0] offset 0');
    expect(await query(base + 2500)).toBe('kc-time [0] offset 3');
    expect(await query(base + 10_500)).toBe('kc-time [0] offset 6');
    expect(await query(base + 60_000)).toBe('kc-time [0] offset -1');
  });

  it('authenticates with SASL PLAIN and is refused by ACLs', async () => {
    const sasl = (user: string, password: string): string[] => [
      '-b',
      secure.address,
      '-X',
      'security.protocol=SASL_PLAINTEXT',
      '-X',
      'sasl.mechanisms=PLAIN',
      '-X',
      `sasl.username=${user}`,
      '-X',
      `sasl.password=${password}`,
    ];
    const ops = await kcat([...sasl('ops', 'ops-secret'), '-P', '-t', 'vault'], 'secret\n');
    expect(ops.code).toBe(0);

    const app = await kcat([...sasl('app', 'app-secret'), '-P', '-t', 'vault'], 'mine\n');
    expect(app.code).not.toBe(0);
    expect(app.stderr).toMatch(/Topic authorization failed/i);

    const readBack = await kcat([...sasl('ops', 'ops-secret'), '-C', '-t', 'vault', '-o', 'beginning', '-e', '-f', '%s\n']);
    expect(readBack.stdout.trim().split('\n')).toEqual(['secret']);

    const wrong = await kcat([...sasl('app', 'guess'), '-L', '-m', '5'], undefined, 15_000);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/Authentication failed|SASL/i);
  });
});
