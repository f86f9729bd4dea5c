import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../codec/apiTable.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import { startBroker, type RunningBroker } from '../server/startBroker.ts';
import { RawClient } from '../testing/rawClient.ts';
import { encodeBatch, encodeRecords } from '../testing/recordBatches.ts';

/** The versions Kafka 4.0 added or made current, spoken by a raw client with the broker's own schemas. */

let broker: RunningBroker;
let raw: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
  raw = await RawClient.open(broker.port);
});
afterAll(async () => {
  raw.close();
  await broker.close();
});

const noTopicId = '0'.repeat(32);

async function createTopic(name: string, partitions = 1): Promise<string> {
  const response = await raw.call(ApiKey.CreateTopics, 7, {
    topics: [{ name, numPartitions: partitions, replicationFactor: -1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: false,
  });
  const [created] = response.topics as { errorCode: number; topicId: string; numPartitions: number }[];
  expect(created).toMatchObject({ errorCode: 0, numPartitions: partitions });
  return created?.topicId ?? '';
}

async function produce(topic: string, values: readonly string[], baseTimestamp: number): Promise<void> {
  const records = encodeBatch(encodeRecords(values), { count: values.length, baseTimestamp, maxTimestamp: baseTimestamp });
  const response = await raw.call(ApiKey.Produce, 12, { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] });
  const [answer] = response.responses as { partitionResponses: { errorCode: number }[] }[];
  expect(answer?.partitionResponses[0]?.errorCode).toBe(0);
}

describe('the versions of Kafka 4', () => {
  it('ApiVersions v4 lists every API up to its Kafka 4.0 maximum and no features; v5 is refused as Kafka does', async () => {
    const response = await raw.call(ApiKey.ApiVersions, 4, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
    const maxima = Object.fromEntries((response.apiKeys as { apiKey: number; maxVersion: number }[]).map((a) => [a.apiKey, a.maxVersion]));
    expect(response.errorCode).toBe(0);
    expect(maxima).toMatchObject({ [ApiKey.Produce]: 12, [ApiKey.Fetch]: 17, [ApiKey.ListOffsets]: 9, [ApiKey.Metadata]: 12, [ApiKey.ApiVersions]: 4 });
    expect(response).toMatchObject({ supportedFeatures: [], finalizedFeaturesEpoch: -1, finalizedFeatures: [] });
  });

  it('Metadata v12 answers topic ids and finds a topic by id alone', async () => {
    const id = await createTopic('by-id');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).not.toBe(noTopicId);
    const byName = await raw.call(ApiKey.Metadata, 12, { topics: [{ topicId: noTopicId, name: 'by-id' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(byName.topics).toMatchObject([{ errorCode: 0, name: 'by-id', topicId: id }]);
    const byId = await raw.call(ApiKey.Metadata, 12, { topics: [{ topicId: id, name: null }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(byId.topics).toMatchObject([{ errorCode: 0, name: 'by-id', topicId: id }]);
    const unknown = 'ab'.repeat(16);
    const missing = await raw.call(ApiKey.Metadata, 12, { topics: [{ topicId: unknown, name: null }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(missing.topics).toMatchObject([{ errorCode: ErrorCode.UNKNOWN_TOPIC_ID, name: null, topicId: unknown }]);
    const tooEarly = await raw.call(ApiKey.Metadata, 11, { topics: [{ topicId: id, name: null }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(tooEarly.topics).toMatchObject([{ errorCode: ErrorCode.INVALID_REQUEST, name: '' }]);
  });

  it('Fetch v17 addresses topics by id and answers a diverging epoch', async () => {
    const id = await createTopic('fetch-by-id');
    await produce('fetch-by-id', ['one', 'two'], 1_000);
    const fetch = (topicId: string, lastFetchedEpoch = -1) =>
      raw.call(ApiKey.Fetch, 17, {
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topicId, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0, lastFetchedEpoch, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [],
        rackId: '',
      });
    const found = await fetch(id);
    const [topic] = found.responses as { topicId: string; partitions: { errorCode: number; highWatermark: number; records: Buffer }[] }[];
    expect(topic?.topicId).toBe(id);
    expect(topic?.partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 2 });
    expect(topic?.partitions[0]?.records.toString()).toContain('two');
    // A fetcher that saw a later leader epoch than this node's 0 is told where epoch 0 ends (v12+).
    const diverged = await fetch(id, 3);
    expect(diverged.responses).toMatchObject([{ partitions: [{ errorCode: 0, divergingEpoch: { epoch: 0, endOffset: 2 } }] }]);
    expect((diverged.responses as { partitions: { records: Buffer }[] }[])[0]?.partitions[0]?.records).toHaveLength(0);
    const unknown = await fetch('cd'.repeat(16));
    expect(unknown.responses).toMatchObject([{ topicId: 'cd'.repeat(16), partitions: [{ errorCode: ErrorCode.UNKNOWN_TOPIC_ID }] }]);
  });

  it('ListOffsets v9 answers the newest timestamp (-3), the local start (-4) and no tiered offset (-5)', async () => {
    await createTopic('offset-specs');
    await produce('offset-specs', ['a'], 5_000);
    await produce('offset-specs', ['b'], 9_000);
    await produce('offset-specs', ['c'], 7_000);
    const list = async (timestamp: number) => {
      const response = await raw.call(ApiKey.ListOffsets, 9, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'offset-specs', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp }] }] });
      const [topic] = response.topics as { partitions: { errorCode: number; offset: number; timestamp: number }[] }[];
      return topic?.partitions[0];
    };
    expect(await list(-3)).toMatchObject({ errorCode: 0, offset: 1, timestamp: 9_000 });
    expect(await list(-4)).toMatchObject({ errorCode: 0, offset: 0 });
    expect(await list(-5)).toMatchObject({ errorCode: 0, offset: -1, timestamp: -1 });
    expect(await list(-1)).toMatchObject({ errorCode: 0, offset: 3 });
  });

  it('DeleteTopics v6 deletes by id and says when an id is unknown', async () => {
    const id = await createTopic('delete-by-id');
    const response = await raw.call(ApiKey.DeleteTopics, 6, { topics: [{ name: null, topicId: id }, { name: null, topicId: 'ef'.repeat(16) }], timeoutMs: 1000 });
    expect(response.responses).toMatchObject([
      { name: 'delete-by-id', topicId: id, errorCode: 0 },
      { name: null, topicId: 'ef'.repeat(16), errorCode: ErrorCode.UNKNOWN_TOPIC_ID },
    ]);
  });

  it('FindCoordinator v6, OffsetFetch v9, DescribeGroups v6 and ListGroups v5 answer in their batch shapes', async () => {
    const coordinators = await raw.call(ApiKey.FindCoordinator, 6, { keyType: 0, coordinatorKeys: ['g1', 'g2'] });
    expect(coordinators.coordinators).toMatchObject([
      { key: 'g1', nodeId: 1, port: broker.port, errorCode: 0 },
      { key: 'g2', nodeId: 1, port: broker.port, errorCode: 0 },
    ]);
    await createTopic('committed');
    const commit = await raw.call(ApiKey.OffsetCommit, 9, {
      groupId: 'g1',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      topics: [{ name: 'committed', partitions: [{ partitionIndex: 0, committedOffset: 0, committedLeaderEpoch: -1, committedMetadata: 'm' }] }],
    });
    expect(commit.topics).toMatchObject([{ partitions: [{ errorCode: 0 }] }]);
    const fetched = await raw.call(ApiKey.OffsetFetch, 9, { groups: [{ groupId: 'g1', memberId: null, memberEpoch: -1, topics: null }, { groupId: 'g2', memberId: null, memberEpoch: -1, topics: null }], requireStable: false });
    expect(fetched.groups).toMatchObject([
      { groupId: 'g1', errorCode: 0, topics: [{ name: 'committed', partitions: [{ partitionIndex: 0, committedOffset: 0, metadata: 'm', errorCode: 0 }] }] },
      { groupId: 'g2', errorCode: 0, topics: [] },
    ]);
    const described = await raw.call(ApiKey.DescribeGroups, 6, { groups: ['g1', 'nobody'], includeAuthorizedOperations: false });
    expect(described.groups).toMatchObject([
      { groupId: 'g1', errorCode: 0, groupState: 'Empty' },
      { groupId: 'nobody', errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: 'Group nobody not found.' },
    ]);
    const before = await raw.call(ApiKey.DescribeGroups, 5, { groups: ['nobody'], includeAuthorizedOperations: false });
    expect(before.groups).toMatchObject([{ groupId: 'nobody', errorCode: 0, groupState: 'Dead' }]);
    const listed = await raw.call(ApiKey.ListGroups, 5, { statesFilter: ['Empty'], typesFilter: ['classic'] });
    expect(listed.groups).toMatchObject([{ groupId: 'g1', groupState: 'Empty', groupType: 'classic' }]);
    const noneStable = await raw.call(ApiKey.ListGroups, 5, { statesFilter: ['Stable'], typesFilter: [] });
    const consumerType = await raw.call(ApiKey.ListGroups, 5, { statesFilter: [], typesFilter: ['consumer'] });
    expect([noneStable.groups, consumerType.groups]).toEqual([[], []]);
  });
});
