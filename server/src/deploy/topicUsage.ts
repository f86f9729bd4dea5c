import type { Actual, ActualGroup, ClusterScan, ConsumerGroupUse } from '@event-flows/model';
import type { Queryable } from '../db/db.ts';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import type { Snapshot } from './snapshot.ts';

/** What a plan review reads besides the deploy's snapshot: who else uses the topics, and their configs. */
export interface TopicUsage {
  /** The name of each flow with an enabled binding, by id; a flow of another org is not named. */
  flowNames: Map<string, string>;
  /** The consumer groups of the clusters that answered, with the topics each committed offsets on. */
  groups: ConsumerGroupUse[];
  /** The actual state with each topic's non-default configs and the consumer groups, where its cluster answered. */
  actual: Actual;
}

/**
 * Reads, for a plan review of a flow of `orgId`, the names of the flows whose bindings are in the
 * snapshot (one query) and one Discover scan of each cluster that answered the snapshot (their topics'
 * configs and consumer groups; not their ACLs, which the snapshot has). A cluster whose scan fails
 * only goes without: the review names fewer users, and its topics' configs and groups are not compared.
 */
export async function readTopicUsage(sources: { db: Queryable; kafka: KafkaGateway }, snapshot: Snapshot, orgId: string): Promise<TopicUsage> {
  const flowIds = [...new Set(snapshot.actual.bindings.map((b) => b.flowId))];
  // Only clusters that answered the snapshot: one that did not would hold the review up for nothing.
  const answered = [...snapshot.connections.values()].filter((c) => snapshot.actual.aclsReadOn?.includes(c.id) ?? true);
  const [rows, scans] = await Promise.all([
    flowIds.length === 0
      ? Promise.resolve([])
      : sources.db.query<{ id: string; name: string; org_id: string }>('select id, name, org_id from flows where id = any($1)', [flowIds]),
    Promise.all(answered.map(async (config) => ({ connection: config.id, scan: await sources.kafka.scan(config, { acls: false }).catch((): undefined => undefined) }))),
  ]);
  const flowNames = new Map(rows.map((r) => [r.id, r.org_id === orgId ? r.name : 'a flow of another org']));
  const groups: ConsumerGroupUse[] = [];
  const actualGroups: ActualGroup[] = [];
  const configs = new Map<string, Map<string, Record<string, string>>>();
  for (const { connection, scan } of scans) {
    if (!scan) continue;
    groups.push(...groupUses(connection, scan));
    actualGroups.push(...scan.groups.map((g) => actualGroupOf(connection, g)));
    configs.set(connection, new Map(scan.topics.map((t) => [t.topic, t.configs])));
  }
  const topics = snapshot.actual.topics.map((t) => {
    const read = configs.get(t.connection)?.get(t.topic);
    return read ? { ...t, configs: read } : t;
  });
  return { flowNames, groups, actual: { ...snapshot.actual, topics, groups: actualGroups } };
}

function actualGroupOf(connection: string, group: ClusterScan['groups'][number]): ActualGroup {
  return {
    connection,
    groupId: group.groupId,
    members: group.members.map((m) => ({ clientId: m.clientId, clientHost: m.clientHost })),
    offsetTopics: [...new Set(group.offsets.map((o) => o.topic))],
  };
}

function groupUses(connection: string, scan: ClusterScan): ConsumerGroupUse[] {
  return scan.groups.map((g) => ({ connection, groupId: g.groupId, topics: [...new Set(g.offsets.map((o) => o.topic))] }));
}
