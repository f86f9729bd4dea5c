import { AclOperation, ResourceType } from '../auth/aclStore.ts';
import { apiTable } from '../codec/apiTable.ts';
import { isLegalTopicName } from '../log/topicConfig.ts';
import type { Topic } from '../log/topicStore.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { BrokerContext, Handler, RequestContext } from '../server/brokerContext.ts';

/** ApiVersions: every served API (but those left out) with the range advertised in the API table. */
export const handleApiVersions: Handler = (broker) => ({
  errorCode: 0,
  apiKeys: apiTable.filter((a) => !broker.apisLeftOut.has(a.key)).map((a) => ({ apiKey: a.key, minVersion: a.min, maxVersion: a.max })),
  throttleTimeMs: 0,
});

function describeTopic(broker: BrokerContext, topic: Topic): Record<string, unknown> {
  return {
    errorCode: 0,
    name: topic.name,
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

function topicError(name: string, errorCode: number): Record<string, unknown> {
  return { errorCode, name, isInternal: false, partitions: [] };
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
 */
export const handleMetadata: Handler = (broker, req, body) => {
  const requested = body.topics as { name: string }[] | null;
  const all = requested === null || (req.apiVersion === 0 && requested.length === 0);
  const allowAuto = req.apiVersion >= 4 ? Boolean(body.allowAutoTopicCreation) : true;
  const describe = (name: string): boolean => broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
  const topics: Record<string, unknown>[] = [];
  if (all) {
    for (const topic of broker.topics.topics.values()) if (describe(topic.name)) topics.push(describeTopic(broker, topic));
  } else {
    for (const { name } of requested) {
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

/** FindCoordinator: this node coordinates every group (and transactional id). */
export const handleFindCoordinator: Handler = (broker, req, body) => {
  const key = String(body.key);
  const isTxn = body.keyType === 1;
  const allowed = isTxn
    ? broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, key)
    : broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.GROUP, key);
  if (!allowed) {
    const errorCode = isTxn ? ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED : ErrorCode.GROUP_AUTHORIZATION_FAILED;
    return { throttleTimeMs: 0, errorCode, errorMessage: 'Not authorized', nodeId: -1, host: '', port: -1 };
  }
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: broker.nodeId, host: broker.host, port: broker.port };
};
