import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiKey } from '../codec/apiTable.ts';
import { encodeRequest } from '../testing/rawClient.ts';
import { startBroker, type BrokerOptions, type RunningBroker } from './startBroker.ts';

/** A frame header declaring `size` bytes, for clients that never send them all. */
function frameHeader(size: number): Buffer {
  const header = Buffer.alloc(4);
  header.writeInt32BE(size, 0);
  return header;
}

/** A raw TCP client that counts whole response frames, and can stop reading. */
class RawClient {
  responses = 0;
  closed = false;
  private pending: Buffer = Buffer.alloc(0);

  private constructor(readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
      while (this.pending.length >= 4 && this.pending.length >= this.pending.readInt32BE(0) + 4) {
        this.pending = this.pending.subarray(this.pending.readInt32BE(0) + 4);
        this.responses++;
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => void (this.closed = true));
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return new RawClient(socket);
  }

  /** Resolves true once the broker has closed the connection, false if it has not within `ms`. */
  async closedWithin(ms: number): Promise<boolean> {
    await until(() => this.closed, ms);
    return this.closed;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until it holds or `ms` pass. */
async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await sleep(20);
}

const brokers: RunningBroker[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

/** A broker for one test, with its log lines collected. */
async function broker(options: BrokerOptions = {}): Promise<{ broker: RunningBroker; log: string[] }> {
  const log: string[] = [];
  const started = await startBroker({ ...options, log: (line) => void log.push(line) });
  brokers.push(started);
  return { broker: started, log };
}

async function raw(b: RunningBroker): Promise<RawClient> {
  const client = await RawClient.open(b.port);
  sockets.push(client.socket);
  return client;
}

function kafka(b: RunningBroker, sasl?: SASLOptions): Kafka {
  return new Kafka({
    clientId: 'connection-test',
    brokers: [b.address],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 100 },
    ...(sasl ? { sasl } : {}),
  });
}

/** A Fetch v4 of partition 0 from offset 0 that waits up to `maxWaitMs` for `minBytes`. */
function longPoll(topic: string, correlationId: number, maxWaitMs: number, minBytes = 0x7fffffff): Buffer {
  return encodeRequest(
    ApiKey.Fetch,
    4,
    correlationId,
    {
      replicaId: -1,
      maxWaitMs,
      minBytes,
      maxBytes: 1024 * 1024,
      isolationLevel: 0,
      topics: [{ topic, partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024 * 1024 }] }],
    },
    null,
  );
}

async function createTopic(b: RunningBroker, topic: string): Promise<void> {
  const setup = kafka(b).admin();
  await setup.connect();
  await setup.createTopics({ topics: [{ topic }] });
  await setup.disconnect();
}

const admin: SASLOptions = { mechanism: 'plain', username: 'admin', password: 'secret' };

describe('request memory', () => {
  it('closes an unauthenticated connection as soon as it declares a frame over 512 KiB', async () => {
    const { broker: b, log } = await broker({ saslUsers: { admin: 'secret' }, superUsers: ['admin'] });
    const attacker = await raw(b);
    const port = attacker.socket.localPort;
    attacker.socket.write(frameHeader(100 * 1024 * 1024 - 1));
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    // The whole frame would be 100 MiB; 20 MiB is enough to show whether the broker keeps reading.
    for (let i = 0; i < 20 && !attacker.closed; i++) {
      if (!attacker.socket.write(chunk)) await until(() => attacker.closed || attacker.socket.writableLength === 0, 1000);
    }
    expect(await attacker.closedWithin(2000)).toBe(true);
    expect(log).toContain(`closing connection from 127.0.0.1:${port}: frame of 104857599 bytes before SASL authentication (limit 524288)`);

    // Once authenticated, a client may send frames up to maxFrameBytes again.
    const producer = kafka(b, admin).producer();
    await producer.connect();
    const [sent] = await producer.send({ topic: 'big', messages: [{ value: Buffer.alloc(900 * 1024, 1) }] });
    expect(sent?.errorCode).toBe(0);
    await producer.disconnect();
  });

  it('stops reading a frame that does not fit in maxQueuedRequestBytes until other frames are handled', async () => {
    const { broker: b } = await broker({ maxQueuedRequestBytes: 1024 * 1024 });
    const holder = await raw(b);
    // A client that declares 900 KiB and sends only part of it holds 900 KiB of the budget.
    holder.socket.write(Buffer.concat([frameHeader(900 * 1024), Buffer.alloc(100 * 1024)]));
    await sleep(100);

    const producer = kafka(b).producer();
    await producer.connect();
    let acknowledged = false;
    const send = producer.send({ topic: 'waits', messages: [{ value: Buffer.alloc(300 * 1024, 1) }] });
    void send.then(() => void (acknowledged = true));
    await sleep(500);
    expect(acknowledged).toBe(false);

    holder.socket.destroy();
    const [sent] = await send;
    expect(sent?.errorCode).toBe(0);
    await producer.disconnect();
  });
});


