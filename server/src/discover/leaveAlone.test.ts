/**
 * "Leave alone", against the embedded broker over TCP on PGlite (and PostgreSQL when DATABASE_URL is
 * set): a cluster admin marks unmanaged topics, principals and groups made by a plain kafkajs client so
 * discovery stops proposing them. The mark is kept per connection in the database, shows as its own
 * status (with who set it), is left out of adoption with the reason, can be taken back, and is audited.
 */
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { listAudit } from '../store/audit.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { startTestBed, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

async function callerFor(bed: TestBed, token: string) {
  return appRouter.createCaller(await createContext(bed.services, `Bearer ${token}`));
}

describe.each(testDatabases())('leave alone on $name', (database) => {
  let db: TestDb;
  let bed: TestBed;
  beforeAll(async () => {
    db = await database.open();
    bed = await startTestBed({ db });
    await bed.admin.createTopics({ topics: ['legacy.audit', 'legacy.orders'].map((topic) => ({ topic, numPartitions: 1 })) });
    await bed.admin.createAcls({
      acl: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: 'legacy.audit',
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: 'User:auditor',
          host: '*',
          operation: AclOperationTypes.READ,
          permissionType: AclPermissionTypes.ALLOW,
        },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await db?.close();
  });

  it('stops proposing what a cluster admin leaves alone, until the mark is taken back, and audits both', async () => {
    const admin = await callerFor(bed, tokens.admin);
    expect(await admin.discover.leaveAlone({ connection: 'local', kind: 'topic', names: ['legacy.audit'], leftAlone: true })).toEqual({ changed: 1 });
    expect(await admin.discover.leaveAlone({ connection: 'local', kind: 'principal', names: ['User:auditor'], leftAlone: true })).toEqual({ changed: 1 });
    // Marking again changes nothing.
    expect(await admin.discover.leaveAlone({ connection: 'local', kind: 'topic', names: ['legacy.audit'], leftAlone: true })).toEqual({ changed: 0 });

    const topics = await admin.discover.topics({ connection: 'local', search: 'legacy' });
    expect(topics.items.map((t) => [t.name, t.status, t.leftAlone?.by])).toEqual([
      ['legacy.audit', 'left-alone', 'ada'],
      ['legacy.orders', 'unmanaged', undefined],
    ]);
    expect(topics.counts).toEqual({ managed: 0, unmanaged: 1, drifted: 0, adopted: 0, 'left-alone': 1 });
    expect((await admin.discover.topics({ connection: 'local', status: 'unmanaged' })).items.map((t) => t.name)).toEqual(['legacy.orders']);
    expect((await admin.discover.topics({ connection: 'local', status: 'left-alone' })).items.map((t) => t.name)).toEqual(['legacy.audit']);
    expect((await admin.discover.acls({ connection: 'local', search: 'auditor' })).items.map((p) => p.status)).toEqual(['left-alone']);

    // Adoption leaves what is left alone out, and says so.
    const adopted = await admin.discover.adopt({ connection: 'local', topics: ['legacy.audit', 'legacy.orders'], principals: ['User:auditor'], into: { kind: 'new', orgId: 'acme', name: 'Legacy' } });
    expect(adopted.leftOut.map((l) => `${l.name}: ${l.reason}`)).toEqual([
      'User:auditor: is marked "leave alone"; take the mark back to adopt it',
      'legacy.audit: is marked "leave alone"; take the mark back to adopt it',
    ]);
    expect(adopted.addedNodes).toBe(1);

    expect(await admin.discover.leaveAlone({ connection: 'local', kind: 'topic', names: ['legacy.audit'], leftAlone: false })).toEqual({ changed: 1 });
    expect((await admin.discover.topics({ connection: 'local', search: 'legacy.audit' })).items.map((t) => [t.status, t.leftAlone])).toEqual([['unmanaged', undefined]]);

    const entries = await listAudit(db, { action: 'discover.leave-alone' });
    expect(entries.map((e) => [e.actor, e.target, e.detail])).toEqual([
      ['ada', 'local', { kind: 'topic', names: ['legacy.audit'], leftAlone: false, changed: 1 }],
      ['ada', 'local', { kind: 'topic', names: ['legacy.audit'], leftAlone: true, changed: 0 }],
      ['ada', 'local', { kind: 'principal', names: ['User:auditor'], leftAlone: true, changed: 1 }],
      ['ada', 'local', { kind: 'topic', names: ['legacy.audit'], leftAlone: true, changed: 1 }],
    ]);
  }, 60_000);

  it('refuses a member and an unknown connection', async () => {
    const member = await callerFor(bed, tokens.member);
    const admin = await callerFor(bed, tokens.admin);
    await expect(member.discover.leaveAlone({ connection: 'local', kind: 'topic', names: ['legacy.orders'], leftAlone: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.discover.leaveAlone({ connection: 'nowhere', kind: 'topic', names: ['legacy.orders'], leftAlone: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
