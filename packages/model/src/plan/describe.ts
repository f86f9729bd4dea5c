import type { Acl } from '../desired.ts';
import { countOf } from '../words.ts';
import type { Drift, PlanAction } from './planSchema.ts';

/** A connection's display name from its id (the catalog's `name`); the id itself when unknown. */
export type ConnectionNameOf = (connection: string) => string;

const idAsName: ConnectionNameOf = (connection) => connection;

function aclText(acl: Acl, nameOf: ConnectionNameOf = idAsName): string {
  const resource = acl.resourceType === 'group' ? 'consumer group' : acl.resourceType;
  return `${acl.permission === 'allow' ? 'allow' : 'deny'} ${acl.principal} to ${acl.operation.toUpperCase()} ${resource} "${acl.resourceName}" on "${nameOf(acl.connection)}"`;
}

/**
 * One sentence saying what an action does, for the plan review and the deploy log; connections are
 * named with `nameOf` (their display names when the caller has the catalog).
 */
export function describeAction(action: PlanAction, nameOf: ConnectionNameOf = idAsName): string {
  switch (action.kind) {
    case 'grant': {
      const g = action.grant;
      const text = `Grant ${g.algorithm} ${g.access} access to "${g.topic}" on "${nameOf(g.connection)}"`;
      return action.blocked ? `${text} (needs a cluster admin)` : text;
    }
    case 'create-topic': {
      const t = action.topic;
      const partitions = t.partitions === null ? "the cluster's default partitions" : countOf(t.partitions, 'partition');
      return `Create topic "${t.topic}" on "${nameOf(t.connection)}" with ${partitions}`;
    }
    case 'adopt-topic':
      return `Adopt existing topic "${action.topic.topic}" on "${nameOf(action.topic.connection)}"`;
    case 'create-acl':
      return `${action.drift ? 'Restore missing ACL: ' : 'Add ACL: '}${aclText(action.acl, nameOf)}`;
    case 'adopt-acl':
      return `Adopt existing ACL: ${aclText(action.acl, nameOf)}`;
    case 'delete-acl':
      return `Remove ACL: ${aclText(action.acl, nameOf)}`;
    case 'start-binding':
      return `Start ${action.binding.algorithm}@${action.binding.version} ${action.binding.direction} on "${action.binding.topic}"`;
    case 'update-binding':
      return `Update ${action.binding.algorithm} ${action.binding.direction} on "${action.binding.topic}" (${action.changes.map((c) => c.field).join(', ')})`;
    case 'stop-binding':
      return `Stop ${action.binding.algorithm} ${action.binding.direction} on "${action.binding.topic}"`;
    case 'hand-over-platform-listener': {
      const o = action.origin;
      const when = action.unavailable ? 'not by this deploy: both run' : "once the studio's subscription runs";
      return `Hand over ${o.algorithm} on "${o.topic}" at "${nameOf(o.connection)}" from the platform's event listener ${o.listener.id} (${o.listener.userId}): the listener is removed ${when}`;
    }
    case 'remove-platform-listener': {
      const o = action.origin;
      return `Remove the platform's event listener ${o.listener.id} (${o.listener.userId}) of ${o.algorithm} on "${o.topic}" at "${nameOf(o.connection)}"`;
    }
  }
}

/** One sentence describing a drift finding, connections named with `nameOf`. */
export function describeDrift(drift: Drift, nameOf: ConnectionNameOf = idAsName): string {
  switch (drift.kind) {
    case 'acl-missing':
      return `An ACL Event Flows Studio created is missing in Kafka: ${aclText(drift.acl, nameOf)}`;
    case 'topic-partitions':
      return `Topic "${drift.topic}" on "${nameOf(drift.connection)}" has ${countOf(drift.actual, 'partition')}; the flow asks for ${drift.desired}`;
    case 'topic-config':
      return `Topic "${drift.topic}" on "${nameOf(drift.connection)}" has ${drift.key} ${drift.actual}; the flow asks for ${drift.desired}`;
  }
}

const phrases: Record<PlanAction['kind'], [string, string]> = {
  grant: ['grant', 'grants'],
  'create-topic': ['topic to create', 'topics to create'],
  'adopt-topic': ['topic to adopt', 'topics to adopt'],
  'create-acl': ['ACL to add', 'ACLs to add'],
  'adopt-acl': ['ACL to adopt', 'ACLs to adopt'],
  'delete-acl': ['ACL to remove', 'ACLs to remove'],
  'start-binding': ['binding to start', 'bindings to start'],
  'update-binding': ['binding to update', 'bindings to update'],
  'stop-binding': ['binding to stop', 'bindings to stop'],
  'hand-over-platform-listener': ['platform listener to hand over', 'platform listeners to hand over'],
  'remove-platform-listener': ['platform listener to remove', 'platform listeners to remove'],
};

/** A one-line summary of a plan: counts per kind of action, and drift. */
export function summarize(actions: readonly PlanAction[], drift: readonly Drift[]): string {
  const counts = new Map<PlanAction['kind'], number>();
  for (const a of actions) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const blocked = actions.filter((a) => a.kind === 'grant' && a.blocked).length;
  return summaryOf(counts, blocked, drift.length);
}

/**
 * {@link summarize} from the counts per kind of action (in the order the kinds first appear), the
 * number of blocked grants and the number of drift findings.
 */
export function summaryOf(counts: ReadonlyMap<PlanAction['kind'], number>, blocked: number, drift: number): string {
  if (counts.size === 0 && drift === 0) return 'Nothing to change: Kafka already matches this flow.';
  const parts = [...counts].map(([kind, n]) => countOf(n, ...phrases[kind]));
  if (blocked > 0) parts.push(`${blocked.toLocaleString('en')} waiting for a cluster admin`);
  if (drift > 0) parts.push(countOf(drift, 'drift finding'));
  return parts.length > 0 ? `${parts.join(', ')}.` : 'Nothing to change.';
}
