import { connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { eventually, kafkaAt } from './clients.ts';

let broker: RunningBroker;
const logLines: string[] = [];

beforeAll(async () => {
  broker = await startBroker({ port: 0, maxFrameBytes: 1024 * 1024, log: (l) => void logLines.push(l) });
});
afterAll(async () => {
  await broker.close();
});

/** A deterministic PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Records every request frame a real kafkajs session sends, through a recording TCP proxy. */
async function captureFrames(): Promise<Buffer[]> {
  const frames: Buffer[] = [];
  let target = 0;
  const proxy = createServer((client: Socket) => {
    let pending = Buffer.alloc(0);
    const upstream = connect(target, '127.0.0.1');
    client.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 4 && pending.length >= pending.readInt32BE(0) + 4) {
        const size = pending.readInt32BE(0) + 4;
        frames.push(Buffer.from(pending.subarray(0, size)));
        pending = pending.subarray(size);
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // A separate broker that tells clients to come back through the proxy, so every request is seen.
  // With an authorizer (the anonymous client a super user), so that the ACL requests seen are answered.
  const seedBroker = await startBroker({ port: 0, advertisedPort: port, authorizer: true, superUsers: ['ANONYMOUS'], log: () => {} });
  target = seedBroker.port;
  const kafka = kafkaAt(`127.0.0.1:${port}`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'fuzz-seed', numPartitions: 2 }] });
  await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: 'fuzz-seed' }] });
  await admin.createAcls({
    acl: [{ resourceType: 2, resourceName: 'fuzz', resourcePatternType: 4, principal: 'User:x', host: '*', operation: 3, permissionType: 3 }],
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'fuzz-seed', messages: [{ key: 'k', value: 'v', headers: { h: '1' } }] });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: 'fuzz-seed-group', maxWaitTimeInMs: 50 });
  let got = 0;
  await consumer.connect();
  await consumer.subscribe({ topic: 'fuzz-seed', fromBeginning: true });
  await consumer.run({ eachMessage: async () => void got++ });
  await eventually(() => got > 0);
  await consumer.disconnect();
  await admin.disconnect();
  await seedBroker.close();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  return frames;
}

function mutate(frame: Buffer, next: () => number): Buffer {
  const out = Buffer.from(frame);
  const kind = Math.floor(next() * 5);
  if (kind === 0) {
    for (let i = 0; i < 1 + next() * 8; i++) out[4 + Math.floor(next() * (out.length - 4))] = Math.floor(next() * 256);
    return out;
  }
  if (kind === 1) {
    const cut = 4 + Math.floor(next() * (out.length - 4));
    const short = out.subarray(0, Math.max(cut, 14));
    short.writeInt32BE(short.length - 4, 0);
    return short;
  }
  if (kind === 2) {
    // Claim a huge array or string somewhere in the body.
    const at = 14 + Math.floor(next() * Math.max(1, out.length - 18));
    if (at + 4 <= out.length) out.writeInt32BE(0x7fffffff - Math.floor(next() * 1000), at);
    return out;
  }
  if (kind === 3) {
    out.writeInt16BE(Math.floor(next() * 60) - 5, 4);
    out.writeInt16BE(Math.floor(next() * 20) - 2, 6);
    return out;
  }
  const garbage = Buffer.alloc(Math.floor(next() * 200));
  for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(next() * 256);
  const framed = Buffer.alloc(garbage.length + 4);
  framed.writeInt32BE(next() < 0.1 ? 0x7fffffff : garbage.length, 0);
  garbage.copy(framed, 4);
  return framed;
}

function blast(frames: readonly Buffer[]): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(broker.port, '127.0.0.1', () => {
      for (const f of frames) socket.write(f);
      setTimeout(() => socket.destroy(), 20);
    });
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => resolve());
  });
}

describe('the broker under malformed input', () => {
  it('survives thousands of random and mutated frames and still serves a real client', { timeout: 120_000 }, async () => {
    const steady = kafkaAt(broker.address).producer();
    await steady.connect();
    await steady.send({ topic: 'steady', messages: [{ value: 'before' }] });

    const seeds = await captureFrames();
    expect(new Set(seeds.map((f) => f.readInt16BE(4))).size).toBeGreaterThan(10);
    const next = random(20_240_601);
    let sent = 0;
    const pick = (): Buffer => mutate(seeds[Math.floor(next() * seeds.length)] as Buffer, next);
    // Mostly one frame per connection, so each is decoded; some connections carry several.
    for (let round = 0; round < 150; round++) {
      const connections = Array.from({ length: 20 }, (_, i) => (i < 17 ? [pick()] : Array.from({ length: 6 }, pick)));
      sent += connections.reduce((n, frames) => n + frames.length, 0);
      await Promise.all(connections.map(blast));
    }
    expect(sent).toBeGreaterThanOrEqual(3000);
    const closed = logLines.filter((l) => l.startsWith('closing connection')).length;
    console.log(`fuzz: ${sent} frames, ${closed} connections closed`);
    expect(closed).toBeGreaterThan(500);
    expect(logLines.every((l) => !/internal error/.test(l))).toBe(true);

    // The connection opened before the storm still works, and so does a new client.
    await steady.send({ topic: 'steady', messages: [{ value: 'after' }] });
    await steady.disconnect();
    const consumer = kafkaAt(broker.address).consumer({ groupId: 'after-fuzz', maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'steady', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    expect(await eventually(() => seen.length >= 2)).toBe(true);
    await consumer.disconnect();
    expect(seen).toEqual(['before', 'after']);
  });
});
