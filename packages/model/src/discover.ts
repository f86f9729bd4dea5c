/**
 * Discover: what already runs on a Kafka connection (topics, ACLs by principal, consumer groups), each
 * classified against the flows deployed on it: managed by a flow, unmanaged, or drifted (it differs from
 * what a deployed flow wants, field by field). The server reads the cluster in one batched pass and hands
 * it here as plain data ({@link ClusterScan}); everything decided about it is decided in the model:
 * this file holds the request schemas and the shapes, `classifyScan.ts` the classification, and
 * `discoverView.ts` what a caller sees of it (visibility and paging).
 */
import { z } from 'zod';
import type { Acl, Desired } from './desired.ts';
import { Id } from './names.ts';

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
  /** How long a scan is kept for paging, searching and switching kinds before the next page scans again. */
  keptScanSeconds: 60,
  /** Most scans kept at once (one per connection and caller's visibility), the oldest let go first. */
  keptScans: 8,
  /** Most items (topics, ACL entries, groups) all kept scans hold together, the oldest let go first. */
  keptItems: 250_000,
} as const;

/** What a discovery page lists. */
export const DiscoverKind = z.enum(['topics', 'acls', 'groups']);
export type DiscoverKind = z.infer<typeof DiscoverKind>;

/**
 * How an item stands against the flows: managed by a deployed one, unmanaged, drifted from what one
 * wants, adopted into a flow whose revision with it is not deployed yet (shown "adopted · not
 * deployed"), or unmanaged and marked by a cluster admin to be left alone (no longer proposed for
 * adoption).
 */
export const DiscoverStatus = z.enum(['managed', 'unmanaged', 'drifted', 'adopted', 'left-alone']);
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
  /** Scan the cluster again rather than read the kept scan. */
  rescan: z.boolean().optional(),
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

/**
 * A flow whose newest revision is not deployed, as discovery sees it: what that revision wants on the
 * connection. What it wants that no deployed flow manages is "adopted · not deployed".
 */
export type UndeployedFlow = DeployedFlow;

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
  /** Present when the status is `adopted`: the flows it was adopted into, not deployed yet. */
  adoptedInto?: ManagingFlow[];
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
  /** The algorithm (`org/name`) whose principal this is under the naming template, when it follows it. */
  algorithm?: string;
  status: DiscoverStatus;
  acls: DiscoveredAcl[];
  managedBy: ManagingFlow[];
  drift: FieldDrift[];
  /** Present when the principal is `left-alone`. */
  leftAlone?: LeftAloneMark;
  /** Present when the status is `adopted`: the flows it was adopted into, not deployed yet. */
  adoptedInto?: ManagingFlow[];
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
  /** Present when the status is `adopted`: the flows it was adopted into, not deployed yet. */
  adoptedInto?: ManagingFlow[];
}

/** Every discovered item of a scan, classified. */
export interface Discovery {
  topics: DiscoveredTopic[];
  principals: DiscoveredPrincipal[];
  groups: DiscoveredGroup[];
  authorizer: boolean;
}

/** A discovered item of any kind: what paging and filtering need. */
export type Item = { name: string; status: DiscoverStatus };

/** One page of items, with how many matched in all and per status, and the cursor of the next page. */
export interface DiscoverPage<T extends Item> {
  items: T[];
  /** Pass as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
  /** Items matching the search (before the status filter and paging), per status. */
  counts: Record<DiscoverStatus, number>;
}