describe('response backpressure', () => {
  it('stops reading a client that does not read its responses, and serves it fully once it does', async () => {
    const { broker: b } = await broker();
    const setup = kafka(b).admin();
    await setup.connect();
    // 100 topics with long names make each Metadata response about 13 KB.
    const names = Array.from({ length: 100 }, (_, i) => `backpressure-${'x'.repeat(90)}-${i}`);
    await setup.createTopics({ topics: names.map((topic) => ({ topic })) });
    await setup.disconnect();

    const client = await raw(b);
    client.socket.pause();
    const requests = 8000;
    const metadata = Buffer.concat(Array.from({ length: requests }, (_, i) => encodeRequest(ApiKey.Metadata, 1, i, { topics: null }, null)));
    const before = process.memoryUsage().arrayBuffers;
    client.socket.write(metadata);
    await sleep(1500);
    const grown = process.memoryUsage().arrayBuffers - before;
    console.log(`response backpressure: ${Math.round(grown / 2 ** 20)} MiB held while the client did not read`);
    // Unbounded, the broker would hold about 100 MiB of responses here; bounded, at most what the
    // kernel's socket buffers take plus maxQueuedResponseBytes.
    expect(grown).toBeLessThan(32 * 2 ** 20);

    client.socket.resume();
    await until(() => client.responses === requests, 20_000);
    expect(client.responses).toBe(requests);
  });
});

