import type { IHeaders, Message, Producer } from 'kafkajs';

/** Most bytes (estimated, generously) in one produce request: under Kafka's default 1 MB `message.max.bytes`. */
const requestBytes = 900 * 1024;

/** The bytes of a key, value or header value: a Buffer's length as it is (no decoding), a string's in UTF-8. */
function bytesOf(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/**
 * A record's size on the wire, roughly: key, value, headers and per-record overhead. It runs for every
 * record sent, so it reads header values without turning Buffers into strings.
 */
export function recordBytes(message: Message): number {
  let size = 24 + bytesOf(message.key) + bytesOf(message.value);
  const headers: IHeaders = message.headers ?? {};
  for (const name in headers) {
    const value = headers[name];
    if (Array.isArray(value)) for (const one of value) size += name.length + bytesOf(one) + 4;
    else size += name.length + bytesOf(value) + 4;
  }
  return size;
}

/**
 * Sends records with one producer in batched requests of at most {@link requestBytes} each (Kafka refuses
 * record batches over its `message.max.bytes`, 1 MB by default), one request after another so that the
 * records of a topic keep their order; rejects when any record is not acknowledged by all in-sync replicas.
 */
export async function sendRecords(producer: Producer, records: ReadonlyArray<{ readonly to: { readonly topic: string }; readonly message: Message }>): Promise<void> {
  let topics = new Map<string, Message[]>();
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (topics.size === 0) return;
    const topicMessages = [...topics].map(([topic, messages]) => ({ topic, messages }));
    topics = new Map();
    bytes = 0;
    await producer.sendBatch({ acks: -1, topicMessages });
  };
  for (const { to, message } of records) {
    const size = recordBytes(message);
    if (bytes > 0 && bytes + size > requestBytes) await flush();
    const messages = topics.get(to.topic);
    if (messages) messages.push(message);
    else topics.set(to.topic, [message]);
    bytes += size;
  }
  await flush();
}
