/**
 * Classification of a cluster scan against the deployed flows: each topic, principal and consumer group
 * is managed by a flow, unmanaged (or left alone), or drifted, field by field.
 */
import type { Acl } from './desired.ts';
import type {
  ClusterScan,
  DeployedFlow,
  DiscoverStatus,
  DiscoveredAcl,
  DiscoveredGroup,
  DiscoveredPrincipal,
  DiscoveredTopic,
  Discovery,
  FieldDrift,
  Item,
  LeftAlone,
  LeftAloneKind,
  LeftAloneMark,
  ManagingFlow,
  ScannedGroup,
  ScannedTopic,
  UndeployedFlow,
} from './discover.ts';
import { defaultValue } from './discover.ts';
import { aclKey, byString } from './keys.ts';

/**
 * Classifies everything a scan of `connection` found against what the deployed flows want there. A
 * topic, principal or group that no deployed flow wants is unmanaged, or adopted when the newest,
 * undeployed revision of a flow (`undeployed`) wants it, or left-alone when `leftAlone`, the
 * connection's marks, names it; one a deployed flow wants is managed by it, or drifted when a field
 * differs (partitions, replication, a config, an ACL missing, or the topic gone). A mark on an item a
 * flow manages or adopted changes nothing.
 */
export function classifyScan(
  connection: string,
  scan: ClusterScan,
  flows: readonly DeployedFlow[],
  leftAlone: readonly LeftAlone[] = [],
  undeployed: readonly UndeployedFlow[] = [],
): Discovery {
  const adopted = adoptedBy(connection, undeployed);
  const marks = new Map(leftAlone.map((m) => [`${m.kind} ${m.name}`, { by: m.by, at: m.at }]));
  const mark = <T extends Item & { leftAlone?: LeftAloneMark }>(kind: LeftAloneKind, items: T[]): T[] => {
    for (const item of items) {
      const found = item.status === 'unmanaged' ? marks.get(`${kind} ${item.name}`) : undefined;
      if (found) Object.assign(item, { status: 'left-alone', leftAlone: found });
    }
    return items;
  };
  return {
    topics: mark('topic', markAdopted(adopted.topics, classifyTopics(connection, scan.topics, flows))),
    principals: mark('principal', markAdoptedPrincipals(connection, adopted.acls, classifyPrincipals(connection, scan.acls, flows))),
    groups: mark('group', markAdopted(adopted.groups, classifyGroups(connection, scan.groups, flows))),
    authorizer: scan.authorizer,
  };
}

/**
 * What the undeployed revisions would take over on `connection` when deployed, and which flows: topics
 * their topic nodes mark adopted, ACLs their bindings need (by `aclKey`), and the consumer groups of
 * their subscriptions of adopted topics.
 */
interface AdoptedNames {
  topics: Map<string, ManagingFlow[]>;
  acls: Map<string, ManagingFlow[]>;
  groups: Map<string, ManagingFlow[]>;
}

function adoptedBy(connection: string, undeployed: readonly UndeployedFlow[]): AdoptedNames {
  const names: AdoptedNames = { topics: new Map(), acls: new Map(), groups: new Map() };
  const add = (byName: Map<string, ManagingFlow[]>, name: string, flow: UndeployedFlow) => {
    const flows = byName.get(name) ?? [];
    if (!flows.some((f) => f.flowId === flow.flowId && f.flowName === flow.flowName)) flows.push(owner(flow));
    byName.set(name, flows);
  };
  for (const flow of undeployed) {
    const adoptedTopics = new Set(flow.desired.topics.filter((t) => t.connection === connection && t.adopted).map((t) => t.topic));
    for (const topic of adoptedTopics) add(names.topics, topic, flow);
    for (const acl of flow.desired.acls) if (acl.connection === connection) add(names.acls, aclKey(acl), flow);
    for (const b of flow.desired.bindings) {
      if (b.connection === connection && b.direction === 'subscribe' && adoptedTopics.has(b.topic)) add(names.groups, b.consumerGroup, flow);
    }
  }
  return names;
}

/** Unmanaged items an undeployed revision takes over become `adopted`, naming the flows. */
function markAdopted<T extends Item & { adoptedInto?: ManagingFlow[] }>(adoptedInto: ReadonlyMap<string, ManagingFlow[]>, items: T[]): T[] {
  for (const item of items) {
    const flows = item.status === 'unmanaged' ? adoptedInto.get(item.name) : undefined;
    if (flows) Object.assign(item, { status: 'adopted', adoptedInto: flows });
  }
  return items;
}

/**
 * An unmanaged principal becomes `adopted` when undeployed revisions need every ACL it has (so that
 * deploying them takes it over whole), naming those flows; one with an ACL no flow needs stays unmanaged.
 */
function markAdoptedPrincipals(connection: string, acls: ReadonlyMap<string, ManagingFlow[]>, principals: DiscoveredPrincipal[]): DiscoveredPrincipal[] {
  for (const p of principals) {
    const present = p.acls.filter((a) => a.status === 'unmanaged');
    if (p.status !== 'unmanaged' || present.length === 0) continue;
    const wanting = present.map((a) => acls.get(aclKey({ ...a, connection, principal: p.name })));
    if (wanting.some((flows) => flows === undefined)) continue;
    const flows = new Map(wanting.flatMap((list) => list ?? []).map((f) => [`${f.flowId ?? ''}\u0000${f.flowName}`, f]));
    Object.assign(p, { status: 'adopted', adoptedInto: [...flows.values()] });
  }
  return principals;
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
