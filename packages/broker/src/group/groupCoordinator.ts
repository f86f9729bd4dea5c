import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/errorCodes.ts';
import type { JoinRequest, JoinResult, SyncResult } from './groupRequests.ts';
import { emptyGroup, type Group, type Member } from './groupState.ts';
import { sameProtocols, selectProtocol } from './protocolSelection.ts';

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
      group = emptyGroup(groupId);
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
        const previous = group.staticMembers.holder(instanceId);
        const old = previous === undefined ? undefined : group.members.get(previous);
        if (old) return this.replaceStaticMember(group, old, instanceId, memberId, req, now);
        group.staticMembers.claim(instanceId, memberId);
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
    return this.awaitJoin(group, member);
  }

  /** Parks the member's JoinGroup until the rebalance completes, starting one if none is under way. */
  private awaitJoin(group: Group, member: Member): Promise<JoinResult> {
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
  private replaceStaticMember(
    group: Group,
    old: Member,
    instanceId: string,
    memberId: string,
    req: JoinRequest,
    now: number,
  ): JoinResult | Promise<JoinResult> {
    this.removeMember(group, old, ErrorCode.FENCED_INSTANCE_ID);
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
    group.staticMembers.claim(instanceId, memberId);
    const previousLeader = group.leaderId;
    if (group.leaderId === old.memberId) group.leaderId = memberId;
    if (group.state === 'Stable' && selectProtocol([...group.members.values()]) === group.protocolName) {
      return { ...this.joinResultFor(group, member), leader: previousLeader ?? '', members: [] };
    }
    return this.awaitJoin(group, member);
  }

  /** Whether `instanceId` is held by a member other than `memberId` (Kafka's isStaticMemberFenced). */
  private fenced(group: Group | undefined, instanceId: string | null, memberId: string): boolean {
    return group?.staticMembers.fences(instanceId, memberId) ?? false;
  }

  /** The group and member a request names, or the error code to answer: FENCED_INSTANCE_ID or UNKNOWN_MEMBER_ID. */
  private memberOf(groupId: string, memberId: string | undefined, instanceId: string | null): { group: Group; member: Member } | number {
    const group = this.groups.get(groupId);
    if (memberId !== undefined && this.fenced(group, instanceId, memberId)) return ErrorCode.FENCED_INSTANCE_ID;
    const member = memberId === undefined ? undefined : group?.members.get(memberId);
    return group && member ? { group, member } : ErrorCode.UNKNOWN_MEMBER_ID;
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
    const found = this.memberOf(groupId, memberId, groupInstanceId);
    if (typeof found === 'number') return { errorCode: found, assignment: noAssignment };
    const { group, member } = found;
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
    const found = this.memberOf(groupId, memberId, groupInstanceId);
    if (typeof found === 'number') return found;
    const { group, member } = found;
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
      // Named by instance id alone, the member is whoever holds it, so it cannot be fenced.
      const found = this.memberOf(groupId, group?.staticMembers.resolve(memberId, groupInstanceId), groupInstanceId);
      if (typeof found === 'number') return found;
      this.removeMember(found.group, found.member);
      return ErrorCode.NONE;
    });
    if (group && codes.some((c) => c === ErrorCode.NONE)) this.afterRemoval(group);
    return codes;
  }

  private dropMember(group: Group, member: Member): void {
    group.members.delete(member.memberId);
    group.staticMembers.release(member.groupInstanceId, member.memberId);
  }

  /** Drops the member and answers its waiting JoinGroup and SyncGroup with `code`. */
  private removeMember(group: Group, member: Member, code: number = ErrorCode.UNKNOWN_MEMBER_ID): void {
    this.dropMember(group, member);
    failWaiters(member, code);
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
    // A commit from outside the group (generation -1) is stored while the group has no members.
    if (generationId < 0 && (!group || group.members.size === 0) && !this.fenced(group, groupInstanceId, memberId)) return ErrorCode.NONE;
    const found = this.memberOf(groupId, memberId, groupInstanceId);
    if (typeof found === 'number') return found;
    const { member } = found;
    if (generationId !== found.group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (found.group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
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
      for (const member of group.members.values()) failWaiters(member, ErrorCode.UNKNOWN_MEMBER_ID);
    }
  }
}

/** Answers the member's waiting JoinGroup and SyncGroup, if any, with `code`. */
function failWaiters(member: Member, code: number): void {
  member.joinWaiter?.(joinError(code, member.memberId));
  member.syncWaiter?.({ errorCode: code, assignment: noAssignment });
}
