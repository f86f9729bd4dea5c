/**
 * Discover: what already runs on a Kafka connection (topics, ACLs by principal, consumer groups), each
 * classified against the flows deployed on it: managed by a flow, unmanaged, or drifted (it differs from
 * what a deployed flow wants, field by field). The server reads the cluster in one batched pass and hands
 * it here as plain data ({@link ClusterScan}); everything decided about it is decided here.
 */
import { z } from 'zod';
import type { Actor, Grant } from './catalog.ts';
import type { Acl, Desired } from './desired.ts';
import { aclKey, byString } from './keys.ts';
import { Id } from './names.ts';
import { consumerGroupFor, principalFor, type NamingOptions } from './naming.ts';
import { parseAlgorithmRef } from './nameRules.ts';

/** Limits of one discovery request. */
export const discoverLimits = {
  /** Most items one page holds. */
  pageItems: 500,
  /** Longest search text. */
  search: 200,
  /** Longest cursor (the name of the last item of the previous page). */
  cursor: 2_048,
  /** Longest name of an item marked "leave alone". */
  name: 2_048,
  /** Most items one "leave alone" request marks. */
  leaveAloneItems: 500,
} as const;

/** What a discovery page lists. */
export const DiscoverKind = z.enum(['topics', 'acls', 'groups']);
export type DiscoverKind = z.infer<typeof DiscoverKind>;

/**
 * How an item stands against the deployed flows: managed by one, unmanaged, drifted from what one
 * wants, or unmanaged and marked by a cluster admin to be left alone (no longer proposed for adoption).
 */
export const DiscoverStatus = z.enum(['managed', 'unmanaged', 'drifted', 'left-alone']);
export type DiscoverStatus = z.infer<typeof DiscoverStatus>;

/**
 * One page of discovery: items of one kind (topics, principals or groups) on one connection, sorted by
 * name, after `cursor` (the name of the previous page's last item), whose name contains `search` (any
 * case) and, when given, with that status.
 */
export const DiscoverInput = z.strictObject({
  connection: Id,
  search: z.string().max(discoverLimits.search).optional(),
  status: DiscoverStatus.optional(),
  cursor: z.string().min(1).max(discoverLimits.cursor).optional(),
  limit: z.int().min(1).max(discoverLimits.pageItems).default(100),
});
export type DiscoverInput = z.infer<typeof DiscoverInput>;

/** What a "leave alone" mark names: a topic, a principal (with all its ACLs) or a consumer group. */
export const LeftAloneKind = z.enum(['topic', 'principal', 'group']);
export type LeftAloneKind = z.infer<typeof LeftAloneKind>;

/** Marks unmanaged items of one kind on a connection to be left alone (`leftAlone: false` takes the marks back). */
export const LeaveAloneRequest = z.strictObject({
  connection: Id,
  kind: LeftAloneKind,
  names: z.array(z.string().min(1).max(discoverLimits.name)).min(1).max(discoverLimits.leaveAloneItems),
  leftAlone: z.boolean(),
});
export type LeaveAloneRequest = z.infer<typeof LeaveAloneRequest>;

/** Who marked an item to be left alone, and when (ISO time). */
export interface LeftAloneMark {
  by: string;
  at: string;
}

/** One "leave alone" mark on a connection, as stored. */
export interface LeftAlone extends LeftAloneMark {
  kind: LeftAloneKind;
  name: string;
}

