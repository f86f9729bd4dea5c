import { AclOperation, ResourceType } from '../auth/aclStore.ts';
import { clusterResourceName } from '../auth/authorizer.ts';
import { isLegalTopicName, topicConfigDefaults, topicConfigProblem } from '../log/topicConfig.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { Handler } from '../server/brokerContext.ts';

interface CreateTopicsRequest {
  topics: { name: string; numPartitions: number; replicationFactor: number; configs: { name: string; value: string | null }[] }[];
  validateOnly: boolean;
}

/** CreateTopics: -1 partitions or replication factor means the broker default; one replica at most. */
export const handleCreateTopics: Handler = (broker, req, raw) => {
  const body = raw as unknown as CreateTopicsRequest;
  const clusterCreate = broker.authorizer.authorizeCluster(req.session, AclOperation.CREATE);
  const topics = body.topics.map((t) => {
    const result = (errorCode: number, errorMessage: string | null = null): Record<string, unknown> => ({
      name: t.name,
      errorCode,
      errorMessage,
      numPartitions: -1,
      replicationFactor: -1,
      configs: null,
    });
    if (!clusterCreate && !broker.authorizer.authorize(req.session, AclOperation.CREATE, ResourceType.TOPIC, t.name)) {
      return result(ErrorCode.TOPIC_AUTHORIZATION_FAILED, 'Authorization failed.');
    }
    if (!isLegalTopicName(t.name)) return result(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic name "${t.name}" is illegal`);
    if (broker.topics.topics.has(t.name)) return result(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
    const partitions = t.numPartitions === -1 ? broker.defaultPartitions : t.numPartitions;
    if (partitions <= 0 || partitions > 10_000) return result(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
      return result(ErrorCode.INVALID_REPLICATION_FACTOR, `Replication factor: ${t.replicationFactor} larger than available brokers: 1.`);
    }
    const problem = topicConfigProblem(t.configs.map((c) => [c.name, c.value] as const));
    if (problem) return result(ErrorCode.INVALID_CONFIG, problem);
    const configs = new Map<string, string>();
    for (const c of t.configs) if (c.value !== null) configs.set(c.name, c.value);
    const created = body.validateOnly ? undefined : broker.createTopic(t.name, partitions, configs);
    // v5+ describe the topic created (v7+ with its id), as Kafka does.
    return { ...result(ErrorCode.NONE), topicId: created?.id, numPartitions: partitions, replicationFactor: 1 };
  });
  return { throttleTimeMs: 0, topics };
};

/**
 * DeleteTopics: removes the topics, their records and the offsets committed on them. From v6 a
 * topic is named by name or by id.
 */
export const handleDeleteTopics: Handler = (broker, req, body) => {
  const asked =
    req.apiVersion >= 6
      ? (body.topics as { name: string | null; topicId: string }[])
      : (body.topicNames as string[]).map((name) => ({ name, topicId: undefined }));
  const responses = asked.map(({ name: givenName, topicId }) => {
    const byId = givenName === null ? broker.topics.byId(topicId ?? '') : undefined;
    if (givenName === null && !byId) return { name: null, topicId, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, errorMessage: 'This server does not host this topic ID.' };
    const name = givenName ?? byId?.name ?? '';
    const id = broker.topics.topics.get(name)?.id ?? topicId;
    if (!broker.authorizer.authorize(req.session, AclOperation.DELETE, ResourceType.TOPIC, name)) {
      return { name, topicId: id, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
    }
    if (!broker.topics.topics.has(name)) {
      return { name, topicId: id, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'This server does not host this topic-partition.' };
    }
    broker.topics.delete(name);
    broker.offsets.deleteTopic(name);
    return { name, topicId: id, errorCode: 0, errorMessage: null };
  });
  return { throttleTimeMs: 0, responses };
};

/** CreatePartitions: grows a topic; shrinking is refused with INVALID_PARTITIONS. */
export const handleCreatePartitions: Handler = (broker, req, body) => {
  const results = (body.topics as { name: string; count: number }[]).map((t) => {
    const result = (errorCode: number, errorMessage: string | null = null): Record<string, unknown> => ({ name: t.name, errorCode, errorMessage });
    if (!broker.authorizer.authorize(req.session, AclOperation.ALTER, ResourceType.TOPIC, t.name)) {
      return result(ErrorCode.TOPIC_AUTHORIZATION_FAILED, 'Authorization failed.');
    }
    const topic = broker.topics.topics.get(t.name);
    if (!topic) return result(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${t.name}' does not exist.`);
    if (t.count <= topic.partitions.length || t.count > 10_000) {
      return result(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${topic.partitions.length} partitions, ${t.count} is not an increase.`);
    }
    if (!body.validateOnly) broker.topics.growTo(t.name, t.count);
    return result(ErrorCode.NONE);
  });
  return { throttleTimeMs: 0, results };
};

const ConfigResourceType = { TOPIC: 2, BROKER: 4 } as const;
const ConfigSource = { DYNAMIC_TOPIC_CONFIG: 1, DEFAULT_CONFIG: 5, STATIC_BROKER_CONFIG: 4 } as const;

interface DescribeConfigsRequest {
  resources: { resourceType: number; resourceName: string; configurationKeys: string[] | null }[];
}

/** DescribeConfigs: a topic's configs (set values and defaults) or a few broker settings. */
export const handleDescribeConfigs: Handler = (broker, req, raw) => {
  const body = raw as unknown as DescribeConfigsRequest;
  const results = body.resources.map((r) => {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName, errorCode: 0, errorMessage: null as string | null, configs: [] as unknown[] };
    const wanted = (name: string): boolean => r.configurationKeys === null || r.configurationKeys.includes(name);
    if (r.resourceType === ConfigResourceType.TOPIC) {
      if (!broker.authorizer.authorize(req.session, AclOperation.DESCRIBE_CONFIGS, ResourceType.TOPIC, r.resourceName)) {
        return { ...base, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
      }
      const topic = broker.topics.topics.get(r.resourceName);
      if (!topic) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${r.resourceName} does not exist.` };
      const configs = Object.entries(topicConfigDefaults)
        .filter(([name]) => wanted(name))
        .map(([name, fallback]) => {
          const set = topic.configs.get(name);
          const source = set === undefined ? ConfigSource.DEFAULT_CONFIG : ConfigSource.DYNAMIC_TOPIC_CONFIG;
          return { name, value: set ?? fallback, readOnly: false, isDefault: set === undefined, configSource: source, isSensitive: false, synonyms: [] };
        });
      return { ...base, configs };
    }
    if (r.resourceType === ConfigResourceType.BROKER) {
      if (!broker.authorizer.authorize(req.session, AclOperation.DESCRIBE_CONFIGS, ResourceType.CLUSTER, clusterResourceName)) {
        return { ...base, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
      }
      const settings: Record<string, string> = {
        'broker.id': String(broker.nodeId),
        'num.partitions': String(broker.defaultPartitions),
        // One node: every topic has one replica.
        'default.replication.factor': '1',
        'auto.create.topics.enable': String(broker.autoCreateTopics),
        'log.retention.ms': topicConfigDefaults['retention.ms'] ?? '604800000',
        'log.cleanup.policy': 'delete',
      };
      const configs = Object.entries(settings)
        .filter(([name]) => wanted(name))
        .map(([name, value]) => ({ name, value, readOnly: true, isDefault: false, configSource: ConfigSource.STATIC_BROKER_CONFIG, isSensitive: false, synonyms: [] }));
      return { ...base, configs };
    }
    return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${r.resourceType}` };
  });
  return { throttleTimeMs: 0, results };
};

interface AlterConfigsRequest {
  resources: { resourceType: number; resourceName: string; configs: { name: string; value: string | null }[] }[];
  validateOnly: boolean;
}

/** AlterConfigs: replaces a topic's whole config set (Kafka's non-incremental semantics). */
export const handleAlterConfigs: Handler = (broker, req, raw) => {
  const body = raw as unknown as AlterConfigsRequest;
  const responses = body.resources.map((r) => {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    if (r.resourceType !== ConfigResourceType.TOPIC) {
      if (!broker.authorizer.authorize(req.session, AclOperation.ALTER_CONFIGS, ResourceType.CLUSTER, clusterResourceName)) {
        return { ...base, errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
      }
      return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Only topic configs can be altered.' };
    }
    if (!broker.authorizer.authorize(req.session, AclOperation.ALTER_CONFIGS, ResourceType.TOPIC, r.resourceName)) {
      return { ...base, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' };
    }
    if (!broker.topics.topics.has(r.resourceName)) {
      return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${r.resourceName} does not exist.` };
    }
    const problem = topicConfigProblem(r.configs.map((c) => [c.name, c.value] as const));
    if (problem) return { ...base, errorCode: ErrorCode.INVALID_CONFIG, errorMessage: problem };
    if (!body.validateOnly) {
      const configs = new Map<string, string>();
      for (const c of r.configs) if (c.value !== null) configs.set(c.name, c.value);
      broker.topics.setConfigs(r.resourceName, configs);
    }
    return { ...base, errorCode: 0, errorMessage: null };
  });
  return { throttleTimeMs: 0, responses };
};
