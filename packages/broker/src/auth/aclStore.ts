import path from 'node:path';
import { damaged, type DataDir } from '../log/dataDir.ts';

/** Kafka's ResourceType, PatternType, AclOperation and AclPermissionType codes. */
export const ResourceType = { ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6, USER: 7 } as const;
/** Kafka's resource pattern types. */
export const PatternType = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const;
/** Kafka's ACL operations. */
export const AclOperation = {
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;
/** Kafka's ACL permission types. */
export const Permission = { ANY: 1, DENY: 2, ALLOW: 3 } as const;

/** One ACL: who may (or may not) do what to which resources, from which host. */
export interface AclBinding {
  readonly resourceType: number;
  readonly resourceName: string;
  readonly patternType: number;
  readonly principal: string;
  readonly host: string;
  readonly operation: number;
  readonly permissionType: number;
}

/** A Describe/DeleteAcls filter; null strings match anything. */
export interface AclFilter {
  readonly resourceType: number;
  readonly resourceName: string | null;
  readonly patternType: number;
  readonly principal: string | null;
  readonly host: string | null;
  readonly operation: number;
  readonly permissionType: number;
}

const sameBinding = (a: AclBinding, b: AclBinding): boolean =>
  a.resourceType === b.resourceType &&
  a.resourceName === b.resourceName &&
  a.patternType === b.patternType &&
  a.principal === b.principal &&
  a.host === b.host &&
  a.operation === b.operation &&
  a.permissionType === b.permissionType;

/** True when the binding's resource pattern covers the concrete resource `name`. */
export function patternCovers(binding: Pick<AclBinding, 'patternType' | 'resourceName'>, name: string): boolean {
  if (binding.patternType === PatternType.LITERAL) return binding.resourceName === name || binding.resourceName === '*';
  if (binding.patternType === PatternType.PREFIXED) return name.startsWith(binding.resourceName);
  return false;
}

/** Kafka's filter semantics for Describe/DeleteAcls (ANY, MATCH, null = any). */
export function filterMatches(filter: AclFilter, b: AclBinding): boolean {
  if (filter.resourceType !== ResourceType.ANY && filter.resourceType !== b.resourceType) return false;
  if (filter.patternType === PatternType.MATCH) {
    if (filter.resourceName !== null && !patternCovers(b, filter.resourceName)) return false;
  } else {
    if (filter.patternType !== PatternType.ANY && filter.patternType !== b.patternType) return false;
    if (filter.resourceName !== null && filter.resourceName !== b.resourceName) return false;
  }
  if (filter.principal !== null && filter.principal !== b.principal) return false;
  if (filter.host !== null && filter.host !== b.host) return false;
  if (filter.operation !== AclOperation.ANY && filter.operation !== b.operation) return false;
  if (filter.permissionType !== Permission.ANY && filter.permissionType !== b.permissionType) return false;
  return true;
}

/** The broker's ACLs; with a data directory they are saved on every change and loaded at start. */
export class AclStore {
  private bindings: AclBinding[] = [];

  constructor(private readonly dataDir?: DataDir) {
    const ifDamaged = 'Restore it from a backup. Deleting it removes every ACL: each algorithm then loses its access until its flows are deployed again.';
    const stored = dataDir?.readJson('acls.json', ifDamaged);
    if (stored === undefined) return;
    if (!Array.isArray(stored)) throw damaged(path.join(dataDir?.root ?? '', 'acls.json'), 'it does not hold a list of ACLs', ifDamaged);
    this.bindings = stored as AclBinding[];
  }

  /** Every binding, in creation order. */
  all(): readonly AclBinding[] {
    return this.bindings;
  }

  /** Adds a binding (a duplicate is ignored, as in Kafka). */
  add(binding: AclBinding): void {
    if (this.bindings.some((b) => sameBinding(b, binding))) return;
    this.bindings.push(binding);
    this.dataDir?.writeJson('acls.json', this.bindings);
  }

  /** Removes and returns every binding the filter matches. */
  remove(filter: AclFilter): AclBinding[] {
    const removed = this.bindings.filter((b) => filterMatches(filter, b));
    if (removed.length > 0) {
      this.bindings = this.bindings.filter((b) => !filterMatches(filter, b));
      this.dataDir?.writeJson('acls.json', this.bindings);
    }
    return removed;
  }
}
