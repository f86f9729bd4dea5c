import { afterEach, describe, expect, it } from 'vitest';
import { GroupCoordinator } from './groupCoordinator.ts';
import type { JoinRequest, JoinResult } from './groupRequests.ts';

const coordinators: GroupCoordinator[] = [];
afterEach(() => {
  for (const c of coordinators.splice(0)) c.close();
});
function coordinator(minSessionTimeoutMs = 6000): GroupCoordinator {
  const c = new GroupCoordinator({ minSessionTimeoutMs, maxSessionTimeoutMs: 1_800_000, initialRebalanceDelayMs: 0 });
  coordinators.push(c);
  return c;
}

const meta = Buffer.from('subscription');
function request(partial: Partial<JoinRequest>): JoinRequest {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    clientId: 'c',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 10_000,
    protocolType: 'consumer',
    protocols: [{ name: 'roundrobin', metadata: meta }],
    requireKnownMemberId: true,
    ...partial,
  };
}

async function joinFully(c: GroupCoordinator, partial: Partial<JoinRequest> = {}): Promise<JoinResult> {
  const first = await c.join(request(partial));
  expect(first.errorCode).toBe(79);
  return c.join(request({ ...partial, memberId: first.memberId }));
}

describe('the group coordinator', () => {
  it('asks v4+ joiners for a member id, then elects the first member leader', async () => {
    const c = coordinator();
    const joined = await joinFully(c);
    expect(joined).toMatchObject({ errorCode: 0, generationId: 1, protocolName: 'roundrobin', leader: joined.memberId });
    expect(joined.members.map((m) => m.memberId)).toEqual([joined.memberId]);
    const sync = await c.sync('g', 1, joined.memberId, [{ memberId: joined.memberId, assignment: Buffer.from('all') }]);
    expect(sync.assignment.toString()).toBe('all');
    expect(c.groups.get('g')?.state).toBe('Stable');
    expect(c.heartbeat('g', 1, joined.memberId)).toBe(0);
    expect(c.heartbeat('g', 0, joined.memberId)).toBe(22);
    expect(c.heartbeat('g', 1, 'stranger')).toBe(25);
  });

  it('rebalances when a member joins: the old member learns it from its heartbeat and rejoins', async () => {
    const c = coordinator();
    const a = await joinFully(c);
    await c.sync('g', 1, a.memberId, [{ memberId: a.memberId, assignment: Buffer.from('a') }]);
    const bPending = joinFully(c);
    await new Promise((r) => setImmediate(r));
    expect(c.heartbeat('g', 1, a.memberId)).toBe(27);
    const aAgain = await c.join(request({ memberId: a.memberId }));
    const b = await bPending;
    expect(aAgain.generationId).toBe(2);
    expect(b.generationId).toBe(2);
    expect(aAgain.leader).toBe(a.memberId);
    expect(aAgain.members).toHaveLength(2);
    expect(b.members).toHaveLength(0);
    const bSync = c.sync('g', 2, b.memberId, []);
    const aSync = await c.sync('g', 2, a.memberId, [
      { memberId: a.memberId, assignment: Buffer.from('x') },
      { memberId: b.memberId, assignment: Buffer.from('y') },
    ]);
    expect(aSync.assignment.toString()).toBe('x');
    expect((await bSync).assignment.toString()).toBe('y');
  });

  it('refuses incompatible protocols and bad session time-outs', async () => {
    const c = coordinator();
    await joinFully(c);
    expect((await c.join(request({ protocols: [{ name: 'range', metadata: meta }] }))).errorCode).toBe(23);
    expect((await c.join(request({ sessionTimeoutMs: 10 }))).errorCode).toBe(26);
  });

  it('removes a member whose session expires and leaves the group Empty', async () => {
    const c = coordinator(50);
    const a = await joinFully(c, { sessionTimeoutMs: 50 });
    await c.sync('g', 1, a.memberId, []);
    c.expireMembers(Date.now() + 1_000);
    expect(c.groups.get('g')?.state).toBe('Empty');
    expect(c.heartbeat('g', 1, a.memberId)).toBe(25);
  });

  it('lets the last member leave, and allows simple commits only on empty groups', async () => {
    const c = coordinator();
    const a = await joinFully(c);
    await c.sync('g', 1, a.memberId, []);
    expect(c.commitCheck('g', -1, '')).toBe(25);
    expect(c.commitCheck('g', 1, a.memberId)).toBe(0);
    expect(c.leave('g', [{ memberId: a.memberId, groupInstanceId: null }, { memberId: 'ghost', groupInstanceId: null }])).toEqual([0, 25]);
    expect(c.groups.get('g')?.state).toBe('Empty');
    expect(c.commitCheck('g', -1, '')).toBe(0);
    expect(c.forget('g')).toBe(true);
  });
  it('replaces a static member that rejoins with its instance id at once, and fences the old member id', async () => {
    const c = coordinator();
    // Static members get their member id without the MEMBER_ID_REQUIRED round trip.
    const a = await c.join(request({ groupInstanceId: 'worker-a' }));
    expect(a).toMatchObject({ errorCode: 0, generationId: 1, leader: a.memberId });
    const b = joinFully(c);
    await new Promise((r) => setImmediate(r));
    const aAgain = await c.join(request({ memberId: a.memberId, groupInstanceId: 'worker-a' }));
    const bJoined = await b;
    const bSync = c.sync('g', 2, bJoined.memberId, []);
    await c.sync('g', 2, a.memberId, [
      { memberId: a.memberId, assignment: Buffer.from('for-a') },
      { memberId: bJoined.memberId, assignment: Buffer.from('for-b') },
    ], 'worker-a');
    expect([aAgain.generationId, (await bSync).assignment.toString()]).toEqual([2, 'for-b']);

    // worker-a restarts: a new member id takes the old one's place in the Stable group, no rebalance.
    const replaced = await c.join(request({ groupInstanceId: 'worker-a' }));
    expect(replaced).toMatchObject({ errorCode: 0, generationId: 2, leader: a.memberId, members: [] });
    expect(replaced.memberId).not.toBe(a.memberId);
    expect(c.groups.get('g')?.state).toBe('Stable');
    expect((await c.sync('g', 2, replaced.memberId, [], 'worker-a')).assignment.toString()).toBe('for-a');
    expect(c.heartbeat('g', 2, replaced.memberId, 'worker-a')).toBe(0);
    expect(c.heartbeat('g', 2, bJoined.memberId)).toBe(0);
    // The old incarnation is fenced wherever it shows up.
    expect(c.heartbeat('g', 2, a.memberId, 'worker-a')).toBe(82);
    expect((await c.sync('g', 2, a.memberId, [], 'worker-a')).errorCode).toBe(82);
    expect(c.commitCheck('g', 2, a.memberId, 'worker-a')).toBe(82);
    expect((await c.join(request({ memberId: a.memberId, groupInstanceId: 'worker-a' }))).errorCode).toBe(82);
    expect(c.leave('g', [{ memberId: a.memberId, groupInstanceId: 'worker-a' }])).toEqual([82]);
    expect([...(c.groups.get('g')?.members.keys() ?? [])].sort()).toEqual([bJoined.memberId, replaced.memberId].sort());

    // Leaving by instance id alone removes the member and frees the id.
    expect(c.leave('g', [{ memberId: '', groupInstanceId: 'worker-a' }])).toEqual([0]);
    expect([...(c.groups.get('g')?.members.keys() ?? [])]).toEqual([bJoined.memberId]);
    expect(c.groups.get('g')?.staticMembers.size).toBe(0);
  });
});
