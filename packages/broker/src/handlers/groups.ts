import { AclOperation, ResourceType } from '../auth/aclStore.ts';
import type { Message } from '../codec/compile.ts';
import type { GroupProtocol } from '../group/groupRequests.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { BrokerContext, Handler, RequestContext } from '../server/brokerContext.ts';

const mayGroup = (broker: BrokerContext, req: RequestContext, op: number, groupId: string): boolean =>
  broker.authorizer.authorize(req.session, op, ResourceType.GROUP, groupId);

/** A request's group.instance.id (static membership); null before the versions that carry it. */
const instanceIdOf = (body: Message): string | null => (body.groupInstanceId as string | null | undefined) ?? null;

/** JoinGroup: answered when the rebalance completes. */
export const handleJoinGroup: Handler = (broker, req, body) => {
  const groupId = String(body.groupId);
  const fail = (errorCode: number): Record<string, unknown> => ({
    throttleTimeMs: 0,
    errorCode,
    generationId: -1,
    protocolName: '',
    leader: '',
    memberId: String(body.memberId),
    members: [],
  });
  if (!mayGroup(broker, req, AclOperation.READ, groupId)) return fail(ErrorCode.GROUP_AUTHORIZATION_FAILED);
  const sessionTimeoutMs = Number(body.sessionTimeoutMs);
  const result = broker.groups.join({
    groupId,
    memberId: String(body.memberId),
    groupInstanceId: instanceIdOf(body),
    clientId: req.clientId,
    clientHost: `/${req.session.host}`,
    sessionTimeoutMs,
    rebalanceTimeoutMs: req.apiVersion >= 1 ? Number(body.rebalanceTimeoutMs) : sessionTimeoutMs,
    protocolType: String(body.protocolType),
    protocols: body.protocols as GroupProtocol[],
    requireKnownMemberId: req.apiVersion >= 4,
  });
  // v7+ name the protocol type: the group's, which a successful join shares.
  const wrap = (r: Awaited<typeof result>): Record<string, unknown> => ({
    throttleTimeMs: 0,
    protocolType: r.errorCode === 0 ? String(body.protocolType) : null,
    ...r,
  });
  return result instanceof Promise ? result.then(wrap) : wrap(result);
};

/** SyncGroup: the leader's assignments are handed to every member. */
export const handleSyncGroup: Handler = (broker, req, body) => {
  const groupId = String(body.groupId);
  if (!mayGroup(broker, req, AclOperation.READ, groupId)) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, assignment: Buffer.alloc(0) };
  }
  const result = broker.groups.sync(
    groupId,
    Number(body.generationId),
    String(body.memberId),
    body.assignments as { memberId: string; assignment: Buffer }[],
    instanceIdOf(body),
  );
  // v5+ name the group's protocol type and chosen protocol, as the join did.
  const wrap = (r: Awaited<typeof result>): Record<string, unknown> => {
    const group = r.errorCode === 0 ? broker.groups.groups.get(groupId) : undefined;
    return { throttleTimeMs: 0, protocolType: group?.protocolType ?? null, protocolName: group?.protocolName ?? null, ...r };
  };
  return result instanceof Promise ? result.then(wrap) : wrap(result);
};

/** Heartbeat: keeps a member's session alive; REBALANCE_IN_PROGRESS asks it to rejoin. */
export const handleHeartbeat: Handler = (broker, req, body) => {
  const groupId = String(body.groupId);
  if (!mayGroup(broker, req, AclOperation.READ, groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
  return { throttleTimeMs: 0, errorCode: broker.groups.heartbeat(groupId, Number(body.generationId), String(body.memberId), instanceIdOf(body)) };
};

/** LeaveGroup (v0–2: one member; v3: a list). */
export const handleLeaveGroup: Handler = (broker, req, body) => {
  const groupId = String(body.groupId);
  const members =
    req.apiVersion >= 3
      ? (body.members as { memberId: string; groupInstanceId: string | null }[])
      : [{ memberId: String(body.memberId), groupInstanceId: null }];
  if (!mayGroup(broker, req, AclOperation.READ, groupId)) {
    return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, members: [] };
  }
  const codes = broker.groups.leave(
    groupId,
    members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null })),
  );
  return {
    throttleTimeMs: 0,
    errorCode: req.apiVersion >= 3 ? 0 : (codes[0] ?? 0),
    members: members.map((m, i) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: codes[i] ?? 0 })),
  };
};

interface OffsetCommitRequest {
  groupId: string;
  generationIdOrMemberEpoch: number;
  memberId: string;
  topics: { name: string; partitions: { partitionIndex: number; committedOffset: number; committedMetadata: string | null }[] }[];
}

/** OffsetCommit: stored when the member and generation are current (or for simple/admin commits). */
export const handleOffsetCommit: Handler = (broker, req, raw) => {
  const body = raw as unknown as OffsetCommitRequest;
  const generation = req.apiVersion >= 1 ? body.generationIdOrMemberEpoch : -1;
  const groupAllowed = mayGroup(broker, req, AclOperation.READ, body.groupId);
  const groupError = groupAllowed ? broker.groups.commitCheck(body.groupId, generation, body.memberId ?? '', instanceIdOf(raw)) : ErrorCode.GROUP_AUTHORIZATION_FAILED;
  const topics = body.topics.map((t) => {
    const topicAllowed = broker.authorizer.authorize(req.session, AclOperation.READ, ResourceType.TOPIC, t.name);
    const topic = broker.topics.topics.get(t.name);
    return {
      name: t.name,
      partitions: t.partitions.map((p) => {
        let errorCode: number = groupError;
        if (errorCode === 0 && !topicAllowed) errorCode = ErrorCode.TOPIC_AUTHORIZATION_FAILED;
        else if (errorCode === 0 && !topic?.partitions[p.partitionIndex]) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (errorCode === 0) {
          broker.offsets.commit(body.groupId, t.name, p.partitionIndex, { offset: p.committedOffset, metadata: p.committedMetadata });
        }
        return { partitionIndex: p.partitionIndex, errorCode };
      }),
    };
  });
  return { throttleTimeMs: 0, topics };
};

