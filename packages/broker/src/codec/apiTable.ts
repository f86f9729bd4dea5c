/** One API this broker serves: its key, schema name and the version range it advertises. */
export interface ApiSpec {
  readonly key: number;
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

/**
 * Every API the broker answers, with the versions advertised in ApiVersions: up to the maxima of
 * Kafka 4.0 (flexible versions included), and from 0 as Kafka 3.x, so that kafkajs 2.2.4 and
 * librdkafka 2.0.2 keep the old versions they negotiate and librdkafka's feature checks all pass.
 */
export const apiTable: readonly ApiSpec[] = [
  { key: 0, name: 'Produce', min: 0, max: 12 },
  { key: 1, name: 'Fetch', min: 0, max: 17 },
  { key: 2, name: 'ListOffsets', min: 0, max: 9 },
  { key: 3, name: 'Metadata', min: 0, max: 12 },
  { key: 8, name: 'OffsetCommit', min: 0, max: 9 },
  { key: 9, name: 'OffsetFetch', min: 0, max: 9 },
  { key: 10, name: 'FindCoordinator', min: 0, max: 6 },
  { key: 11, name: 'JoinGroup', min: 0, max: 9 },
  { key: 12, name: 'Heartbeat', min: 0, max: 4 },
  { key: 13, name: 'LeaveGroup', min: 0, max: 5 },
  { key: 14, name: 'SyncGroup', min: 0, max: 5 },
  { key: 15, name: 'DescribeGroups', min: 0, max: 6 },
  { key: 16, name: 'ListGroups', min: 0, max: 5 },
  { key: 17, name: 'SaslHandshake', min: 0, max: 1 },
  { key: 18, name: 'ApiVersions', min: 0, max: 4 },
  { key: 19, name: 'CreateTopics', min: 0, max: 7 },
  { key: 20, name: 'DeleteTopics', min: 0, max: 6 },
  { key: 22, name: 'InitProducerId', min: 0, max: 5 },
  { key: 29, name: 'DescribeAcls', min: 0, max: 3 },
  { key: 30, name: 'CreateAcls', min: 0, max: 3 },
  { key: 31, name: 'DeleteAcls', min: 0, max: 3 },
  { key: 32, name: 'DescribeConfigs', min: 0, max: 4 },
  { key: 33, name: 'AlterConfigs', min: 0, max: 2 },
  { key: 36, name: 'SaslAuthenticate', min: 0, max: 2 },
  { key: 37, name: 'CreatePartitions', min: 0, max: 3 },
  { key: 42, name: 'DeleteGroups', min: 0, max: 2 },
];

/** Well-known API keys used by the request router. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  DescribeAcls: 29,
  CreateAcls: 30,
  DeleteAcls: 31,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  SaslAuthenticate: 36,
  CreatePartitions: 37,
  DeleteGroups: 42,
} as const;
