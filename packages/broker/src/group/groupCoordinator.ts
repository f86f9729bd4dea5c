import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/errorCodes.ts';

/** The classic group protocol's states, spelled as DescribeGroups reports them. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** A protocol a member offers in JoinGroup (e.g. an assignor with its subscription bytes). */
export interface GroupProtocol {
  readonly name: string;
  readonly metadata: Buffer;
}

/** What JoinGroup answers. */
export interface JoinResult {
  readonly errorCode: number;
  readonly generationId: number;
  readonly protocolName: string;
  readonly leader: string;
  readonly memberId: string;
  readonly members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

/** What SyncGroup answers. */
export interface SyncResult {
  readonly errorCode: number;
  readonly assignment: Buffer;
}

/** A JoinGroup request as the coordinator sees it. */
export interface JoinRequest {
  readonly groupId: string;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly protocolType: string;
  readonly protocols: readonly GroupProtocol[];
  /** JoinGroup v4+ must first learn its member id (MEMBER_ID_REQUIRED). */
  readonly requireKnownMemberId: boolean;
}

interface Member {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: readonly GroupProtocol[];
  assignment: Buffer;
  lastSeen: number;
  joinWaiter: ((r: JoinResult) => void) | undefined;
  syncWaiter: ((r: SyncResult) => void) | undefined;
}

/** A consumer group's live membership (committed offsets live in the offset store). */
export interface Group {
  readonly groupId: string;
  state: GroupState;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  readonly members: Map<string, Member>;
  /** Static members (KIP-345): each group.instance.id and the member id that holds it now. */
  readonly staticMembers: Map<string, string>;
  readonly pendingMemberIds: Map<string, number>;
  timer: NodeJS.Timeout | undefined;
}

/** Timing rules for groups (Kafka's broker defaults, except the initial rebalance delay). */
export interface GroupTiming {
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly initialRebalanceDelayMs: number;
}

const noAssignment = Buffer.alloc(0);

function joinError(errorCode: number, memberId = ''): JoinResult {
  return { errorCode, generationId: -1, protocolName: '', leader: '', memberId, members: [] };
}

/**
 * The group coordinator of Kafka's classic protocol: JoinGroup/SyncGroup rebalances with
 * generations, leader election and protocol selection, heartbeats with session time-outs,
 * rebalance time-outs for members that do not rejoin, and LeaveGroup.
 */
export class GroupCoordinator {
  readonly groups = new Map<string, Group>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly timing: GroupTiming) {
    this.sweeper = setInterval(() => this.expireMembers(Date.now()), 200);
    this.sweeper.unref();
  }

