import { AclOperation, ResourceType } from '../auth/aclStore.ts';
import type { Message } from '../codec/compile.ts';
import type { PartitionLog } from '../log/partitionLog.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { BrokerContext, Handler, RequestContext } from '../server/brokerContext.ts';

interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  /** By name up to v12, by `topicId` from v13 (`topic` is then absent). */
  topics: { topic?: string; topicId?: string; partitions: { partition: number; fetchOffset: number; lastFetchedEpoch?: number; partitionMaxBytes: number }[] }[];
}

/** The leader epoch of every partition: one node, never re-elected. */
const leaderEpoch = 0;

interface FetchPass {
  readonly response: Message;
  readonly bytes: number;
  readonly failed: boolean;
  readonly logs: PartitionLog[];
}

function fetchOnce(broker: BrokerContext, req: RequestContext, body: FetchRequest, apiVersion: number): FetchPass {
  let remaining = apiVersion >= 3 && body.maxBytes > 0 ? body.maxBytes : Number.MAX_SAFE_INTEGER;
  let bytes = 0;
  let failed = false;
  const logs: PartitionLog[] = [];
  const responses = body.topics.map((t) => {
    const topic = t.topicId === undefined ? broker.topics.topics.get(t.topic ?? '') : broker.topics.byId(t.topicId);
    const name = topic?.name ?? t.topic ?? '';
    const allowed = topic !== undefined || t.topicId === undefined ? broker.authorizer.authorize(req.session, AclOperation.READ, ResourceType.TOPIC, name) : true;
    const missing = t.topicId === undefined ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID;
    return {
      topic: t.topic,
      topicId: t.topicId,
      partitions: t.partitions.map((p) => {
        const log = topic?.partitions[p.partition];
        const out = {
          partitionIndex: p.partition,
          errorCode: 0,
          highWatermark: -1,
          lastStableOffset: -1,
          logStartOffset: -1,
          abortedTransactions: null,
          preferredReadReplica: -1,
          records: [] as Buffer[],
          divergingEpoch: undefined as { epoch: number; endOffset: number } | undefined,
        };
        if (!allowed) out.errorCode = ErrorCode.TOPIC_AUTHORIZATION_FAILED;
        else if (!topic) out.errorCode = missing;
        else if (!log) out.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        else if (p.fetchOffset < log.logStartOffset || p.fetchOffset > log.endOffset) out.errorCode = ErrorCode.OFFSET_OUT_OF_RANGE;
        if (out.errorCode !== 0 || !log) {
          failed = true;
          return out;
        }
        logs.push(log);
        out.highWatermark = log.endOffset;
        out.lastStableOffset = log.endOffset;
        out.logStartOffset = log.logStartOffset;
        // Every batch here is of leader epoch 0: a fetcher that read a later epoch (v12+) has diverged
        // and, as Kafka answers it, learns where epoch 0 ends instead of getting records.
        if ((p.lastFetchedEpoch ?? -1) > leaderEpoch) {
          out.divergingEpoch = { epoch: leaderEpoch, endOffset: log.endOffset };
          failed = true;
          return out;
        }
        const limit = Math.min(p.partitionMaxBytes, remaining);
        const read = log.read(p.fetchOffset, Math.max(limit, 0), bytes === 0);
        out.records = read.parts;
        bytes += read.bytes;
        remaining -= read.bytes;
        return out;
      }),
    };
  });
  return { response: { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses }, bytes, failed, logs };
}

/**
 * Fetch: serves stored batches as they are (no copy), from the batch containing each fetch
 * offset. When fewer than `minBytes` are available it waits for appends up to `maxWaitMs` (at most
 * the broker's `maxFetchWaitMs`), and stops waiting when the connection closes.
 */
export const handleFetch: Handler = (broker, req, raw) => {
  const body = raw as unknown as FetchRequest;
  const first = fetchOnce(broker, req, body, req.apiVersion);
  const maxWaitMs = Math.min(body.maxWaitMs, broker.maxFetchWaitMs);
  if (first.bytes >= body.minBytes || first.failed || maxWaitMs <= 0 || first.logs.length === 0) return first.response;
  return new Promise<Message>((resolve) => {
    let done = false;
    let checkQueued = false;
    const unsubscribes: (() => void)[] = [];
    const finish = (response: Message): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const u of unsubscribes) u();
      broker.pendingWaits.delete(cancel);
      req.connectionClosed.removeEventListener('abort', abandon);
      resolve(response);
    };
    const cancel = (): void => finish(fetchOnce(broker, req, body, req.apiVersion).response);
    // Nobody will read the answer: any will do, and none is computed.
    const abandon = (): void => finish(first.response);
    const timer = setTimeout(cancel, maxWaitMs);
    const check = (): void => {
      checkQueued = false;
      if (done) return;
      const pass = fetchOnce(broker, req, body, req.apiVersion);
      if (pass.bytes >= body.minBytes || pass.failed) finish(pass.response);
    };
    for (const log of first.logs) {
      unsubscribes.push(
        log.onAppend(() => {
          if (checkQueued) return;
          checkQueued = true;
          setImmediate(check);
        }),
      );
    }
    broker.pendingWaits.add(cancel);
    req.connectionClosed.addEventListener('abort', abandon);
  });
};

interface ListOffsetsRequest {
  topics: { name: string; partitions: { partitionIndex: number; timestamp: number }[] }[];
}

/** The special timestamps of ListOffsets (Kafka's `ListOffsetsRequest` constants). */
const OffsetSpec = { LATEST: -1, EARLIEST: -2, MAX_TIMESTAMP: -3, EARLIEST_LOCAL: -4, LATEST_TIERED: -5 } as const;

/**
 * ListOffsets: latest (-1), earliest (-2 and, without tiered storage, -4), the record with the
 * newest timestamp (-3, v7+), none for the latest tiered offset (-5, v9+: nothing is tiered), or the
 * first offset with a timestamp at or after the given one.
 */
export const handleListOffsets: Handler = (broker, req, raw) => {
  const body = raw as unknown as ListOffsetsRequest;
  const topics = body.topics.map((t) => {
    const topic = broker.topics.topics.get(t.name);
    const allowed = broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.TOPIC, t.name);
    return {
      name: t.name,
      partitions: t.partitions.map((p) => {
        const out = { partitionIndex: p.partitionIndex, errorCode: 0, oldStyleOffsets: [] as number[], timestamp: -1, offset: -1, leaderEpoch: -1 };
        const log = topic?.partitions[p.partitionIndex];
        if (!allowed) out.errorCode = ErrorCode.TOPIC_AUTHORIZATION_FAILED;
        else if (!log) out.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        else if (p.timestamp === OffsetSpec.LATEST) out.offset = log.endOffset;
        else if (p.timestamp === OffsetSpec.EARLIEST || p.timestamp === OffsetSpec.EARLIEST_LOCAL) out.offset = log.logStartOffset;
        else if (p.timestamp !== OffsetSpec.LATEST_TIERED) {
          // The first record carrying the log's newest timestamp is the one Kafka answers for -3.
          const wanted = p.timestamp === OffsetSpec.MAX_TIMESTAMP ? log.largestTimestamp() : p.timestamp;
          const found = wanted < 0 ? undefined : log.offsetForTimestamp(wanted);
          if (found) {
            out.offset = found.offset;
            out.timestamp = found.timestamp;
          }
        }
        if (out.offset >= 0) {
          out.oldStyleOffsets = [out.offset];
          out.leaderEpoch = 0;
        }
        return out;
      }),
    };
  });
  return { throttleTimeMs: 0, topics };
};
