/**
 * Discovery keeps its scan, against the embedded broker over TCP: paging, searching and switching kinds
 * read the scan kept for the connection and the caller's visibility (no second Metadata or DescribeAcls
 * reaches the broker); Rescan, a deploy and an adoption make the next page scan again. What was adopted
 * into a flow that is not deployed yet shows as "adopted", naming the flow, until the flow is deployed.
 */
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { deployFlow } from '../deploy/deployEngine.ts';
import { allowAcl, startTestBed, users, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';
import { DiscoverMemory } from './discoverMemory.ts';

const { AclOperationTypes, AclResourceTypes } = kafkajs;

const scanRequests = ['Metadata', 'DescribeAcls', 'ListGroups'];

describe('discovery keeps its scan', () => {
  let bed: TestBed;
  const caller = async (token: string) => appRouter.createCaller(await createContext(bed.services, `Bearer ${token}`));
  /** The scan's requests the broker received while `work` ran. */
  async function scanRequestsOf(work: () => Promise<unknown>): Promise<Record<string, number>> {
    const before = bed.broker.requestCounts();
    await work();
    const after = bed.broker.requestCounts();
    return Object.fromEntries(scanRequests.map((api) => [api, (after[api] ?? 0) - (before[api] ?? 0)]));
  }

  beforeAll(async () => {
    bed = await startTestBed();
    const names = Array.from({ length: 12 }, (_, i) => `legacy.${String(i).padStart(2, '0')}`);
    await bed.admin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: 1 })) });
    await bed.admin.createAcls({
      acl: [
        allowAcl('User:eventflows.acme.classify', AclResourceTypes.TOPIC, 'legacy.00', AclOperationTypes.READ),
        allowAcl('User:eventflows.acme.classify', AclResourceTypes.GROUP, 'eventflows.acme.classify.legacy.00', AclOperationTypes.READ),
        allowAcl('User:eventflows.acme.classify', AclResourceTypes.TOPIC, 'legacy.01', AclOperationTypes.WRITE),
      ],
    });
  }, 60_000);
  afterAll(async () => bed?.close());

  it('pages, searches and switches kinds on the kept scan, and scans again on Rescan', async () => {
    const admin = await caller(tokens.admin);
    const first = await admin.discover.topics({ connection: 'local', limit: 5, rescan: true });
    const reading = await scanRequestsOf(async () => {
      const second = await admin.discover.topics({ connection: 'local', limit: 5, cursor: first.nextCursor ?? '' });
      expect(second.items.map((t) => t.name)).toEqual(['legacy.05', 'legacy.06', 'legacy.07', 'legacy.08', 'legacy.09']);
      expect(second.scannedAt).toBe(first.scannedAt);
      expect((await admin.discover.topics({ connection: 'local', search: 'legacy.1' })).items.map((t) => t.name)).toEqual(['legacy.10', 'legacy.11']);
      expect((await admin.discover.acls({ connection: 'local' })).items.map((p) => p.name)).toContain('User:eventflows.acme.classify');
      await admin.discover.groups({ connection: 'local' });
    });
    expect(reading).toEqual({ Metadata: 0, DescribeAcls: 0, ListGroups: 0 });

    // A topic made behind the studio's back shows once a person rescans.
    await bed.admin.createTopics({ topics: [{ topic: 'legacy.late', numPartitions: 1 }] });
    expect((await admin.discover.topics({ connection: 'local', search: 'late' })).items).toEqual([]);
    let rescanned: Awaited<ReturnType<typeof admin.discover.topics>> | undefined;
    const rescanning = await scanRequestsOf(async () => (rescanned = await admin.discover.topics({ connection: 'local', search: 'late', rescan: true })));
    expect(rescanning.Metadata).toBeGreaterThanOrEqual(1);
    expect(rescanning.DescribeAcls).toBe(1);
    expect(rescanned?.items.map((t) => t.name)).toEqual(['legacy.late']);
    expect(Date.parse(rescanned?.scannedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first.scannedAt));
  });

  it("keeps one scan per caller's visibility: a member's page does not read the admin's", async () => {
    const admin = await caller(tokens.admin);
    await admin.discover.topics({ connection: 'local', rescan: true });
    const member = await caller(tokens.member);
    const memberScan = await scanRequestsOf(() => member.discover.topics({ connection: 'local' }));
    expect(memberScan.DescribeAcls).toBe(1);
    expect(await scanRequestsOf(() => member.discover.acls({ connection: 'local' }))).toEqual({ Metadata: 0, DescribeAcls: 0, ListGroups: 0 });
    expect(await scanRequestsOf(() => admin.discover.acls({ connection: 'local' }))).toEqual({ Metadata: 0, DescribeAcls: 0, ListGroups: 0 });
  });

  it('shows what was adopted into an undeployed flow as adopted, naming the flow, and a deploy makes the kept scan stale', async () => {
    const admin = await caller(tokens.admin);
    await admin.discover.acls({ connection: 'local', rescan: true });
    const adopted = await admin.discover.adopt({
      connection: 'local',
      topics: ['legacy.05'],
      principals: ['User:eventflows.acme.classify'],
      into: { kind: 'new', orgId: 'acme', name: 'Taken over' },
    });
    // The adoption made the kept scan stale: the next page scans again and sees the flow.
    let topics: Awaited<ReturnType<typeof admin.discover.topics>> | undefined;
    const afterAdopt = await scanRequestsOf(async () => (topics = await admin.discover.topics({ connection: 'local', search: 'legacy.0' })));
    expect(afterAdopt.DescribeAcls).toBe(1);
    const flow = { flowId: adopted.flowId, flowName: 'Taken over' };
    expect(topics?.items.filter((t) => t.status === 'adopted').map((t) => [t.name, t.adoptedInto])).toEqual([
      ['legacy.00', [flow]],
      ['legacy.01', [flow]],
      ['legacy.05', [flow]],
    ]);
    expect(topics?.counts.adopted).toBe(3);
    const principals = await admin.discover.acls({ connection: 'local', status: 'adopted' });
    expect(principals.items.map((p) => [p.name, p.adoptedInto])).toEqual([['User:eventflows.acme.classify', [flow]]]);
    expect((await admin.discover.topics({ connection: 'local', status: 'unmanaged', search: 'legacy.0' })).items.map((t) => t.name)).not.toContain('legacy.05');

    const deployed = await deployFlow(bed.services, { flowId: adopted.flowId, revision: adopted.revision, actor: users.admin });
    expect(deployed.status).toBe('deployed');
    let afterDeploy: Awaited<ReturnType<typeof admin.discover.topics>> | undefined;
    const deployScan = await scanRequestsOf(async () => (afterDeploy = await admin.discover.topics({ connection: 'local', search: 'legacy.05' })));
    expect(deployScan.DescribeAcls).toBe(1);
    expect(afterDeploy?.items.map((t) => [t.name, t.status, t.managedBy])).toEqual([['legacy.05', 'managed', [flow]]]);
  });
});

