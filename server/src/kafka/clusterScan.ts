/**
 * One pass over a Kafka cluster for Discover, in batched admin requests: Metadata for every topic, one
 * DescribeConfigs for every topic, one DescribeAcls, per broker one ListGroups and one DescribeGroups
 * for the groups it coordinates, one OffsetFetch for all of them (v8, KIP-709) and one ListOffsets per
 * partition leader for the end offsets. The request count does not grow with the number of topics,
 * ACLs or groups (on a cluster without OffsetFetch v8 it is one OffsetFetch per group).
 *
 * kafkajs's admin sends a FindCoordinator per group for DescribeGroups and reads offsets one group and
 * one topic at a time, so this works one level down, with kafkajs's cluster and broker objects (what its
 * admin is made of), and sends OffsetFetch v8, which kafkajs 2.2.4 does not know, as raw bytes on its
 * connection. Groups are asked of the broker that listed them: ListGroups answers with the groups the
 * broker coordinates, so no FindCoordinator is needed.
 */
import type { ClusterScan, ScannedGroup, ScannedOffset, ScannedTopic } from '@event-flows/model';
import kafkajs, { type DescribeAclResource, type Kafka } from 'kafkajs';
import { describedAcls, everyAcl } from './aclMapping.ts';
import { isInternalTopic } from './clusterReads.ts';

// kafkajs is CommonJS: Node's ESM loader does not see its enums as named exports.
const { ConfigResourceTypes } = kafkajs;

/** The parts of kafkajs's (untyped, internal) broker object a scan uses. */
interface KafkajsBroker {
  nodeId: number;
  versions: Record<number, { minVersion: number; maxVersion: number } | undefined>;
  connectionPool: { send(request: RawRequest): Promise<unknown> };
  describeConfigs(input: { resources: { type: number; name: string }[]; includeSynonyms: boolean }): Promise<{
    resources: { errorCode: number; resourceName: string; configEntries: { configName: string; configValue: string | null; isDefault: boolean; configSource?: number; isSensitive: boolean }[] }[];
  }>;
  describeAcls(filter: Record<string, unknown>): Promise<{ resources: DescribeAclResource[] }>;
  listGroups(): Promise<{ groups: { groupId: string; protocolType: string }[] }>;
  describeGroups(input: { groupIds: string[] }): Promise<{ groups: { groupId: string; state: string; protocolType: string; members: { memberId: string; clientId: string; clientHost: string }[] }[] }>;
  offsetFetch(input: { groupId: string; topics: { topic: string; partitions: { partition: number }[] }[] }): Promise<{
    responses: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }>;
}

/** The parts of kafkajs's (internal) cluster object a scan uses. */
interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  metadata(): Promise<{ topicMetadata: { topic: string; partitionMetadata: { partitionId: number; replicas: number[] }[] }[] }>;
  getNodeIds(): number[];
  findBroker(input: { nodeId: number }): Promise<KafkajsBroker>;
  findControllerBroker(): Promise<KafkajsBroker>;
  fetchTopicsOffset(topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[]): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** A request kafkajs's connection sends as given: its body's bytes, and how to read the answer. */
interface RawRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<{ buf: Buffer; buffer: Buffer }> };
  response: { decode(payload: Buffer): Promise<unknown>; parse(decoded: unknown): Promise<unknown> };
}

/** Config sources Kafka reports for values set on the topic itself (dynamic topic config). */
const topicConfigSource = 1;

/**
 * kafkajs's cluster for `kafka`: the object its admin is made of, with its per-broker requests. It is
 * not part of kafkajs's typed API, so it is looked up by the symbol kafkajs keeps its factory under.
 */
function clusterOf(kafka: Kafka): KafkajsCluster {
  const key = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const create = key === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[key];
  if (typeof create !== 'function') throw new Error('This kafkajs has no cluster factory; Discover needs kafkajs 2.2.');
  return (create as (options: object) => KafkajsCluster)({ allowAutoTopicCreation: false });
}

/**
 * Reads the whole cluster once, in batched requests (see the file's comment). With `acls: false` its
 * ACLs are not asked for (the caller has them already): `acls` is then empty.
 */
