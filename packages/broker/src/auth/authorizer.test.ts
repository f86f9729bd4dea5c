import { describe, expect, it } from 'vitest';
import { AclOperation, AclStore, PatternType, Permission, ResourceType, filterMatches, type AclBinding } from './aclStore.ts';
import { Authorizer } from './authorizer.ts';

const alice = { principal: 'User:alice', host: '10.0.0.1' };
const bob = { principal: 'User:bob', host: '10.0.0.2' };

function binding(partial: Partial<AclBinding>): AclBinding {
  return {
    resourceType: ResourceType.TOPIC,
    resourceName: 'orders',
    patternType: PatternType.LITERAL,
    principal: 'User:alice',
    host: '*',
    operation: AclOperation.READ,
    permissionType: Permission.ALLOW,
    ...partial,
  };
}

function authorizerWith(bindings: AclBinding[], superUsers: string[] = []): Authorizer {
  const store = new AclStore();
  for (const b of bindings) store.add(b);
  return new Authorizer(store, true, new Set(superUsers));
}

describe('the ACL authorizer', () => {
  it('refuses everything when no ACL matches, and allows everything when disabled', () => {
    expect(authorizerWith([]).authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'orders')).toBe(false);
    expect(new Authorizer(new AclStore(), false, new Set()).authorize(alice, AclOperation.WRITE, ResourceType.TOPIC, 'x')).toBe(true);
  });

  it('matches literal, wildcard and prefixed patterns', () => {
    const auth = authorizerWith([
      binding({}),
      binding({ resourceName: 'pay', patternType: PatternType.PREFIXED, operation: AclOperation.WRITE }),
      binding({ resourceName: '*', principal: 'User:bob' }),
    ]);
    expect(auth.authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'orders')).toBe(true);
    expect(auth.authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'orders-2')).toBe(false);
    expect(auth.authorize(alice, AclOperation.WRITE, ResourceType.TOPIC, 'payments')).toBe(true);
    expect(auth.authorize(alice, AclOperation.WRITE, ResourceType.TOPIC, 'repay')).toBe(false);
    expect(auth.authorize(bob, AclOperation.READ, ResourceType.TOPIC, 'anything')).toBe(true);
    expect(auth.authorize(bob, AclOperation.READ, ResourceType.GROUP, 'anything')).toBe(false);
  });

  it('lets DENY win over ALLOW, including DENY of ALL', () => {
    const auth = authorizerWith([
      binding({ resourceName: '*' }),
      binding({ permissionType: Permission.DENY }),
      binding({ resourceName: 'ledger', operation: AclOperation.ALL, permissionType: Permission.DENY, principal: 'User:*' }),
    ]);
    expect(auth.authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'orders')).toBe(false);
    expect(auth.authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'ledger')).toBe(false);
    expect(auth.authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'other')).toBe(true);
  });

  it('implies DESCRIBE from READ or WRITE and DESCRIBE_CONFIGS from ALTER_CONFIGS, but not the reverse', () => {
    const auth = authorizerWith([
      binding({ operation: AclOperation.WRITE }),
      binding({ resourceName: 'cfg', operation: AclOperation.ALTER_CONFIGS }),
      binding({ resourceName: 'd', operation: AclOperation.DESCRIBE }),
    ]);
    expect(auth.authorize(alice, AclOperation.DESCRIBE, ResourceType.TOPIC, 'orders')).toBe(true);
    expect(auth.authorize(alice, AclOperation.DESCRIBE_CONFIGS, ResourceType.TOPIC, 'cfg')).toBe(true);
    expect(auth.authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'd')).toBe(false);
  });

  it('honours hosts and super users', () => {
    const auth = authorizerWith([binding({ host: '10.0.0.9' })], ['User:root']);
    expect(auth.authorize(alice, AclOperation.READ, ResourceType.TOPIC, 'orders')).toBe(false);
    expect(auth.authorize({ principal: 'User:root', host: 'h' }, AclOperation.ALTER, ResourceType.CLUSTER, 'kafka-cluster')).toBe(true);
  });

  it('filters with ANY, MATCH and exact patterns', () => {
    const prefixed = binding({ resourceName: 'pay', patternType: PatternType.PREFIXED });
    const any = { resourceType: ResourceType.ANY, resourceName: null, patternType: PatternType.ANY, principal: null, host: null, operation: AclOperation.ANY, permissionType: Permission.ANY };
    expect(filterMatches(any, prefixed)).toBe(true);
    expect(filterMatches({ ...any, resourceName: 'payments', patternType: PatternType.MATCH }, prefixed)).toBe(true);
    expect(filterMatches({ ...any, resourceName: 'payments', patternType: PatternType.LITERAL }, prefixed)).toBe(false);
    expect(filterMatches({ ...any, principal: 'User:bob' }, prefixed)).toBe(false);
  });
});
