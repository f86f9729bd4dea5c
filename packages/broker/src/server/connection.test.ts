import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
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