export async function scanCluster(kafka: Kafka, connection: string, options: { acls?: boolean } = {}): Promise<ClusterScan> {
  const cluster = clusterOf(kafka);
  await cluster.connect();
  try {
    const metadata = await cluster.metadata();
    const partitionsOf = new Map<string, number[]>();
    const topics: ScannedTopic[] = [];
    for (const t of metadata.topicMetadata) {
      if (isInternalTopic(t.topic)) continue;
      const partitions = t.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b);
      partitionsOf.set(t.topic, partitions);
      topics.push({ topic: t.topic, partitions: partitions.length, replicationFactor: t.partitionMetadata[0]?.replicas.length ?? 0, configs: {} });
    }
    const controller = await cluster.findControllerBroker();
    const [configs, acls, groups] = await Promise.all([
      topicConfigs(controller, topics),
      options.acls === false ? { authorizer: true, acls: [] } : describedAcls(connection, () => controller.describeAcls({ ...everyAcl, resourceName: null, principal: null, host: null })),
      groupsOf(cluster, partitionsOf),
    ]);
    for (const t of topics) t.configs = configs.get(t.topic) ?? {};
    return { topics, ...acls, groups };
  } finally {
    await cluster.disconnect();
  }
}

/** Each topic's configs that are set on it (not defaults), in one DescribeConfigs. */
async function topicConfigs(broker: KafkajsBroker, topics: readonly ScannedTopic[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (topics.length === 0) return out;
  const { resources } = await broker.describeConfigs({ includeSynonyms: false, resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic })) });
  for (const r of resources) {
    if (r.errorCode !== 0) continue;
    const set: Record<string, string> = {};
    for (const e of r.configEntries) {
      // Sensitive values never leave the server; a topic rarely has any.
      const own = e.configSource === undefined ? !e.isDefault : e.configSource === topicConfigSource;
      if (own && !e.isSensitive && e.configValue !== null) set[e.configName] = e.configValue;
    }
    out.set(r.resourceName, set);
  }
  return out;
}

/**
 * Every group of every broker (one ListGroups and one DescribeGroups each), their committed offsets
 * (one OffsetFetch per broker) and the end offsets of the partitions they committed on (one ListOffsets
 * per leader).
 */
async function groupsOf(cluster: KafkajsCluster, partitionsOf: ReadonlyMap<string, number[]>): Promise<ScannedGroup[]> {
  const perBroker = await Promise.all(
    cluster.getNodeIds().map(async (nodeId) => {
      const broker = await cluster.findBroker({ nodeId });
      const { groups: listed } = await broker.listGroups();
      const groupIds = listed.map((g) => g.groupId);
      if (groupIds.length === 0) return [];
      const [described, committed] = await Promise.all([broker.describeGroups({ groupIds }), committedOffsets(broker, groupIds, partitionsOf)]);
      return described.groups.map(
        (g): ScannedGroup => ({
          groupId: g.groupId,
          state: g.state,
          protocolType: g.protocolType,
          members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost })),
          offsets: committed.get(g.groupId) ?? [],
        }),
      );
    }),
  );
  const groups = perBroker.flat();
  const wanted = new Map<string, Set<number>>();
  for (const g of groups) {
    for (const o of g.offsets) {
      // Offsets committed on a topic deleted since have no end to compare with.
      if (partitionsOf.get(o.topic)?.includes(o.partition)) wanted.set(o.topic, (wanted.get(o.topic) ?? new Set()).add(o.partition));
    }
  }
  if (wanted.size === 0) return groups;
  const ends = await cluster.fetchTopicsOffset([...wanted].map(([topic, parts]) => ({ topic, fromBeginning: false, partitions: [...parts].map((partition) => ({ partition })) })));
  const endOf = new Map<string, number>();
  for (const t of ends) for (const p of t.partitions) endOf.set(`${t.topic}\u0000${p.partition}`, Number(p.offset));
  for (const g of groups) for (const o of g.offsets) o.end = endOf.get(`${o.topic}\u0000${o.partition}`) ?? null;
  return groups;
}

