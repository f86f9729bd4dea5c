import type { GroupProtocol, JoinResult, SyncResult } from './groupRequests.ts';
import { StaticMembers } from './staticMembers.ts';

/** The classic group protocol's states, spelled as DescribeGroups reports them. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** A member of a group, with the JoinGroup and SyncGroup it has waiting, if any. */
export interface Member {
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
  /** Static members (KIP-345): who holds each group.instance.id now. */
  readonly staticMembers: StaticMembers;
  readonly pendingMemberIds: Map<string, number>;
  timer: NodeJS.Timeout | undefined;
}

/** A group nobody has joined yet. */
export function emptyGroup(groupId: string): Group {
  return {
    groupId,
    state: 'Empty',
    generationId: 0,
    protocolType: null,
    protocolName: null,
    leaderId: null,
    members: new Map(),
    staticMembers: new StaticMembers(),
    pendingMemberIds: new Map(),
    timer: undefined,
  };
}
