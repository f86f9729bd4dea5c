/**
 * Whom a cluster admin may give the redrive permission: `admin.redriveGrants.people` lists an org's
 * people by name from the platform, each marked when they may redrive already (a cluster admin, or a
 * grant for that org) or, being viewers, may not be given it. Standalone reads the identity file; the Algorithmia adapter asks the platform's
 * stand-in over HTTP (server/src/testing/platformStub.ts, the one stand-in this project allows: the
 * platform itself cannot be reached from here). A platform that cannot list them says why in one sentence.
 */
import { limits } from '@event-flows/model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { algorithmiaPlatform } from '../platform/algorithmia.ts';
import { hashToken } from '../identity/identity.ts';
import { demoConfig } from '../platform/demoConfig.ts';
import { standalonePlatform } from '../platform/standalone.ts';
import { addRedriveGrant, removeRedriveGrant } from '../store/redriveGrants.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { startTestBed, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';
import { startPlatformStub, type PlatformStub } from '../testing/platformStub.ts';
import { appRouter } from './appRouter.ts';
import { createContext } from './context.ts';

const apiKey = 'people-key';

describe.each(testDatabases())("an org's people for the redrive permission on $name", (database) => {
  let db: TestDb;
  let standalone: TestBed;
  let stub: PlatformStub;
  /** The same services, on the Algorithmia adapter (its users and orgs from the same identity file). */
  let onPlatform: Pick<TestBed, 'services'>;
  const admin = async (bed: Pick<TestBed, 'services'>) => appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.admin}`));

  beforeAll(async () => {
    db = await database.open();
    stub = await startPlatformStub(apiKey);
    standalone = await startTestBed({ db });
    onPlatform = { services: { ...standalone.services, platform: algorithmiaPlatform({ apiUrl: stub.url, apiKey, identity: demoConfig() }) } };
  }, 60_000);
  beforeEach(async () => {
    stub.members = { acme: ['max', 'ada', 'val', 'oncall_7'], globex: ['gus'] };
    stub.membersPage = 2;
    stub.membersFailure = undefined;
    stub.requests.length = 0;
    await removeRedriveGrant(standalone.services.db, { orgId: 'acme', userId: 'max' });
  });
  afterAll(async () => {
    await standalone?.close();
    await stub?.close();
    await db?.close();
  });

  it('standalone: the identity file names the people of each org, by name, with who may redrive already', async () => {
    await addRedriveGrant(standalone.services.db, { orgId: 'acme', userId: 'max' }, 'ada');
    expect(await (await admin(standalone)).admin.redriveGrants.people({ orgId: 'acme' })).toEqual({
      complete: true,
      people: [
        { userId: 'ada', name: 'Ada (cluster admin)', clusterAdmin: true, viewer: false, granted: false },
        { userId: 'max', name: 'Max (Acme member)', clusterAdmin: false, viewer: false, granted: true },
        { userId: 'val', name: 'Val (Acme viewer)', clusterAdmin: false, viewer: true, granted: false },
      ],
    });
    // Max's grant is Acme's: for Globex nobody has one.
    expect(await (await admin(standalone)).admin.redriveGrants.people({ orgId: 'globex' })).toEqual({
      complete: true,
      people: [{ userId: 'gus', name: 'Gus (Globex member)', clusterAdmin: false, viewer: false, granted: false }],
    });
  });

  it(`standalone: an identity file with more than ${limits.orgPeople} people in an org says the list is cut`, async () => {
    const config = demoConfig();
    const many = Array.from({ length: limits.orgPeople + 1 }, (_, i) => ({ id: `person_${i}`, name: `Person ${i}`, role: 'member' as const, orgId: 'acme', tokenSha256: hashToken(`token-${i}`) }));
    const platform = standalonePlatform({ ...config, users: [...config.users, ...many] });
    const { people, complete } = await platform.people('acme');
    expect(complete).toBe(false);
    expect(people).toHaveLength(limits.orgPeople);
    expect(await standalonePlatform(config).people('acme')).toMatchObject({ complete: true });
  });

  it('a viewer may only read: the permission is not given to them, in one sentence', async () => {
    for (const bed of [standalone, onPlatform]) {
      await expect((await admin(bed)).admin.redriveGrants.add({ orgId: 'acme', userId: 'val' })).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: 'Val (Acme viewer) is a viewer of Acme Analytics: a viewer may only read, so the redrive permission is not given to them.',
      });
    }
    expect(await (await admin(standalone)).admin.redriveGrants.list({ orgId: 'acme' })).not.toContainEqual(expect.objectContaining({ userId: 'val' }));
    // Someone the identity file does not know (a platform member it does not name) may be given it.
    expect(await (await admin(onPlatform)).admin.redriveGrants.add({ orgId: 'acme', userId: 'oncall_7' })).toEqual({ added: true });
    await removeRedriveGrant(standalone.services.db, { orgId: 'acme', userId: 'oncall_7' });
  });

  it('an org there is not is refused in one sentence', async () => {
    await expect((await admin(standalone)).admin.redriveGrants.people({ orgId: 'initech' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no org "initech".' });
  });

  it("Algorithmia: the org's members as the platform lists them, page by page, named as the studio knows them", async () => {
    expect(await (await admin(onPlatform)).admin.redriveGrants.people({ orgId: 'acme' })).toEqual({
      complete: true,
      people: [
        { userId: 'ada', name: 'Ada (cluster admin)', clusterAdmin: true, viewer: false, granted: false },
        { userId: 'max', name: 'Max (Acme member)', clusterAdmin: false, viewer: false, granted: false },
        { userId: 'val', name: 'Val (Acme viewer)', clusterAdmin: false, viewer: true, granted: false },
        // A member the identity file does not name is offered by id.
        { userId: 'oncall_7', name: null, clusterAdmin: false, viewer: false, granted: false },
      ],
    });
    expect(stub.requests.filter((r) => r.includes('/members'))).toEqual([
      'GET /v1/organizations/acme/members?limit=100',
      'GET /v1/organizations/acme/members?limit=100&marker=2',
    ]);
  });

  it(`lists at most ${limits.orgPeople} people of an org, and says when there are more`, async () => {
    const members = (count: number) => Array.from({ length: count }, (_, i) => `person_${String(i).padStart(4, '0')}`);
    stub.members = { acme: members(limits.orgPeople + 5) };
    stub.membersPage = 300;
    const cut = await (await admin(onPlatform)).admin.redriveGrants.people({ orgId: 'acme' });
    expect(cut.complete).toBe(false);
    expect(cut.people).toHaveLength(limits.orgPeople);
    expect(cut.people.at(-1)?.userId).toBe(`person_${String(limits.orgPeople - 1).padStart(4, '0')}`);

    // Exactly as many as are listed: the list is whole, even when the platform's last page comes empty.
    stub.members = { acme: members(limits.orgPeople) };
    stub.membersPage = 100;
    const whole = await (await admin(onPlatform)).admin.redriveGrants.people({ orgId: 'acme' });
    expect(whole.complete).toBe(true);
    expect(whole.people).toHaveLength(limits.orgPeople);
  });

  it('says in one sentence why the platform could not list them', async () => {
    stub.membersFailure = { status: 503, message: 'directory restarting' };
    await expect((await admin(onPlatform)).admin.redriveGrants.people({ orgId: 'acme' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: "The platform answered 503 when listing acme's members: directory restarting.",
    });
  });
});
