import { AclOperation, ResourceType } from '../auth/aclStore.ts';
import { apiTable } from '../codec/apiTable.ts';
import { isLegalTopicName } from '../log/topicConfig.ts';
import type { Topic } from '../log/topicStore.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { BrokerContext, Handler, RequestContext } from '../server/brokerContext.ts';

/**
 * ApiVersions: every served API (but those left out) with the range advertised in the API table.
 * Like a Kafka 4 node without KRaft features, it lists no supported and no finalized features (epoch -1).
 */
export const handleApiVersions: Handler = (broker) => ({
  errorCode: 0,
  apiKeys: apiTable.filter((a) => !broker.apisLeftOut.has(a.key)).map((a) => ({ apiKey: a.key, minVersion: a.min, maxVersion: a.max })),
  throttleTimeMs: 0,
  supportedFeatures: [],
  finalizedFeaturesEpoch: -1,
  finalizedFeatures: [],
  zkMigrationReady: false,
});

/** Kafka's id for "no topic id" (metadata v10+ answers it for topics that do not exist). */
const noTopicId = '0'.repeat(32);

function describeTopic(broker: BrokerContext, topic: Topic): Record<string, unknown> {
  return {
    errorCode: 0,
    name: topic.name,
    topicId: topic.id,
    isInternal: false,
    partitions: topic.partitions.map((_, index) => ({
      errorCode: 0,
      partitionIndex: index,
      leaderId: broker.nodeId,
      leaderEpoch: 0,
      replicaNodes: [broker.nodeId],
      isrNodes: [broker.nodeId],
      offlineReplicas: [],
    })),
  };
}

function topicError(name: string | null, errorCode: number, topicId = noTopicId): Record<string, unknown> {
  return { errorCode, name, topicId, isInternal: false, partitions: [] };
}

function mayCreate(broker: BrokerContext, req: RequestContext, name: string): boolean {
  return (
    broker.authorizer.authorizeCluster(req.session, AclOperation.CREATE) ||
    broker.authorizer.authorize(req.session, AclOperation.CREATE, ResourceType.TOPIC, name)
  );
}

/**
 * Metadata: this one node as broker, controller and leader of every partition. Named unknown
 * topics are created on first use when auto-creation is on (never for an all-topics request).
 * From v10 topics carry their id, and from v12 a topic may be asked for by id alone.
 */
export const handleMetadata: Handler = (broker, req, body) => {
  const requested = body.topics as { name: string | null; topicId?: string }[] | null;
  const all = requested === null || (req.apiVersion === 0 && requested.length === 0);
  const allowAuto = req.apiVersion >= 4 ? Boolean(body.allowAutoTopicCreation) : true;
  const describe = (name: string): boolean => broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
  const topics: Record<string, unknown>[] = [];
  if (all) {
    for (const topic of broker.topics.topics.values()) if (describe(topic.name)) topics.push(describeTopic(broker, topic));
  } else {
    for (const { name, topicId } of requested) {
      if (name === null && req.apiVersion < 12) {
        // As Kafka: v10 and v11 carry the id field, but only v12 may ask by id alone.
        topics.push(topicError('', ErrorCode.INVALID_REQUEST, topicId));
        continue;
      }
      if (name === null) {
        const topic = topicId === undefined ? undefined : broker.topics.byId(topicId);
        if (topic && describe(topic.name)) topics.push(describeTopic(broker, topic));
        else topics.push(topicError(null, topic ? ErrorCode.TOPIC_AUTHORIZATION_FAILED : ErrorCode.UNKNOWN_TOPIC_ID, topicId));
        continue;
      }
      const topic = broker.topics.topics.get(name);
      if (topic) topics.push(describe(name) ? describeTopic(broker, topic) : topicError(name, ErrorCode.TOPIC_AUTHORIZATION_FAILED));
      else if (!isLegalTopicName(name)) topics.push(topicError(name, ErrorCode.INVALID_TOPIC_EXCEPTION));
      else if (!broker.autoCreateTopics || !allowAuto) {
        topics.push(topicError(name, describe(name) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.TOPIC_AUTHORIZATION_FAILED));
      } else if (!mayCreate(broker, req, name)) topics.push(topicError(name, ErrorCode.TOPIC_AUTHORIZATION_FAILED));
      else topics.push(describeTopic(broker, broker.createTopic(name, broker.defaultPartitions, new Map())));
    }
  }
  return {
    throttleTimeMs: 0,
    brokers: [{ nodeId: broker.nodeId, host: broker.host, port: broker.port, rack: null }],
    clusterId: broker.clusterId,
    controllerId: broker.nodeId,
    topics,
    clusterAuthorizedOperations: -2147483648,
  };
};

const CoordinatorKeyType = { GROUP: 0, TRANSACTION: 1 } as const;

/** Where one group or transactional id is coordinated: this node, when the caller may describe it. */
function coordinatorFor(broker: BrokerContext, req: RequestContext, key: string, keyType: number): Record<string, unknown> {
  const fail = (errorCode: number, errorMessage: string): Record<string, unknown> => ({ key, nodeId: -1, host: '', port: -1, errorCode, errorMessage });
  if (keyType !== CoordinatorKeyType.GROUP && keyType !== CoordinatorKeyType.TRANSACTION) {
    return fail(ErrorCode.INVALID_REQUEST, `Coordinator key type ${keyType} is not supported by this broker.`);
  }
  const isTxn = keyType === CoordinatorKeyType.TRANSACTION;
  const allowed = isTxn
    ? broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, key)
    : broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.GROUP, key);
  if (!allowed) return fail(isTxn ? ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED : ErrorCode.GROUP_AUTHORIZATION_FAILED, 'Not authorized');
  return { key, nodeId: broker.nodeId, host: broker.host, port: broker.port, errorCode: 0, errorMessage: null };
}

/** FindCoordinator: this node coordinates every group (and transactional id); from v4 for a list of keys. */
export const handleFindCoordinator: Handler = (broker, req, body) => {
  const keyType = Number(body.keyType);
  if (req.apiVersion >= 4) {
    const coordinators = (body.coordinatorKeys as string[]).map((key) => coordinatorFor(broker, req, key, keyType));
    return { throttleTimeMs: 0, coordinators };
  }
  return { throttleTimeMs: 0, ...coordinatorFor(broker, req, String(body.key), keyType) };
};
