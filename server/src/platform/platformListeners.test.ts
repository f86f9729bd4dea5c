/**
 * The platform's event listeners, against the platform's stand-in over HTTP (server/src/testing/platformStub.ts,
 * the one stand-in this project allows: the platform itself cannot be reached from here) and the
 * embedded broker over TCP: a member lists the org members' listeners, adopts one into a flow, an admin
 * deploys it, and the deploy hands over: once the studio's binding runs, the listener is deleted on the
 * platform (or, when the platform cannot be asked, the plan and the deploy say plainly that both run).
 * Disabling an adopted subscription deletes its listener too. Every platform error reads as one sentence.
 */
import { createServer, type AddressInfo } from 'node:net';
import { limits } from '@event-flows/model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPlatformStub, type PlatformStub } from '../testing/platformStub.ts';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { deployFlow, previewDeploy } from '../deploy/deployEngine.ts';
import { listBindings } from '../store/deployState.ts';
import { getFlow } from '../store/flows.ts';
import { listListenerOrigins } from '../store/listenerOrigins.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { startTestBed, users, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';
import { algorithmiaPlatform } from './algorithmia.ts';
import { demoConfig } from './demoConfig.ts';
import { standalonePlatform } from './standalone.ts';

const apiKey = 'stand-in-key';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.each(testDatabases())("the platform's event listeners on $name", (database) => {
  let db: TestDb;
  let bed: TestBed;
  let stub: PlatformStub;
  const caller = async (token: string) => appRouter.createCaller(await createContext(bed.services, `Bearer ${token}`));

  beforeAll(async () => {
    db = await database.open();
    stub = await startPlatformStub(apiKey);
    stub.versions = { 'acme/classify': ['1.0.0', '1.1.0', '1.2.0'], 'acme/echo': ['1.0.0'], 'acme/enrich': ['1.0.0'], 'acme/alert': ['2.0.0'] };
    bed = await startTestBed({ db, runtime: true, platformAdapter: algorithmiaPlatform({ apiUrl: stub.url, apiKey, identity: demoConfig() }) });
    // The flow people already run: classify reads orders, made by hand on the cluster.
    await bed.admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] });
  }, 60_000);
  beforeEach(() => {
    stub.listenerFailure = undefined;
    stub.membersFailure = undefined;
    stub.listeners.set('max', [
      {
        id: 'l-orders',
        sourceType: 'Kafka',
        algoOwner: 'acme',
        algoName: 'classify',
        algoVersion: '1.1.0',
        algoTimeoutSeconds: 60,
        credentials: { topic: 'orders', bootstrapServers: bed.broker.address },
      },
      { id: 'l-elsewhere', sourceType: 'Kafka', algoOwner: 'acme', algoName: 'echo', algoVersion: '1.0.0', credentials: { topic: 'legacy.events', bootstrapServers: 'kafka.elsewhere:9092' } },
    ]);
    stub.listeners.set('gus', [{ id: 'l-globex', sourceType: 'Kafka', algoOwner: 'globex', algoName: 'score', algoVersion: '1.0.0', credentials: { topic: 'leads', bootstrapServers: bed.broker.address } }]);
    stub.requests.length = 0;
  });
  afterAll(async () => {
    await bed?.close();
    await stub?.close();
    await db?.close();
  });

  it("lists the org members' listeners with their connection, or why they cannot be adopted", async () => {
    const answer = await (await caller(tokens.viewer)).platform.listeners({ orgId: 'acme' });
    expect(answer).toEqual({
      configured: true,
      membersComplete: true,
      unreadable: [],
      listeners: [
        {
          id: 'l-orders',
          userId: 'max',
          userName: 'Max (Acme member)',
          sourceType: 'Kafka',
          algorithm: 'acme/classify',
          version: '1.1.0',
          topic: 'orders',
          bootstrap: [bed.broker.address],
          timeoutSeconds: 60,
          connection: { id: 'local', name: 'Local Kafka' },
          problem: null,
          adoptedInto: null,
        },
        {
          id: 'l-elsewhere',
          userId: 'max',
          userName: 'Max (Acme member)',
          sourceType: 'Kafka',
          algorithm: 'acme/echo',
          version: '1.0.0',
          topic: 'legacy.events',
          bootstrap: ['kafka.elsewhere:9092'],
          timeoutSeconds: null,
          connection: null,
          problem: 'no studio connection has its bootstrap servers kafka.elsewhere:9092; a cluster admin can add one',
          adoptedInto: null,
        },
      ],
    });
    // Acme's members only: Globex's member is not asked.
    expect(stub.requests.filter((r) => r.includes('event-listeners')).sort()).toEqual([
      'GET /v1/users/ada/event-listeners',
      'GET /v1/users/max/event-listeners',
      'GET /v1/users/val/event-listeners',
    ]);
  });

  it("adopts a listener into a flow, and the deploy hands it over once the studio's binding runs, or says plainly that both run", async () => {
    const member = await caller(tokens.member);
    const adopted = await member.platform.adoptListeners({
      orgId: 'acme',
      listeners: [{ userId: 'max', id: 'l-orders' }, { userId: 'max', id: 'l-elsewhere' }, { userId: 'gus', id: 'l-globex' }],
      into: { kind: 'new', name: 'Running on the platform' },
    });
    expect(adopted).toMatchObject({ revision: 1, addedNodes: 2, addedEdges: 1, adopted: 1 });
    expect(adopted.leftOut).toEqual([
      { kind: 'listener', name: 'listener l-globex of gus', reason: 'gus is not a member of this org' },
      { kind: 'listener', name: 'legacy.events → acme/echo (listener l-elsewhere)', reason: 'no studio connection has its bootstrap servers kafka.elsewhere:9092; a cluster admin can add one' },
    ]);
    const flow = await getFlow(db, adopted.flowId);
    expect(flow?.graph.nodes.map((n) => (n.kind === 'topic' ? { topic: n.topic, connection: n.connection, adopted: n.adopted } : { algorithm: n.algorithm, version: n.version, timeoutMs: n.timeoutMs }))).toEqual([
      { topic: 'orders', connection: 'local', adopted: true },
      { algorithm: 'acme/classify', version: '1.1.0', timeoutMs: 60_000 },
    ]);
    expect(await listListenerOrigins(db, { flowId: adopted.flowId })).toEqual([
      { flowId: adopted.flowId, algorithm: 'acme/classify', connection: 'local', topic: 'orders', listener: { userId: 'max', id: 'l-orders' } },
    ]);
    // Adopting it again, into another flow, is refused with the reason.
    const again = await member.platform.adoptListeners({ orgId: 'acme', listeners: [{ userId: 'max', id: 'l-orders' }], into: { kind: 'new', name: 'Twice' } });
    expect(again.leftOut).toEqual([{ kind: 'listener', name: 'orders → acme/classify (listener l-orders)', reason: `it is adopted into flow "${adopted.flowId}" already` }]);
    expect((await member.platform.listeners({ orgId: 'acme' })).listeners[0]?.adoptedInto).toEqual({ flowId: adopted.flowId, flowName: 'Running on the platform' });

    // Without the platform's API the plan says plainly that both will run.
    const unconnected = await previewDeploy({ ...bed.services, platform: standalonePlatform(demoConfig()) }, adopted.flowId, users.admin);
    expect(unconnected.plan.actions.find((a) => a.kind === 'hand-over-platform-listener')).toMatchObject({
      unavailable: "the studio is not connected to the platform's API (ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY)",
    });
    expect(unconnected.plan.notes.join(' ')).toContain(
      "Both will run: the platform's event listener l-orders (acme/classify on \"orders\") keeps running on the platform alongside the studio's subscription, so each message invokes the algorithm twice.",
    );

    // The platform refuses the deletion: the binding runs, the deploy fails saying so, and the listener stays recorded.
    const connected = await previewDeploy(bed.services, adopted.flowId, users.admin);
    const handOver = connected.plan.actions.find((a) => a.kind === 'hand-over-platform-listener');
    expect(handOver).toEqual({
      kind: 'hand-over-platform-listener',
      origin: { flowId: adopted.flowId, algorithm: 'acme/classify', connection: 'local', topic: 'orders', listener: { userId: 'max', id: 'l-orders' } },
      changes: [
        { field: 'platform listener', before: 'max/l-orders', after: '(none)' },
        { field: 'runs acme/classify on "orders"', before: 'the platform and the studio', after: 'the studio' },
      ],
    });
    stub.listenerFailure = { status: 503, message: 'listener service restarting', methods: ['DELETE'] };
    const failed = await deployFlow(bed.services, { flowId: adopted.flowId, revision: 1, actor: users.admin });
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining("The platform answered 503 when removing max's event listener l-orders: listener service restarting.") });
    expect(await listBindings(db, { flowId: adopted.flowId })).toMatchObject([{ algorithm: 'acme/classify', topic: 'orders', version: '1.1.0', timeoutMs: 60_000 }]);
    expect(stub.listeners.get('max')?.map((l) => l.id)).toEqual(['l-orders', 'l-elsewhere']);
    expect(await listListenerOrigins(db, { flowId: adopted.flowId })).toHaveLength(1);

    // The platform does not answer at all: the plan says both run, and the deploy records the hand-over as skipped, saying why.
    stub.listenerFailure = { status: 500, message: 'listener store down' };
    const down = await previewDeploy(bed.services, adopted.flowId, users.admin);
    expect(down.plan.actions.map((a) => a.kind)).toEqual(['hand-over-platform-listener']);
    expect(down.plan.notes.join(' ')).toContain("Both will run: the platform's event listener l-orders");
    expect(down.plan.notes.join(' ')).toContain("because the platform did not answer (The platform answered 500 when listing max's event listeners: listener store down)");
    const skipped = await deployFlow(bed.services, { flowId: adopted.flowId, revision: 1, actor: users.admin });
    expect(skipped.status).toBe('deployed');
    const skippedStep = skipped.status === 'deployed' ? skipped.deployment.steps.find((st) => st.title.startsWith('Hand over')) : undefined;
    expect(skippedStep).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/^Both run: the platform's listener was not removed, because the platform did not answer/) });

    // Once the platform answers, the next deploy hands over: the studio's binding runs, the listener goes.
    stub.listenerFailure = undefined;
    const retry = await previewDeploy(bed.services, adopted.flowId, users.admin);
    expect(retry.plan.actions.map((a) => a.kind)).toEqual(['hand-over-platform-listener']);
    expect(retry.plan.summary).toBe('1 platform listener to hand over.');
    const handedOver = await deployFlow(bed.services, { flowId: adopted.flowId, revision: 1, actor: users.admin });
    expect(handedOver.status).toBe('deployed');
    expect(stub.requests.filter((r) => r.startsWith('DELETE'))).toEqual(['DELETE /v1/users/max/event-listeners/l-orders', 'DELETE /v1/users/max/event-listeners/l-orders']);
    expect(stub.listeners.get('max')?.map((l) => l.id)).toEqual(['l-elsewhere']);
    expect(await listListenerOrigins(db, { flowId: adopted.flowId })).toEqual([]);
    expect((await previewDeploy(bed.services, adopted.flowId, users.admin)).plan.actions).toEqual([]);
  }, 120_000);

  it("removes an adopted listener on the platform when its subscription is disabled before it was handed over", async () => {
    stub.listeners.set('val', [
      { id: 'l-audit', sourceType: 'Kafka', algoOwner: 'acme', algoName: 'enrich', algoVersion: '1.0.0', credentials: { topic: 'orders', bootstrapServers: bed.broker.address } },
    ]);
    const member = await caller(tokens.member);
    const adopted = await member.platform.adoptListeners({ orgId: 'acme', listeners: [{ userId: 'val', id: 'l-audit' }], into: { kind: 'new', name: 'Audit' } });
    expect(adopted.adopted).toBe(1);
    const flow = await getFlow(db, adopted.flowId);
    await db.query('update flows set graph = $2 where id = $1', [adopted.flowId, JSON.stringify({ ...flow!.graph, edges: [] })]);
    // Without the platform's API the plan says plainly that the listener stays.
    const unconnected = await previewDeploy({ ...bed.services, platform: standalonePlatform(demoConfig()) }, adopted.flowId, users.admin);
    expect(unconnected.plan.actions.map((a) => a.kind)).not.toContain('remove-platform-listener');
    expect(unconnected.plan.notes.join(' ')).toContain("This plan does not remove the platform's event listener l-audit (acme/enrich on \"orders\")");
    const connected = await previewDeploy(bed.services, adopted.flowId, users.admin);
    expect(connected.plan.actions.map((a) => a.kind)).toContain('remove-platform-listener');
    expect((await deployFlow(bed.services, { flowId: adopted.flowId, revision: 1, actor: users.admin })).status).toBe('deployed');
    expect(stub.requests.filter((r) => r.startsWith('DELETE'))).toEqual(['DELETE /v1/users/val/event-listeners/l-audit']);
    expect(stub.listeners.get('val')).toEqual([]);
  }, 60_000);

  it('says in one sentence what the platform did wrong', async () => {
    stub.listenerFailure = { status: 500, message: 'listener store down' };
    const answer = await (await caller(tokens.member)).platform.listeners({ orgId: 'acme' });
    expect(answer.unreadable).toContainEqual({ userId: 'max', message: "The platform answered 500 when listing max's event listeners: listener store down." });
    await expect(
      (await caller(tokens.member)).platform.adoptListeners({ orgId: 'acme', listeners: [{ userId: 'max', id: 'l-orders' }], into: { kind: 'new', name: 'Down' } }),
    ).rejects.toThrow("The platform answered 500 when listing max's event listeners: listener store down.");

    // The org's members come from the platform too: when it cannot list them, nobody's listeners are listed or adopted.
    stub.listenerFailure = undefined;
    stub.membersFailure = { status: 502, message: 'directory unreachable' };
    const membersDown = "The platform answered 502 when listing acme's members: directory unreachable.";
    await expect((await caller(tokens.member)).platform.listeners({ orgId: 'acme' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: membersDown });
    await expect(
      (await caller(tokens.member)).platform.adoptListeners({ orgId: 'acme', listeners: [{ userId: 'max', id: 'l-orders' }], into: { kind: 'new', name: 'Down' } }),
    ).rejects.toThrow(membersDown);
    stub.membersFailure = undefined;

    const wrongKey = algorithmiaPlatform({ apiUrl: stub.url, apiKey: 'wrong', identity: demoConfig() }).eventListeners!;
    await expect(wrongKey.list('max')).rejects.toThrow(
      "The platform refused the studio's API key (401) when listing max's event listeners: authentication required. Check ALGORITHMIA_API_KEY and what the key may do.",
    );
    const closed = await closedPort();
    const nowhere = algorithmiaPlatform({ apiUrl: `http://127.0.0.1:${closed}`, apiKey, identity: demoConfig() }).eventListeners!;
    await expect(nowhere.list('max')).rejects.toThrow(`The platform at http://127.0.0.1:${closed} did not answer (connect ECONNREFUSED 127.0.0.1:${closed}) when listing max's event listeners.`);
    stub.listenerFailure = undefined;
    stub.listeners.set('max', [{ id: 'odd' } as never]);
    await expect(bed.services.platform.eventListeners!.list('max')).rejects.toThrow(/^The platform's answer when listing max's event listeners is not the event listeners it documents \(/);
    // A listener already gone counts as removed.
    expect(await bed.services.platform.eventListeners!.remove({ userId: 'max', id: 'never-was' })).toBe('gone');
  });

  it(`says when the org has more than ${limits.orgPeople} members: only their listeners are listed, and a later member's is not adopted`, async () => {
    const members = stub.members;
    try {
      // Max first, then more people than are listed, the last of whom runs a listener too.
      const others = Array.from({ length: limits.orgPeople }, (_, i) => `person_${String(i).padStart(4, '0')}`);
      stub.members = { ...members, acme: ['max', ...others, 'late_member'] };
      stub.listeners.set('late_member', [{ id: 'l-late', sourceType: 'Kafka', algoOwner: 'acme', algoName: 'echo', algoVersion: '1.0.0', credentials: { topic: 'late', bootstrapServers: bed.broker.address } }]);
      const answer = await (await caller(tokens.member)).platform.listeners({ orgId: 'acme' });
      expect(answer.membersComplete).toBe(false);
      expect(answer.listeners.map((l) => `${l.userId}/${l.id}`)).toEqual(['max/l-orders', 'max/l-elsewhere']);
      expect(stub.requests.filter((r) => r.includes('event-listeners'))).toHaveLength(limits.orgPeople);

      const adopted = await (await caller(tokens.member)).platform.adoptListeners({ orgId: 'acme', listeners: [{ userId: 'late_member', id: 'l-late' }], into: { kind: 'new', name: 'Beyond the cut' } });
      expect(adopted.adopted).toBe(0);
      expect(adopted.leftOut).toEqual([
        {
          kind: 'listener',
          name: 'listener l-late of late_member',
          reason: "late_member is not among the first 1,000 of this org's members that the platform lists, so the studio cannot tell whether they are a member",
        },
      ]);
      expect(stub.requests.filter((r) => r.includes('late_member'))).toEqual([]);
    } finally {
      stub.members = members;
      stub.listeners.delete('late_member');
    }
  }, 60_000);

  it('creates a Kafka listener on the platform with the documented fields', async () => {
    const created = await bed.services.platform.eventListeners!.create('ada', { algorithm: 'acme/echo', version: '1.0.0', topic: 'audit', bootstrap: ['a:9092', 'b:9092'], timeoutSeconds: 30 });
    expect(created).toMatchObject({ userId: 'ada', sourceType: 'Kafka', algorithm: 'acme/echo', version: '1.0.0', topic: 'audit', bootstrap: ['a:9092', 'b:9092'], timeoutSeconds: 30 });
    expect(stub.listeners.get('ada')).toEqual([
      { id: created.id, sourceType: 'Kafka', algoOwner: 'acme', algoName: 'echo', algoVersion: '1.0.0', algoTimeoutSeconds: 30, credentials: { topic: 'audit', bootstrapServers: 'a:9092,b:9092' } },
    ]);
  });
});