  private groupFor(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = {
        groupId,
        state: 'Empty',
        generationId: 0,
        protocolType: null,
        protocolName: null,
        leaderId: null,
        members: new Map(),
        staticMembers: new Map(),
        pendingMemberIds: new Map(),
        timer: undefined,
      };
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Handles JoinGroup; resolves when the rebalance completes (or at once on an error). */
  join(req: JoinRequest): JoinResult | Promise<JoinResult> {
    if (req.groupId === '') return joinError(ErrorCode.INVALID_GROUP_ID, req.memberId);
    if (req.sessionTimeoutMs < this.timing.minSessionTimeoutMs || req.sessionTimeoutMs > this.timing.maxSessionTimeoutMs) {
      return joinError(ErrorCode.INVALID_SESSION_TIMEOUT, req.memberId);
    }
    const group = this.groupFor(req.groupId);
    if (!this.compatible(group, req)) return joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId);
    const now = Date.now();
    const instanceId = req.groupInstanceId;
    if (req.memberId !== '' && this.fenced(group, instanceId, req.memberId)) return joinError(ErrorCode.FENCED_INSTANCE_ID, req.memberId);
    if (req.memberId === '') {
      const memberId = `${req.clientId || 'member'}-${randomUUID()}`;
      if (instanceId !== null) {
        // A static member needs no MEMBER_ID_REQUIRED round trip; rejoining, it takes its old place at once.
        const previous = group.staticMembers.get(instanceId);
        const old = previous === undefined ? undefined : group.members.get(previous);
        if (old) return this.replaceStaticMember(group, old, memberId, req, now);
        group.staticMembers.set(instanceId, memberId);
        return this.addMember(group, memberId, req, now);
      }
      if (req.requireKnownMemberId) {
        group.pendingMemberIds.set(memberId, now + req.sessionTimeoutMs);
        return joinError(ErrorCode.MEMBER_ID_REQUIRED, memberId);
      }
      return this.addMember(group, memberId, req, now);
    }
    const member = group.members.get(req.memberId);
    if (!member) {
      if (group.pendingMemberIds.delete(req.memberId)) return this.addMember(group, req.memberId, req, now);
      return joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId);
    }
    const changed = !sameProtocols(member.protocols, req.protocols);
    member.protocols = req.protocols;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.lastSeen = now;
    if ((group.state === 'Stable' || group.state === 'CompletingRebalance') && !changed && member.memberId !== group.leaderId) {
      return this.joinResultFor(group, member);
    }
    const result = new Promise<JoinResult>((resolve) => {
      member.joinWaiter?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
      member.joinWaiter = resolve;
    });
    if (group.state !== 'PreparingRebalance') this.prepareRebalance(group);
    else this.tryCompleteJoin(group);
    return result;
  }

  /**
   * Kafka's replaceStaticMember: the old member is fenced (its waiting requests answered
   * FENCED_INSTANCE_ID) and the new one inherits its assignment. A Stable group whose protocol
   * stays the same does not rebalance: the member gets the current generation, told the leader
   * is someone else so that it syncs for its old assignment instead of computing a new one.
   */
  private replaceStaticMember(group: Group, old: Member, memberId: string, req: JoinRequest, now: number): JoinResult | Promise<JoinResult> {
    group.members.delete(old.memberId);
    old.joinWaiter?.(joinError(ErrorCode.FENCED_INSTANCE_ID, old.memberId));
    old.syncWaiter?.({ errorCode: ErrorCode.FENCED_INSTANCE_ID, assignment: noAssignment });
    const member: Member = {
      ...old,
      memberId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      protocols: req.protocols,
      lastSeen: now,
      joinWaiter: undefined,
      syncWaiter: undefined,
    };
    group.members.set(memberId, member);
    group.staticMembers.set(req.groupInstanceId as string, memberId);
    const previousLeader = group.leaderId;
    if (group.leaderId === old.memberId) group.leaderId = memberId;
    if (group.state === 'Stable' && selectProtocol([...group.members.values()]) === group.protocolName) {
      return { ...this.joinResultFor(group, member), leader: previousLeader ?? '', members: [] };
    }
    const result = new Promise<JoinResult>((resolve) => (member.joinWaiter = resolve));
    if (group.state !== 'PreparingRebalance') this.prepareRebalance(group);
    else this.tryCompleteJoin(group);
    return result;
  }

  /** Whether `instanceId` is held by a member other than `memberId` (Kafka's isStaticMemberFenced). */
  private fenced(group: Group | undefined, instanceId: string | null, memberId: string): boolean {
    if (instanceId === null || !group) return false;
    const holder = group.staticMembers.get(instanceId);
    return holder !== undefined && holder !== memberId;
  }

  private addMember(group: Group, memberId: string, req: JoinRequest, now: number): Promise<JoinResult> {
    const wasEmpty = group.members.size === 0;
    const result = new Promise<JoinResult>((resolve) => {
      group.members.set(memberId, {
        memberId,
        groupInstanceId: req.groupInstanceId,
        clientId: req.clientId,
        clientHost: req.clientHost,
        sessionTimeoutMs: req.sessionTimeoutMs,
        rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        protocols: req.protocols,
        assignment: noAssignment,
        lastSeen: now,
        joinWaiter: resolve,
        syncWaiter: undefined,
      });
    });
    if (wasEmpty) group.protocolType = req.protocolType;
    if (group.state !== 'PreparingRebalance') this.prepareRebalance(group, wasEmpty);
    else this.tryCompleteJoin(group);
    return result;
  }

  private compatible(group: Group, req: JoinRequest): boolean {
    if (req.protocolType === '' || req.protocols.length === 0) return false;
    const others = [...group.members.values()].filter((m) => m.memberId !== req.memberId);
    if (others.length === 0) return true;
    if (group.protocolType !== req.protocolType) return false;
    return req.protocols.some((p) => others.every((m) => m.protocols.some((q) => q.name === p.name)));
  }

  private prepareRebalance(group: Group, initial = false): void {
    for (const member of group.members.values()) {
      member.syncWaiter?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: noAssignment });
      member.syncWaiter = undefined;
    }
    group.state = 'PreparingRebalance';
    clearTimeout(group.timer);
    const delay = initial
      ? this.timing.initialRebalanceDelayMs
      : Math.max(0, ...[...group.members.values()].map((m) => m.rebalanceTimeoutMs));
    group.timer = setTimeout(() => this.completeJoin(group), delay);
    if (!initial || this.timing.initialRebalanceDelayMs === 0) this.tryCompleteJoin(group);
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    for (const member of group.members.values()) if (!member.joinWaiter) return;
    this.completeJoin(group);
  }

  private completeJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    clearTimeout(group.timer);
    group.timer = undefined;
    for (const member of [...group.members.values()]) {
      if (!member.joinWaiter) this.dropMember(group, member);
    }
    group.generationId++;
    if (group.members.size === 0) {
      group.state = 'Empty';
      group.protocolName = null;
      group.leaderId = null;
      return;
    }
    const first = group.members.values().next().value as Member;
    group.protocolType ??= null;
    group.protocolName = selectProtocol([...group.members.values()]);
    if (!group.leaderId || !group.members.has(group.leaderId)) group.leaderId = first.memberId;
    group.state = 'CompletingRebalance';
    const now = Date.now();
    for (const member of group.members.values()) {
      const waiter = member.joinWaiter;
      member.joinWaiter = undefined;
      member.assignment = noAssignment;
      member.lastSeen = now;
      waiter?.(this.joinResultFor(group, member));
    }
  }

  private joinResultFor(group: Group, member: Member): JoinResult {
    const isLeader = member.memberId === group.leaderId;
    const protocol = group.protocolName ?? '';
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolName: protocol,
      leader: group.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader
        ? [...group.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: m.protocols.find((p) => p.name === protocol)?.metadata ?? noAssignment,
          }))
        : [],
    };
  }

  /** Handles SyncGroup; followers wait for the leader's assignments. */
  sync(
    groupId: string,
    generationId: number,
    memberId: string,
    assignments: readonly { memberId: string; assignment: Buffer }[],
    groupInstanceId: string | null = null,
  ): SyncResult | Promise<SyncResult> {
    const group = this.groups.get(groupId);
    if (this.fenced(group, groupInstanceId, memberId)) return { errorCode: ErrorCode.FENCED_INSTANCE_ID, assignment: noAssignment };
    const member = group?.members.get(memberId);
    if (!group || !member) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: noAssignment };
    if (generationId !== group.generationId) return { errorCode: ErrorCode.ILLEGAL_GENERATION, assignment: noAssignment };
    member.lastSeen = Date.now();
    if (group.state === 'PreparingRebalance') return { errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: noAssignment };
    if (group.state === 'Stable') return { errorCode: ErrorCode.NONE, assignment: member.assignment };
    if (memberId === group.leaderId) {
      for (const m of group.members.values()) m.assignment = noAssignment;
      for (const a of assignments) {
        const target = group.members.get(a.memberId);
        if (target) target.assignment = a.assignment;
      }
      group.state = 'Stable';
      for (const m of group.members.values()) {
        const waiter = m.syncWaiter;
        m.syncWaiter = undefined;
        waiter?.({ errorCode: ErrorCode.NONE, assignment: m.assignment });
      }
      return { errorCode: ErrorCode.NONE, assignment: member.assignment };
    }
    return new Promise((resolve) => {
      member.syncWaiter?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: noAssignment });
      member.syncWaiter = resolve;
    });
  }

  /** Handles Heartbeat: keeps the member alive and tells it when to rejoin. */
  heartbeat(groupId: string, generationId: number, memberId: string, groupInstanceId: string | null = null): number {
    const group = this.groups.get(groupId);
    if (this.fenced(group, groupInstanceId, memberId)) return ErrorCode.FENCED_INSTANCE_ID;
    const member = group?.members.get(memberId);
    if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
    member.lastSeen = Date.now();
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (group.state === 'PreparingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  /**
   * Handles LeaveGroup for each listed member; returns an error code per member. A static member
   * may be named by its instance id alone (member id empty).
   */
  leave(groupId: string, leaving: readonly { memberId: string; groupInstanceId: string | null }[]): number[] {
    const group = this.groups.get(groupId);
    const codes = leaving.map(({ memberId, groupInstanceId }) => {
      if (groupInstanceId !== null && memberId !== '' && this.fenced(group, groupInstanceId, memberId)) return ErrorCode.FENCED_INSTANCE_ID;
      const id = groupInstanceId !== null && memberId === '' ? group?.staticMembers.get(groupInstanceId) : memberId;
      const member = id === undefined ? undefined : group?.members.get(id);
      if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.removeMember(group, member);
      return ErrorCode.NONE;
    });
    if (group && codes.some((c) => c === ErrorCode.NONE)) this.afterRemoval(group);
    return codes;
  }

  private dropMember(group: Group, member: Member): void {
    group.members.delete(member.memberId);
    if (member.groupInstanceId !== null && group.staticMembers.get(member.groupInstanceId) === member.memberId) {
      group.staticMembers.delete(member.groupInstanceId);
    }
  }

  private removeMember(group: Group, member: Member): void {
    this.dropMember(group, member);
    member.joinWaiter?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
    member.syncWaiter?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: noAssignment });
  }

  private afterRemoval(group: Group): void {
    if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
    else if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.prepareRebalance(group);
  }

  /** Removes members whose session timed out, and stale pending member ids. */
  expireMembers(now: number): void {
    for (const group of this.groups.values()) {
      for (const [id, expiry] of group.pendingMemberIds) if (expiry < now) group.pendingMemberIds.delete(id);
      let removed = false;
      for (const member of [...group.members.values()]) {
        if (member.joinWaiter) continue;
        if (now - member.lastSeen > member.sessionTimeoutMs) {
          this.removeMember(group, member);
          removed = true;
        }
      }
      if (removed) this.afterRemoval(group);
    }
  }

  /** Whether an OffsetCommit from this member/generation may be stored (an error code; 0 = yes). */
  commitCheck(groupId: string, generationId: number, memberId: string, groupInstanceId: string | null = null): number {
    const group = this.groups.get(groupId);
    if (this.fenced(group, groupInstanceId, memberId)) return ErrorCode.FENCED_INSTANCE_ID;
    if (generationId < 0 && (!group || group.members.size === 0)) return ErrorCode.NONE;
    const member = group?.members.get(memberId);
    if (!group || !member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    member.lastSeen = Date.now();
    return ErrorCode.NONE;
  }

  /** Forgets a group without members (DeleteGroups); false when it still has members. */
  forget(groupId: string): boolean {
    const group = this.groups.get(groupId);
    if (group && group.members.size > 0) return false;
    if (group) clearTimeout(group.timer);
    this.groups.delete(groupId);
    return true;
  }

  /** Stops timers and fails every waiting request. */
  close(): void {
    clearInterval(this.sweeper);
    for (const group of this.groups.values()) {
      clearTimeout(group.timer);
      for (const member of group.members.values()) {
        member.joinWaiter?.(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId));
        member.syncWaiter?.({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: noAssignment });
      }
    }
  }
}

function sameProtocols(a: readonly GroupProtocol[], b: readonly GroupProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i]?.name && p.metadata.equals(b[i].metadata));
}

/** Among protocols every member supports, the one most members list first (Kafka's vote). */
function selectProtocol(members: readonly Member[]): string {
  const first = members[0];
  if (!first) return '';
  const candidates = first.protocols.map((p) => p.name).filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
  const votes = new Map<string, number>();
  for (const m of members) {
    const choice = m.protocols.find((p) => candidates.includes(p.name));
    if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
  }
  let best = candidates[0] ?? '';
  for (const name of candidates) if ((votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name;
  return best;
}
