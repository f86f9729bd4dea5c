import { describe, expect, it } from 'vitest';
import { describeAction, describeDrift, summaryOf } from './describe.ts';
import type { PlanAction } from './planSchema.ts';

const names = new Map([['local', 'Embedded Kafka']]);
const nameOf = (connection: string) => names.get(connection) ?? connection;

describe('describeAction', () => {
  it('names the connection by its display name and counts partitions in words', () => {
    const action: PlanAction = { kind: 'create-topic', topic: { connection: 'local', topic: 'orders', partitions: 1, replicationFactor: 1, config: {} }, changes: [] };
    expect(describeAction(action, nameOf)).toBe('Create topic "orders" on "Embedded Kafka" with 1 partition');
    expect(describeAction(action)).toBe('Create topic "orders" on "local" with 1 partition');
  });
  it('says a drift in partitions in words', () => {
    expect(describeDrift({ kind: 'topic-partitions', connection: 'local', topic: 'orders', actual: 1, desired: 3 }, nameOf)).toBe(
      'Topic "orders" on "Embedded Kafka" has 1 partition; the flow asks for 3',
    );
  });
});

describe('summaryOf at scale', () => {
  it('groups thousands in every count, as the rest of the studio does', () => {
    expect(summaryOf(new Map([['grant', 1_542], ['create-acl', 2_243]]), 1_542, 1_001)).toBe('1,542 grants, 2,243 ACLs to add, 1,542 waiting for a cluster admin, 1,001 drift findings.');
  });
});
