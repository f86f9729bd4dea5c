import { AclOperation, Permission, ResourceType, patternCovers, type AclStore } from './aclStore.ts';

/** Who is asking: `User:<name>` (or `User:ANONYMOUS`) and the client's address. */
export interface Principal {
  readonly principal: string;
  readonly host: string;
}

/** The name Kafka gives the one cluster resource. */
export const clusterResourceName = 'kafka-cluster';

/**
 * Kafka's ACL authorizer (AclAuthorizer, allow.everyone.if.no.acl.found=false): super users may do
 * anything; otherwise a matching DENY wins, a matching ALLOW (or one that implies the operation)
 * permits, and no matching ACL at all refuses. Disabled (everything allowed) without SASL users.
 */
export class Authorizer {
  constructor(
    private readonly acls: AclStore,
    private readonly enabled: boolean,
    private readonly superUsers: ReadonlySet<string>,
  ) {}

  /** True when `who` may perform `operation` on the resource. */
  authorize(who: Principal, operation: number, resourceType: number, resourceName: string): boolean {
    if (!this.enabled || this.superUsers.has(who.principal)) return true;
    let denied = false;
    let allowed = false;
    for (const b of this.acls.all()) {
      if (b.resourceType !== resourceType || !patternCovers(b, resourceName)) continue;
      if (b.principal !== who.principal && b.principal !== 'User:*') continue;
      if (b.host !== who.host && b.host !== '*') continue;
      if (b.permissionType === Permission.DENY) {
        if (b.operation === operation || b.operation === AclOperation.ALL) denied = true;
      } else if (b.permissionType === Permission.ALLOW && impliesOperation(b.operation, operation)) {
        allowed = true;
      }
    }
    return allowed && !denied;
  }

  /** True when `who` may perform `operation` on the cluster resource. */
  authorizeCluster(who: Principal, operation: number): boolean {
    return this.authorize(who, operation, ResourceType.CLUSTER, clusterResourceName);
  }

  /** True when `who` has `operation` on at least one topic (InitProducerId's idempotent fallback). */
  anyTopicAllows(who: Principal, operation: number): boolean {
    if (!this.enabled || this.superUsers.has(who.principal)) return true;
    return this.acls
      .all()
      .some(
        (b) =>
          b.resourceType === ResourceType.TOPIC &&
          b.permissionType === Permission.ALLOW &&
          (b.principal === who.principal || b.principal === 'User:*') &&
          impliesOperation(b.operation, operation),
      );
  }
}

/** Whether an ALLOW of `granted` permits `wanted` (ALL; DESCRIBE by READ/WRITE/DELETE/ALTER; DESCRIBE_CONFIGS by ALTER_CONFIGS). */
function impliesOperation(granted: number, wanted: number): boolean {
  if (granted === wanted || granted === AclOperation.ALL) return true;
  if (wanted === AclOperation.DESCRIBE) {
    return (
      granted === AclOperation.READ ||
      granted === AclOperation.WRITE ||
      granted === AclOperation.DELETE ||
      granted === AclOperation.ALTER
    );
  }
  return wanted === AclOperation.DESCRIBE_CONFIGS && granted === AclOperation.ALTER_CONFIGS;
}