describe('the kept scans are bounded', () => {
  const discovery = (topics: number) => ({
    topics: Array.from({ length: topics }, (_, i) => ({ name: `t${i}`, status: 'unmanaged' as const, partitions: 1, replicationFactor: 1, configs: {}, managedBy: [], drift: [] })),
    principals: [],
    groups: [],
    authorizer: true,
  });

  it('lets the oldest scan go beyond the most scans or items, and keeps none larger than the bound', async () => {
    let now = 0;
    const memory = new DiscoverMemory({ keepMs: 60_000, scans: 2, items: 10 }, () => now);
    let scans = 0;
    const scan = (n: number) => async () => {
      scans++;
      return discovery(n);
    };
    await memory.read('a', 'admin', 's', false, scan(3));
    await memory.read('b', 'admin', 's', false, scan(3));
    await memory.read('c', 'admin', 's', false, scan(3));
    expect(memory.size()).toEqual({ scans: 2, items: 6 });
    await memory.read('d', 'admin', 's', false, scan(8));
    expect(memory.size()).toEqual({ scans: 1, items: 8 });
    await memory.read('e', 'admin', 's', false, scan(11));
    expect(memory.size()).toEqual({ scans: 1, items: 8 });
    expect(scans).toBe(5);
    // Kept while recent and of the same stamp; scanned again once older, or of another stamp.
    await memory.read('d', 'admin', 's', false, scan(6));
    expect(scans).toBe(5);
    await memory.read('d', 'admin', 'changed', false, scan(6));
    expect(scans).toBe(6);
    now = 60_000;
    await memory.read('d', 'admin', 'changed', false, scan(6));
    expect(scans).toBe(7);
  });
});
