import { aclFields, absentValue } from './fieldValues.ts';
import type { Drift } from './planSchema.ts';
import { partitionsCannotBePutBack } from './topicDrift.ts';

/** One field of a drift finding: what the deployed flow wants and what is live in Kafka. */
export interface DriftField {
  field: string;
  deployed: string;
  live: string;
}

/** The fields a drift finding is about, each with its deployed and live value (for marks and tooltips). */
export function driftFields(drift: Drift): DriftField[] {
  switch (drift.kind) {
    case 'topic-partitions':
      return [{ field: 'partitions', deployed: String(drift.desired), live: String(drift.actual) }];
    case 'topic-config':
      return [{ field: drift.key, deployed: drift.desired, live: drift.actual }];
    case 'acl-missing':
      return aclFields(drift.acl).map(([field, value]) => ({ field: `ACL ${field}`, deployed: value, live: absentValue }));
    case 'group-foreign-members':
      return [{ field: `members of ${drift.groupId}`, deployed: "the studio's runtime only", live: drift.members.map((m) => `${m.clientId} (${m.clientHost})`).join(', ') }];
    case 'group-stale-offsets':
      return [{ field: `offsets of ${drift.groupId}`, deployed: drift.binding.topic, live: [drift.binding.topic, ...drift.topics].join(', ') }];
  }
}

/**
 * What the plan can do about a drift finding: `always` (deploy restores it, as a missing ACL),
 * `choice` (a person may put it back or take the live value into the flow), `cannot` (only the live
 * value can be taken: a topic with more partitions than the flow asks for) or `report` (the studio
 * does not change it: a consumer group's foreign members or stale offsets). `reason` says why for the
 * last two.
 */
export function driftRemedy(drift: Drift, connectionName?: string): { kind: 'always' | 'choice' } | { kind: 'cannot' | 'report'; reason: string } {
  switch (drift.kind) {
    case 'acl-missing':
      return { kind: 'always' };
    case 'topic-config':
      return { kind: 'choice' };
    case 'topic-partitions': {
      const reason = partitionsCannotBePutBack(drift, connectionName);
      return reason ? { kind: 'cannot', reason } : { kind: 'choice' };
    }
    case 'group-foreign-members':
      return {
        kind: 'report',
        reason: `Report only: Kafka offers no request that removes a consumer from a group. Stop that client, or give it a group id of its own; until then it takes some of the partitions of "${drift.binding.topic}" from ${drift.binding.algorithm}.`,
      };
    case 'group-stale-offsets':
      return {
        kind: 'report',
        reason: `Report only: the studio does not delete a group's offsets. They do no harm while the binding does not read those topics; should it read one again, it resumes from the offset committed there.`,
      };
  }
}
