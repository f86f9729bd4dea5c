/**
 * ACLs between the model's words and kafkajs's numbers: {@link toKafkaAcl} for the requests that create
 * and delete them, {@link describedAcls} for reading a cluster's ACLs back (the gateway's reads and the
 * Discover scan ask DescribeAcls in different ways, and read the answer the same way).
 */
import type { Acl } from '@event-flows/model';
import kafkajs, { type AclEntry, type DescribeAclResource } from 'kafkajs';
import { isSecurityDisabled } from './kafkaFailures.ts';

// kafkajs is CommonJS: Node's ESM loader does not see its enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const resourceTypes: Record<Acl['resourceType'], number> = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  cluster: AclResourceTypes.CLUSTER,
  'transactional-id': AclResourceTypes.TRANSACTIONAL_ID,
};

const operations: Record<Acl['operation'], number> = {
  all: AclOperationTypes.ALL,
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  create: AclOperationTypes.CREATE,
  delete: AclOperationTypes.DELETE,
  alter: AclOperationTypes.ALTER,
  describe: AclOperationTypes.DESCRIBE,
  'cluster-action': AclOperationTypes.CLUSTER_ACTION,
  'describe-configs': AclOperationTypes.DESCRIBE_CONFIGS,
  'alter-configs': AclOperationTypes.ALTER_CONFIGS,
  'idempotent-write': AclOperationTypes.IDEMPOTENT_WRITE,
};

const patterns: Record<Acl['patternType'], number> = {
  literal: ResourcePatternTypes.LITERAL,
  prefixed: ResourcePatternTypes.PREFIXED,
};

function invert<K extends string, V extends number>(map: Record<K, V>): Map<number, K> {
  return new Map(Object.entries(map).map(([k, v]) => [v as number, k as K]));
}

const resourceNames = invert(resourceTypes);
const operationNames = invert(operations);
const patternNames = invert(patterns);

/** The kafkajs form of a model ACL. */
export function toKafkaAcl(acl: Acl): AclEntry {
  return {
    resourceType: resourceTypes[acl.resourceType],
    resourceName: acl.resourceName,
    resourcePatternType: patterns[acl.patternType],
    principal: acl.principal,
    host: acl.host,
    operation: operations[acl.operation],
    permissionType: acl.permission === 'allow' ? AclPermissionTypes.ALLOW : AclPermissionTypes.DENY,
  };
}

/** The model form of an ACL read from Kafka; `undefined` for kinds the model does not manage. */
export function fromKafkaAcl(connection: string, entry: AclEntry): Acl | undefined {
  const resourceType = resourceNames.get(entry.resourceType);
  const operation = operationNames.get(entry.operation);
  const patternType = patternNames.get(entry.resourcePatternType);
  const permission = entry.permissionType === AclPermissionTypes.ALLOW ? 'allow' : entry.permissionType === AclPermissionTypes.DENY ? 'deny' : undefined;
  if (!resourceType || !operation || !patternType || !permission) return undefined;
  return { connection, principal: entry.principal, resourceType, resourceName: entry.resourceName, patternType, operation, permission, host: entry.host };
}

/** The DescribeAcls filter that matches every ACL. */
export const everyAcl = {
  resourceType: AclResourceTypes.ANY,
  resourcePatternType: ResourcePatternTypes.ANY,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
} as const;

/**
 * The ACLs of the DescribeAcls answer `describe` gives, in the model's form (kinds the model does not
 * manage are left out), or `authorizer: false` when the cluster has no authorizer.
 */
export async function describedAcls(connection: string, describe: () => Promise<{ resources: readonly DescribeAclResource[] }>): Promise<{ authorizer: boolean; acls: Acl[] }> {
  try {
    const { resources } = await describe();
    const acls: Acl[] = [];
    for (const resource of resources) {
      for (const entry of resource.acls) {
        const acl = fromKafkaAcl(connection, { ...entry, resourceType: resource.resourceType, resourceName: resource.resourceName, resourcePatternType: resource.resourcePatternType });
        if (acl) acls.push(acl);
      }
    }
    return { authorizer: true, acls };
  } catch (error) {
    if (isSecurityDisabled(error)) return { authorizer: false, acls: [] };
    throw error;
  }
}