/** A topic as the cluster describes it: its configs only those that differ from the defaults. */
export interface ScannedTopic {
  topic: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

/** One partition's committed offset in a group, and the partition's end offset (`null`: not read). */
export interface ScannedOffset {
  topic: string;
  partition: number;
  committed: number;
  end: number | null;
}

/** A consumer group as the cluster describes it. */
export interface ScannedGroup {
  groupId: string;
  state: string;
  protocolType: string;
  members: { memberId: string; clientId: string; clientHost: string }[];
  offsets: ScannedOffset[];
}

/** What one pass over a cluster read. */
export interface ClusterScan {
  topics: ScannedTopic[];
  /** Every ACL; empty when the cluster has no authorizer. */
  acls: Acl[];
  authorizer: boolean;
  groups: ScannedGroup[];
}

/** A deployed flow as discovery sees it: what its deployed revision wants on the connection. */
export interface DeployedFlow {
  /** `null` for a flow of another org than the caller's: its id and name are not shown. */
  flowId: string | null;
  flowName: string;
  desired: Desired;
}

/** The flow that manages an item. */
export interface ManagingFlow {
  flowId: string | null;
  flowName: string;
}

/** One field where the live item differs from what a deployed flow wants. */
export interface FieldDrift {
  /** e.g. `partitions`, `replicationFactor`, `config retention.ms`, `exists`, `acl`. */
  field: string;
  wanted: string;
  live: string;
  flowName: string;
}

/** Shown for a value the flow or the cluster leaves at the default. */
export const defaultValue = '(default)';

/** A discovered topic. `partitions` is `null` for a topic a flow wants that does not exist. */
export interface DiscoveredTopic {
  name: string;
  status: DiscoverStatus;
  partitions: number | null;
  replicationFactor: number | null;
  configs: Record<string, string>;
  managedBy: ManagingFlow[];
  drift: FieldDrift[];
  /** Present when the item is `left-alone`. */
  leftAlone?: LeftAloneMark;
}

/** One ACL entry of a principal: present and wanted, present and not wanted, or wanted and missing. */
export interface DiscoveredAcl {
  resourceType: Acl['resourceType'];
  resourceName: string;
  patternType: Acl['patternType'];
  operation: Acl['operation'];
  permission: Acl['permission'];
  host: string;
  status: 'managed' | 'unmanaged' | 'missing';
  managedBy: ManagingFlow[];
}

/** A principal and its ACL entries. */
export interface DiscoveredPrincipal {
  name: string;
  status: DiscoverStatus;
  acls: DiscoveredAcl[];
  managedBy: ManagingFlow[];
  drift: FieldDrift[];
  /** Present when the principal is `left-alone`. */
  leftAlone?: LeftAloneMark;
}

/** A discovered consumer group, with its lag per partition (`null` where the end offset was not read). */
export interface DiscoveredGroup {
  name: string;
  status: DiscoverStatus;
  state: string;
  protocolType: string;
  members: { memberId: string; clientId: string; clientHost: string }[];
  lag: { topic: string; partition: number; committed: number; end: number | null; lag: number | null }[];
  totalLag: number;
  managedBy: ManagingFlow[];
  drift: FieldDrift[];
  /** Present when the group is `left-alone`. */
  leftAlone?: LeftAloneMark;
}

/** Every discovered item of a scan, classified. */
export interface Discovery {
  topics: DiscoveredTopic[];
  principals: DiscoveredPrincipal[];
  groups: DiscoveredGroup[];
  authorizer: boolean;
}

/** A discovered item of any kind: what paging and filtering need. */
type Item = { name: string; status: DiscoverStatus };

/** One page of items, with how many matched in all and per status, and the cursor of the next page. */
export interface DiscoverPage<T extends Item> {
  items: T[];
  /** Pass as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
  /** Items matching the search (before the status filter and paging), per status. */
  counts: Record<DiscoverStatus, number>;
}

/**
 * Classifies everything a scan of `connection` found against what the deployed flows want there. A
 * topic, principal or group that no flow wants is unmanaged (left-alone when `leftAlone`, the
 * connection's marks, names it); one a flow wants is managed by it, or drifted when a field differs
 * (partitions, replication, a config, an ACL missing, or the topic gone). A mark on an item a flow
 * manages changes nothing.
 */
export function classifyScan(connection: string, scan: ClusterScan, flows: readonly DeployedFlow[], leftAlone: readonly LeftAlone[] = []): Discovery {
  const marks = new Map(leftAlone.map((m) => [`${m.kind} ${m.name}`, { by: m.by, at: m.at }]));
  const mark = <T extends Item & { leftAlone?: LeftAloneMark }>(kind: LeftAloneKind, items: T[]): T[] => {
    for (const item of items) {
      const found = item.status === 'unmanaged' ? marks.get(`${kind} ${item.name}`) : undefined;
      if (found) Object.assign(item, { status: 'left-alone', leftAlone: found });
    }
    return items;
  };
  return {
    topics: mark('topic', classifyTopics(connection, scan.topics, flows)),
    principals: mark('principal', classifyPrincipals(connection, scan.acls, flows)),
    groups: mark('group', classifyGroups(connection, scan.groups, flows)),
    authorizer: scan.authorizer,
  };
}

function owner(flow: DeployedFlow): ManagingFlow {
  return { flowId: flow.flowId, flowName: flow.flowName };
}

function statusOf(managedBy: readonly ManagingFlow[], drift: readonly FieldDrift[]): DiscoverStatus {
  if (managedBy.length === 0) return 'unmanaged';
  return drift.length > 0 ? 'drifted' : 'managed';
}

function classifyTopics(connection: string, topics: readonly ScannedTopic[], flows: readonly DeployedFlow[]): DiscoveredTopic[] {
  const byName = new Map<string, DiscoveredTopic>();
  for (const t of topics) {
    byName.set(t.topic, { name: t.topic, status: 'unmanaged', partitions: t.partitions, replicationFactor: t.replicationFactor, configs: t.configs, managedBy: [], drift: [] });
  }
  for (const flow of flows) {
    for (const wanted of flow.desired.topics) {
      if (wanted.connection !== connection) continue;
      let item = byName.get(wanted.topic);
      if (!item) {
        item = { name: wanted.topic, status: 'drifted', partitions: null, replicationFactor: null, configs: {}, managedBy: [], drift: [] };
        byName.set(wanted.topic, item);
      }
      item.managedBy.push(owner(flow));
      if (item.partitions === null) {
        item.drift.push({ field: 'exists', wanted: 'yes', live: 'no', flowName: flow.flowName });
        continue;
      }
      if (wanted.partitions !== null && wanted.partitions !== item.partitions) {
        item.drift.push({ field: 'partitions', wanted: String(wanted.partitions), live: String(item.partitions), flowName: flow.flowName });
      }
      if (wanted.replicationFactor !== null && wanted.replicationFactor !== item.replicationFactor) {
        item.drift.push({ field: 'replicationFactor', wanted: String(wanted.replicationFactor), live: String(item.replicationFactor), flowName: flow.flowName });
      }
      // A topic node that says how to create the topic wants exactly those configs, the rest at their
      // defaults; one that does not (a topic used as it is) wants nothing of its configs.
      const createsIt = wanted.partitions !== null || wanted.replicationFactor !== null || Object.keys(wanted.config).length > 0;
      if (!createsIt) continue;
      const names = [...new Set([...Object.keys(wanted.config), ...Object.keys(item.configs)])].sort(byString);
      for (const name of names) {
        const want = wanted.config[name] ?? defaultValue;
        const live = item.configs[name] ?? defaultValue;
        if (want !== live) item.drift.push({ field: `config ${name}`, wanted: want, live, flowName: flow.flowName });
      }
    }
  }
  const all = [...byName.values()];
  for (const item of all) item.status = statusOf(item.managedBy, item.drift);
  return all.sort((a, b) => byString(a.name, b.name));
}

function aclView(acl: Acl, status: DiscoveredAcl['status'], managedBy: ManagingFlow[]): DiscoveredAcl {
  const { resourceType, resourceName, patternType, operation, permission, host } = acl;
  return { resourceType, resourceName, patternType, operation, permission, host, status, managedBy };
}

function describeAcl(acl: Acl): string {
  return `${acl.permission} ${acl.operation} on ${acl.resourceType} ${acl.patternType === 'prefixed' ? `${acl.resourceName}*` : acl.resourceName}`;
}

function classifyPrincipals(connection: string, acls: readonly Acl[], flows: readonly DeployedFlow[]): DiscoveredPrincipal[] {
  const wantedBy = new Map<string, { acl: Acl; flows: DeployedFlow[] }>();
  for (const flow of flows) {
    for (const acl of flow.desired.acls) {
      if (acl.connection !== connection) continue;
      const key = aclKey(acl);
      const entry = wantedBy.get(key);
      if (entry) entry.flows.push(flow);
      else wantedBy.set(key, { acl, flows: [flow] });
    }
  }
  const principals = new Map<string, DiscoveredPrincipal>();
  const principal = (name: string): DiscoveredPrincipal => {
    let p = principals.get(name);
    if (!p) principals.set(name, (p = { name, status: 'unmanaged', acls: [], managedBy: [], drift: [] }));
    return p;
  };
  const present = new Set<string>();
  for (const acl of acls) {
    const key = aclKey(acl);
    present.add(key);
    const wanted = wantedBy.get(key);
    principal(acl.principal).acls.push(aclView(acl, wanted ? 'managed' : 'unmanaged', (wanted?.flows ?? []).map(owner)));
  }
  for (const [key, { acl, flows: wanting }] of wantedBy) {
    if (present.has(key)) continue;
    const p = principal(acl.principal);
    p.acls.push(aclView(acl, 'missing', wanting.map(owner)));
    for (const flow of wanting) p.drift.push({ field: 'acl', wanted: describeAcl(acl), live: 'missing', flowName: flow.flowName });
  }
  const all = [...principals.values()];
  for (const p of all) {
    const seen = new Set<string>();
    for (const acl of p.acls) {
      for (const flow of acl.managedBy) {
        const key = `${flow.flowId ?? ''}\u0000${flow.flowName}`;
        if (!seen.has(key)) p.managedBy.push(flow);
        seen.add(key);
      }
    }
    p.acls.sort((a, b) => byString(`${a.resourceType} ${a.resourceName} ${a.operation}`, `${b.resourceType} ${b.resourceName} ${b.operation}`));
    p.status = statusOf(p.managedBy, p.drift);
  }
  return all.sort((a, b) => byString(a.name, b.name));
}

function classifyGroups(connection: string, groups: readonly ScannedGroup[], flows: readonly DeployedFlow[]): DiscoveredGroup[] {
  const wantedBy = new Map<string, DeployedFlow[]>();
  for (const flow of flows) {
    for (const b of flow.desired.bindings) {
      if (b.direction !== 'subscribe' || b.connection !== connection) continue;
      wantedBy.set(b.consumerGroup, [...(wantedBy.get(b.consumerGroup) ?? []), flow]);
    }
  }
  return groups
    .map((g): DiscoveredGroup => {
      const lag = g.offsets
        .map((o) => ({ ...o, lag: o.end === null || o.committed < 0 ? null : Math.max(0, o.end - o.committed) }))
        .sort((a, b) => byString(a.topic, b.topic) || a.partition - b.partition);
      const managedBy = (wantedBy.get(g.groupId) ?? []).map(owner);
      return {
        name: g.groupId,
        status: statusOf(managedBy, []),
        state: g.state,
        protocolType: g.protocolType,
        members: g.members,
        lag,
        totalLag: lag.reduce((sum, o) => sum + (o.lag ?? 0), 0),
        managedBy,
        drift: [],
      };
    })
    .sort((a, b) => byString(a.name, b.name));
}

/**
 * What of a discovery `actor` may see on the connection: a cluster admin everything; anyone else only
 * what the org's grants there cover: the granted topics, the ACLs of the org's granted algorithms'
 * principals, and the consumer groups of the org's subscribe grants (their lag on granted topics only).
 * `grants` are the grants on the connection (every org's).
 */
export function visibleTo(actor: Actor, discovery: Discovery, grants: readonly Grant[], naming: NamingOptions): Discovery {
  if (actor.role === 'admin') return discovery;
  const own = grants.filter((g) => parseAlgorithmRef(g.algorithm)?.org === actor.orgId);
  const topics = new Set(own.map((g) => g.topic));
  const principals = new Set(own.map((g) => principalFor(g.algorithm, naming)));
  const groups = new Set(own.filter((g) => g.access === 'subscribe').map((g) => consumerGroupFor(g.algorithm, g.connection, g.topic, naming)));
  return {
    topics: discovery.topics.filter((t) => topics.has(t.name)),
    principals: discovery.principals.filter((p) => principals.has(p.name)),
    groups: discovery.groups.filter((g) => groups.has(g.name)).map((g) => ({ ...g, lag: g.lag.filter((o) => topics.has(o.topic)) })),
    authorizer: discovery.authorizer,
  };
}

/**
 * One page of `items` (sorted by name): those whose name contains `search` (any case) and, when
 * `status` is given, with that status, after `cursor`, at most `limit`.
 */
export function discoverPage<T extends Item>(items: readonly T[], input: Pick<DiscoverInput, 'search' | 'status' | 'cursor' | 'limit'>): DiscoverPage<T> {
  const needle = input.search?.trim().toLowerCase() ?? '';
  const found = needle === '' ? items : items.filter((item) => item.name.toLowerCase().includes(needle));
  const counts: Record<DiscoverStatus, number> = { managed: 0, unmanaged: 0, drifted: 0, 'left-alone': 0 };
  for (const item of found) counts[item.status] += 1;
  const cursor = input.cursor;
  const after = found.filter((item) => (input.status === undefined || item.status === input.status) && (cursor === undefined || byString(item.name, cursor) > 0));
  const page = after.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: after.length > page.length && last ? last.name : null, counts };
}
