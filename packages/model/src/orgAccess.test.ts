import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from './catalog.ts';
import type { Binding } from './desired.ts';
import { canChangeOrg, canReadOrg, orgAccessRefusal, testMessageRefusal } from './orgAccess.ts';

const admin: Actor = { role: 'admin', orgId: 'acme' };
const member: Actor = { role: 'member', orgId: 'acme' };
const viewer: Actor = { role: 'viewer', orgId: 'acme' };

describe('who may read or change an org’s flows', () => {
  it('lets a cluster admin read and change every org, a member their own, a viewer only read their own', () => {
    expect([admin, member, viewer].map((a) => [canReadOrg(a, 'acme'), canChangeOrg(a, 'acme'), canReadOrg(a, 'globex'), canChangeOrg(a, 'globex')])).toEqual([
      [true, true, true, true],
      [true, true, false, false],
      [true, false, false, false],
    ]);
  });

  it("answers another org as if it did not exist, and a viewer's change as forbidden", () => {
    expect(orgAccessRefusal(member, 'globex', 'read')).toEqual({ code: 'NOT_FOUND', message: 'There is no org "globex" among yours.' });
    expect(orgAccessRefusal(viewer, 'acme', 'write')).toEqual({ code: 'FORBIDDEN', message: 'Viewers can look but not change anything.' });
    expect(orgAccessRefusal(viewer, 'acme', 'read')).toBeUndefined();
    expect(orgAccessRefusal(admin, 'globex', 'write')).toBeUndefined();
  });
});

describe('which topics a member may send a test message to', () => {
  const topic = { connection: 'local', topic: 'orders' };
  const grant = (algorithm: string, t = topic): Grant => ({ ...t, algorithm, access: 'subscribe' });
  const publication = (algorithm: string, t: string): Binding => ({ flowId: 'g', algorithm, connection: 'local', topic: t, direction: 'publish', version: '1.0.0', principal: `User:${algorithm}` });

  it("allows the org's own topic, and any topic to a cluster admin", () => {
    expect(testMessageRefusal(member, topic, [grant('acme/classify')], [])).toBeUndefined();
    expect(testMessageRefusal(admin, topic, [], [])).toBeUndefined();
  });

  it('refuses a topic no algorithm of the org is granted', () => {
    expect(testMessageRefusal(member, topic, [grant('acme/classify', { connection: 'local', topic: 'other' })], [])).toBe(
      'No algorithm of "acme" is granted "orders"; test messages go only to the org\'s own topics.',
    );
  });

  it("refuses a topic another org's algorithm is granted or uses", () => {
    const shared = '"orders" is also granted to or used by another org\'s algorithms, so a test message could reach their pipeline; only a cluster admin may send one there.';
    expect(testMessageRefusal(member, topic, [grant('acme/classify'), grant('globex/score')], [])).toBe(shared);
    expect(testMessageRefusal(member, topic, [grant('acme/classify')], [publication('globex/score', 'orders')])).toBe(shared);
    expect(testMessageRefusal(member, topic, [grant('acme/classify')], [publication('globex/score', 'elsewhere')])).toBeUndefined();
  });
});