type RequestedOffsets = { name: string; partitionIndexes: number[] }[] | null;

/** One group's committed offsets (-1 where none); null topics means every topic of the group. */
function committedOffsets(broker: BrokerContext, req: RequestContext, groupId: string, requested: RequestedOffsets): Message {
  if (!mayGroup(broker, req, AclOperation.DESCRIBE, groupId)) return { topics: [], errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
  const describe = (name: string): boolean => broker.authorizer.authorize(req.session, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
  const wanted =
    requested ??
    [...broker.offsets.topicsOf(groupId)].filter(([name]) => describe(name)).map(([name, parts]) => ({ name, partitionIndexes: [...parts.keys()] }));
  const topics = wanted.map((t) => {
    const allowed = describe(t.name);
    return {
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => {
        const committed = allowed ? broker.offsets.fetch(groupId, t.name, partitionIndex) : undefined;
        return {
          partitionIndex,
          committedOffset: committed?.offset ?? -1,
          committedLeaderEpoch: -1,
          metadata: committed ? committed.metadata : '',
          errorCode: allowed ? 0 : ErrorCode.TOPIC_AUTHORIZATION_FAILED,
        };
      }),
    };
  });
  return { topics, errorCode: 0 };
}

/** OffsetFetch: one group's committed offsets, or from v8 those of each group asked for. */
export const handleOffsetFetch: Handler = (broker, req, body) => {
  if (req.apiVersion >= 8) {
    const groups = (body.groups as { groupId: string; topics: RequestedOffsets }[]).map((g) => ({
      groupId: g.groupId,
      ...committedOffsets(broker, req, g.groupId, g.topics),
    }));
    return { throttleTimeMs: 0, groups };
  }
  return { throttleTimeMs: 0, ...committedOffsets(broker, req, String(body.groupId), body.topics as RequestedOffsets) };
};

/** DescribeGroups: state, protocol and members of each group (Dead for unknown groups). */
export const handleDescribeGroups: Handler = (broker, req, body) => {
  const groups = (body.groups as string[]).map((groupId) => {
    const base = {
      groupId,
      errorMessage: null as string | null,
      groupState: 'Dead',
      protocolType: '',
      protocolData: '',
      members: [] as unknown[],
      authorizedOperations: -2147483648,
    };
    if (!mayGroup(broker, req, AclOperation.DESCRIBE, groupId)) return { ...base, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
    const group = broker.groups.groups.get(groupId);
    if (!group) {
      if (broker.offsets.has(groupId)) return { ...base, errorCode: 0, groupState: 'Empty' };
      // From v6 an unknown group is an error, as in Kafka 4 (KIP-1043); before, a Dead group.
      if (req.apiVersion >= 6) return { ...base, errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} not found.` };
      return { ...base, errorCode: 0 };
    }
    const stable = group.state === 'Stable';
    return {
      ...base,
      errorCode: 0,
      groupState: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName ?? '') : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? (m.protocols.find((p) => p.name === group.protocolName)?.metadata ?? Buffer.alloc(0)) : Buffer.alloc(0),
        memberAssignment: stable ? m.assignment : Buffer.alloc(0),
      })),
    };
  });
  return { throttleTimeMs: 0, groups };
};

/**
 * ListGroups: every group (with members or committed offsets) the caller may describe; from v4
 * only those in the states asked for, from v5 of the types asked for (all are classic groups).
 */
export const handleListGroups: Handler = (broker, req, body) => {
  const all = broker.authorizer.authorizeCluster(req.session, AclOperation.DESCRIBE);
  const states = new Set(((body.statesFilter as string[] | undefined) ?? []).map((s) => s.toLowerCase()));
  const types = new Set(((body.typesFilter as string[] | undefined) ?? []).map((t) => t.toLowerCase()));
  if (types.size > 0 && !types.has('classic')) return { throttleTimeMs: 0, errorCode: 0, groups: [] };
  const ids = new Set([...broker.groups.groups.keys(), ...broker.offsets.groupIds()]);
  const groups = [...ids]
    .filter((groupId) => all || mayGroup(broker, req, AclOperation.DESCRIBE, groupId))
    .map((groupId) => {
      const group = broker.groups.groups.get(groupId);
      return { groupId, protocolType: group?.protocolType ?? 'consumer', groupState: group?.state ?? 'Empty', groupType: 'classic' };
    })
    .filter((g) => states.size === 0 || states.has(g.groupState.toLowerCase()));
  return { throttleTimeMs: 0, errorCode: 0, groups };
};

/** DeleteGroups: only groups without members; their committed offsets go too. */
export const handleDeleteGroups: Handler = (broker, req, body) => {
  const results = (body.groupsNames as string[]).map((groupId) => {
    if (!mayGroup(broker, req, AclOperation.DELETE, groupId)) return { groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
    const known = broker.groups.groups.has(groupId) || broker.offsets.has(groupId);
    if (!known) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
    if (!broker.groups.forget(groupId)) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
    broker.offsets.deleteGroup(groupId);
    return { groupId, errorCode: 0 };
  });
  return { throttleTimeMs: 0, results };
};