/** The committed offsets of `groupIds` by group: in one OffsetFetch v8 where the broker offers it. */
async function committedOffsets(broker: KafkajsBroker, groupIds: readonly string[], partitionsOf: ReadonlyMap<string, number[]>): Promise<Map<string, ScannedOffset[]>> {
  const offered = broker.versions[offsetFetchKey]?.maxVersion ?? 0;
  if (offered >= 8) return (await broker.connectionPool.send(offsetFetchV8(groupIds))) as Map<string, ScannedOffset[]>;
  // An older cluster: one OffsetFetch per group, naming every topic (kafkajs cannot ask for "all").
  const topics = [...partitionsOf].map(([topic, partitions]) => ({ topic, partitions: partitions.map((partition) => ({ partition })) }));
  const out = new Map<string, ScannedOffset[]>();
  await Promise.all(
    groupIds.map(async (groupId) => {
      const { responses } = await broker.offsetFetch({ groupId, topics });
      out.set(groupId, responses.flatMap((t) => t.partitions.filter((p) => Number(p.offset) >= 0).map((p) => ({ topic: t.topic, partition: p.partition, committed: Number(p.offset), end: null }))));
    }),
  );
  return out;
}

const offsetFetchKey = 9;

/**
 * OffsetFetch v8 for every topic of each of `groupIds`, as a request kafkajs's connection sends: the
 * body after kafkajs's v1 request header, beginning with the header's empty tagged fields (header v2),
 * and read back from after the correlation id (response header v1's tagged fields first).
 */
function offsetFetchV8(groupIds: readonly string[]): RawRequest {
  return {
    request: {
      apiKey: offsetFetchKey,
      apiVersion: 8,
      apiName: 'OffsetFetch',
      encode: async () => {
        const w = new ByteWriter();
        w.uvarint(0); // request header tagged fields
        w.uvarint(groupIds.length + 1);
        for (const groupId of groupIds) {
          w.compactString(groupId);
          w.uvarint(0); // topics: null, every topic the group committed on
          w.uvarint(0); // tagged fields
        }
        w.int8(0); // require_stable: false
        w.uvarint(0);
        const bytes = w.bytes();
        return { buf: bytes, buffer: bytes };
      },
    },
    response: {
      decode: async (payload) => readOffsetFetchV8(payload),
      parse: async (decoded) => decoded,
    },
  };
}

/** The committed offsets by group in an OffsetFetch v8 response; a group or partition with an error has none. */
function readOffsetFetchV8(payload: Buffer): Map<string, ScannedOffset[]> {
  const r = new ByteReader(payload);
  r.taggedFields(); // response header v1
  r.int32(); // throttle time
  const out = new Map<string, ScannedOffset[]>();
  const groups = r.uvarint() - 1;
  for (let g = 0; g < groups; g++) {
    const groupId = r.compactString() ?? '';
    const offsets: ScannedOffset[] = [];
    const topics = r.uvarint() - 1;
    for (let t = 0; t < topics; t++) {
      const topic = r.compactString() ?? '';
      const partitions = r.uvarint() - 1;
      for (let p = 0; p < partitions; p++) {
        const partition = r.int32();
        const committed = Number(r.int64());
        r.int32(); // leader epoch
        r.compactString(); // metadata
        const errorCode = r.int16();
        r.taggedFields();
        if (errorCode === 0 && committed >= 0) offsets.push({ topic, partition, committed, end: null });
      }
      r.taggedFields();
    }
    const errorCode = r.int16();
    r.taggedFields();
    out.set(groupId, errorCode === 0 ? offsets : []);
  }
  return out;
}

/** Kafka's wire types, as far as OffsetFetch v8 needs them. */
class ByteWriter {
  private readonly parts: Buffer[] = [];
  int8(value: number): void {
    this.parts.push(Buffer.from([value]));
  }
  uvarint(value: number): void {
    const bytes: number[] = [];
    let v = value;
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    bytes.push(v);
    this.parts.push(Buffer.from(bytes));
  }
  compactString(value: string): void {
    const text = Buffer.from(value, 'utf8');
    this.uvarint(text.length + 1);
    this.parts.push(text);
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

class ByteReader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}
  int16(): number {
    const v = this.buffer.readInt16BE(this.at);
    this.at += 2;
    return v;
  }
  int32(): number {
    const v = this.buffer.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  int64(): bigint {
    const v = this.buffer.readBigInt64BE(this.at);
    this.at += 8;
    return v;
  }
  uvarint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.buffer.readUInt8(this.at++);
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
    }
  }
  compactString(): string | null {
    const length = this.uvarint() - 1;
    if (length < 0) return null;
    const text = this.buffer.toString('utf8', this.at, this.at + length);
    this.at += length;
    return text;
  }
  taggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint(); // tag
      this.at += this.uvarint();
    }
  }
}
