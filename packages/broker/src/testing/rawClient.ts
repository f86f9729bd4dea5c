import { connect, type Socket } from 'node:net';
import { CodecRegistry } from '../codec/codecRegistry.ts';
import type { Message } from '../codec/compile.ts';
import { FrameReader } from '../codec/reader.ts';
import { FrameWriter } from '../codec/writer.ts';

const registry = new CodecRegistry();

/**
 * One request frame as a client sends it: size, header (v1, or v2 for flexible versions) and body
 * encoded with the broker's own schema. A null `clientId` is sent as a null string.
 */
export function encodeRequest(apiKey: number, apiVersion: number, correlationId: number, body: Message, clientId: string | null = 'raw-client'): Buffer {
  const codecs = registry.codecs(apiKey, apiVersion);
  if (!codecs) throw new Error(`no schema for API ${apiKey} v${apiVersion}`);
  const writer = new FrameWriter(256);
  writer.int32(0);
  writer.int16(apiKey);
  writer.int16(apiVersion);
  writer.int32(correlationId);
  if (clientId === null) writer.int16(-1);
  else {
    const id = Buffer.from(clientId);
    writer.int16(id.length);
    writer.raw(id);
  }
  if (codecs.request.flexible) writer.uvarint(0);
  codecs.request.encode(writer, body);
  const frame = Buffer.concat(writer.finish());
  frame.writeInt32BE(frame.length - 4, 0);
  return frame;
}

/**
 * A Kafka-protocol client for tests that must send what kafkajs and librdkafka never would
 * (hand-made record batches): it encodes requests with the broker's own schemas and decodes the
 * responses, one request at a time, over a real TCP connection.
 */
export class RawClient {
  private pending = Buffer.alloc(0);
  private readonly waiters: ((frame: Buffer | undefined) => void)[] = [];
  private correlationId = 0;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.pending = Buffer.concat([this.pending, data]);
      while (this.pending.length >= 4 && this.pending.length >= this.pending.readInt32BE(0) + 4) {
        const size = this.pending.readInt32BE(0);
        this.waiters.shift()?.(this.pending.subarray(4, 4 + size));
        this.pending = this.pending.subarray(4 + size);
      }
    });
    socket.on('close', () => {
      for (const waiter of this.waiters.splice(0)) waiter(undefined);
    });
    socket.on('error', () => {});
  }

  /** Connects to a broker on localhost. */
  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends one request and resolves with its decoded response; rejects when the broker closes the connection. */
  async call(apiKey: number, apiVersion: number, body: Message): Promise<Message> {
    const frame = encodeRequest(apiKey, apiVersion, ++this.correlationId, body);
    const codecs = registry.codecs(apiKey, apiVersion);
    if (!codecs) throw new Error(`no schema for API ${apiKey} v${apiVersion}`);
    const response = new Promise<Buffer | undefined>((resolve) => this.waiters.push(resolve));
    this.socket.write(frame);
    const received = await response;
    if (!received) throw new Error('the broker closed the connection');
    const reader = new FrameReader(received);
    reader.int32();
    // ApiVersions answers with a v0 header even in its flexible versions.
    if (codecs.response.flexible && apiKey !== 18) reader.uvarint();
    return codecs.response.decode(reader);
  }

  /** Closes the connection. */
  close(): void {
    this.socket.destroy();
  }
}