describe('requests in flight', () => {
  it('reads no more than maxInFlightRequests requests of a connection before answering them', async () => {
    const { broker: b } = await broker({ maxInFlightRequests: 4 });
    await createTopic(b, 'polled');
    const client = await raw(b);
    const started = Date.now();
    client.socket.write(Buffer.concat(Array.from({ length: 12 }, (_, i) => longPoll('polled', i, 300))));
    await until(() => client.responses === 12, 10_000);
    expect(client.responses).toBe(12);
    // Four at a time, each waiting its 300 ms: three rounds. All at once would take one.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

describe('fetch long polls', () => {
  it('stop waiting when their connection closes, and a connection has at most maxInFlightRequests of them', async () => {
    const { broker: b } = await broker({ maxFetchWaitMs: 2000 });
    await createTopic(b, 'abandoned');
    const forever = 0x7fffffff;
    for (let round = 0; round < 3; round++) {
      const client = await raw(b);
      client.socket.write(Buffer.concat(Array.from({ length: 20 }, (_, i) => longPoll('abandoned', i, forever))));
      await until(() => b.pendingFetches() === 20, 5000);
      expect(b.pendingFetches()).toBe(20);
      client.socket.destroy();
      // Well before maxFetchWaitMs would end them.
      await until(() => b.pendingFetches() === 0, 1000);
      expect(b.pendingFetches()).toBe(0);
    }

    // A client pipelining thousands has 32 (the default limit) read; the rest wait in its socket.
    const greedy = await raw(b);
    greedy.socket.write(Buffer.concat(Array.from({ length: 2000 }, (_, i) => longPoll('abandoned', i, forever))));
    await until(() => b.pendingFetches() >= 32, 5000);
    await sleep(200);
    expect(b.pendingFetches()).toBe(32);
    // Paused, the broker sees this close only when it answers (by maxFetchWaitMs) and the write fails.
    greedy.socket.destroy();
    await until(() => b.pendingFetches() === 0, 10_000);
    expect(b.pendingFetches()).toBe(0);

    // A legitimate consumer still gets what is produced.
    const producer = kafka(b).producer();
    await producer.connect();
    await producer.send({ topic: 'abandoned', messages: [{ value: 'after' }] });
    await producer.disconnect();
    const consumer = kafka(b).consumer({ groupId: 'after-abandoned', maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'abandoned', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    await until(() => seen.length > 0, 10_000);
    await consumer.disconnect();
    expect(seen).toEqual(['after']);
  });

  it('wait no longer than maxFetchWaitMs, whatever maxWaitMs they ask for', async () => {
    const { broker: b } = await broker({ maxFetchWaitMs: 200 });
    await createTopic(b, 'clamped');
    const client = await raw(b);
    const started = Date.now();
    client.socket.write(longPoll('clamped', 1, 0x7fffffff));
    await until(() => client.responses === 1, 5000);
    expect(client.responses).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});

describe('connections that do nothing', () => {
  it('are closed when they do not authenticate within authenticationTimeoutMs, and authenticated ones stay', async () => {
    const { broker: b, log } = await broker({ saslUsers: { admin: 'secret' }, superUsers: ['admin'], authenticationTimeoutMs: 300 });
    const silent = await raw(b);
    const port = silent.socket.localPort;
    expect(await silent.closedWithin(2000)).toBe(true);
    expect(log).toContain(`closing connection from 127.0.0.1:${port}: not authenticated within 300 ms`);

    const producer = kafka(b, admin).producer();
    await producer.connect();
    await sleep(600);
    const [sent] = await producer.send({ topic: 'authenticated', messages: [{ value: 'kept' }] });
    expect(sent?.errorCode).toBe(0);
    await producer.disconnect();
    expect(log.filter((line) => line.includes('not authenticated'))).toHaveLength(1);
  });

  it('are closed after idleTimeoutMs without traffic, unless they wait for an answer', async () => {
    const { broker: b, log } = await broker({ idleTimeoutMs: 300 });
    await createTopic(b, 'idle');
    const idle = await raw(b);
    const port = idle.socket.localPort;
    const busy = await raw(b);
    const polling = await raw(b);
    polling.socket.write(longPoll('idle', 1, 1000));
    for (let i = 0; i < 8; i++) {
      busy.socket.write(encodeRequest(ApiKey.ApiVersions, 0, i, {}, null));
      await sleep(100);
    }
    expect(idle.closed).toBe(true);
    expect(log).toContain(`closing connection from 127.0.0.1:${port}: idle for 300 ms`);
    expect(busy.closed).toBe(false);
    expect(busy.responses).toBe(8);
    await until(() => polling.responses === 1, 2000);
    expect(polling.responses).toBe(1);

    // A client whose connection was closed while idle connects again.
    const producer = kafka(b).producer();
    await producer.connect();
    await sleep(600);
    const [sent] = await producer.send({ topic: 'idle', messages: [{ value: 'again' }] });
    expect(sent?.errorCode).toBe(0);
    await producer.disconnect();
  });

  it('from one host are limited to maxConnectionsPerHost', async () => {
    const { broker: b, log } = await broker({ maxConnectionsPerHost: 3 });
    const first = await Promise.all([raw(b), raw(b), raw(b)]);
    const extra = await raw(b);
    expect(await extra.closedWithin(2000)).toBe(true);
    expect(log).toContain('refused connection from 127.0.0.1: limit of 3 connections per host reached');
    expect(first.some((c) => c.closed)).toBe(false);

    first[0]?.socket.destroy();
    await sleep(100);
    const next = await raw(b);
    next.socket.write(encodeRequest(ApiKey.ApiVersions, 0, 1, {}, null));
    await until(() => next.responses === 1, 2000);
    expect(next.responses).toBe(1);
  });
});

describe('SASL users at start-up', () => {
  it('refuses a user with an empty password, so no one signs in with none', async () => {
    await expect(startBroker({ port: 0, saslUsers: { admin: '' } })).rejects.toThrow(/SASL user "admin" has an empty password/);
  });
});
