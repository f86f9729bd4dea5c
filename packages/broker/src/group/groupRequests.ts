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
