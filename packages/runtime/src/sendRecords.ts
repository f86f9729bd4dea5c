import type { Message, Producer } from 'kafkajs';

/** Most bytes (estimated, generously) in one produce request: under Kafka's default 1 MB `message.max.bytes`. */
const requestBytes = 900 * 1024;

/** A record's size on the wire, roughly: key, value, headers and per-record overhead. */
export function recordBytes(message: Message): number {
  let size = 24 + (message.key ? Buffer.byteLength(message.key) : 0) + (message.value ? Buffer.byteLength(message.value) : 0);
  for (const [name, value] of Object.entries(message.headers ?? {})) size += name.length + (value === undefined ? 0 : Buffer.byteLength(String(value))) + 4;
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
