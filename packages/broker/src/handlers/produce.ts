import { AclOperation, ResourceType } from '../auth/aclStore.ts';
import { validateProducedBatch } from '../log/recordBatch.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { Handler } from '../server/brokerContext.ts';

interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  topicData: { name: string; partitionData: { index: number; records: Buffer | null }[] }[];
}

/**
 * Produce: each partition's batch is validated, assigned the log-end offset and stored as
 * received (written to the partition file first when there is one). acks=0 gets no response.
 */
export const handleProduce: Handler = (broker, req, body) => {
  const { transactionalId, acks, topicData } = body as unknown as ProduceRequest;
  const txDenied =
    transactionalId !== null &&
    transactionalId !== undefined &&
    !broker.authorizer.authorize(req.session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, transactionalId);
  const now = Date.now();
  const responses = topicData.map((t) => {
    const topic = broker.topics.topics.get(t.name);
    const allowed = broker.authorizer.authorize(req.session, AclOperation.WRITE, ResourceType.TOPIC, t.name);
    const maxBytes = Number(topic?.configs.get('max.message.bytes') ?? 1048588);
    const logAppendTime = topic?.configs.get('message.timestamp.type') === 'LogAppendTime' ? now : undefined;
    return {
      name: t.name,
      partitionResponses: t.partitionData.map((p) => {
        const out = { index: p.index, errorCode: 0, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 };
        const log = topic?.partitions[p.index];
        if (txDenied) out.errorCode = ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
        else if (!allowed) out.errorCode = ErrorCode.TOPIC_AUTHORIZATION_FAILED;
        else if (!log) out.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        else if (!p.records || p.records.length === 0) out.errorCode = ErrorCode.CORRUPT_MESSAGE;
        else if (p.records.length > maxBytes) out.errorCode = ErrorCode.MESSAGE_TOO_LARGE;
        else {
          const info = validateProducedBatch(p.records, req.apiVersion);
          if ('error' in info) out.errorCode = info.error;
          else {
            const last = info.producerId >= 0 ? log.producers.get(info.producerId) : undefined;
            if (last && last.baseSequence === info.baseSequence) {
              // An idempotent producer's retry of a batch already stored: answer with its offset.
              out.baseOffset = last.baseOffset;
            } else {
              out.baseOffset = log.append(p.records, logAppendTime);
              if (info.producerId >= 0) log.producers.set(info.producerId, { baseSequence: info.baseSequence, baseOffset: out.baseOffset });
            }
            out.logAppendTimeMs = logAppendTime ?? -1;
            out.logStartOffset = log.logStartOffset;
          }
        }
        return out;
      }),
    };
  });
  if (acks === 0) return null;
  return { responses, throttleTimeMs: 0 };
};
