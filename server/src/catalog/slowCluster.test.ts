/**
 * A connection that accepts TCP and never answers slows only the flows that name it: the catalog
 * keeps each connection's answer, other flows and other orgs never wait for it, and a flow that names
 * it is refused with a sentence instead of a 500 after two minutes (issue 16, item 4).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

/** How long the issue lets a silent connection hold a request that names it. */
const silentTimeOutMs = 5_000;

let bed: HttpBed;
let silent: Server;
const held: Socket[] = [];
let otherFlow: string;
let silentFlow: string;

/** A graph of one topic node on `connection`. */
function loneTopic(connection: string, topic: string): FlowGraph {
  return { nodes: [{ id: 't1', kind: 'topic', position: { x: 0, y: 0 }, connection, topic }], edges: [] };
}

/**
 * Whether `call` answered before the silent connection's time-out would have passed. A race against
 * that time-out rather than a timing assertion: a request that waits for the silent connection at all
 * loses it, one that does not wins by seconds.
 */
async function answersFirst(call: Promise<unknown>): Promise<'answered' | 'still waiting'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeOut = new Promise<'still waiting'>((resolve) => {
    timer = setTimeout(() => resolve('still waiting'), silentTimeOutMs);
  });
  try {
    return await Promise.race([call.then(() => 'answered' as const), timeOut]);
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  bed = await startHttpBed();
  // Accepts every connection and never writes a byte: a cluster behind a black-holing proxy.
  silent = createServer((socket) => {
    held.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  const added = await bed.call(
    'mutation',
    'admin.connections.create',
    { id: 'silent', name: 'Silent cluster', bootstrap: [`127.0.0.1:${port}`], auth: { mechanism: 'none' }, tls: { enabled: false } },
    tokens.admin,
  );
  expect(added.status).toBe(200);
  const created = async (name: string, graph: FlowGraph) =>
    ((await bed.call('mutation', 'flows.create', { orgId: 'acme', name, graph }, tokens.member)).body.result?.data as { id: string }).id;
  otherFlow = await created('Orders', pipelineGraph());
  silentFlow = await created('On the silent cluster', loneTopic('silent', 'quiet.topic'));
}, 60_000);

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => silent?.close(() => resolve()));
  await bed?.close();
});

describe('a connection that never answers', () => {
  it("slows neither another flow's plan and validation nor the catalog, of this org or another", { timeout: 60_000 }, async () => {
    expect(await answersFirst(bed.call('query', 'catalog.get', { orgId: 'acme' }, tokens.member))).toBe('answered');
    expect(await answersFirst(bed.call('query', 'flows.plan', { id: otherFlow }, tokens.member))).toBe('answered');
    expect(await answersFirst(bed.call('query', 'flows.validate', { id: otherFlow }, tokens.member))).toBe('answered');
    expect(await answersFirst(bed.call('query', 'catalog.get', { orgId: 'globex' }, tokens.otherMember))).toBe('answered');

    const plan = await bed.call('query', 'flows.plan', { id: otherFlow }, tokens.member);
    expect(plan.status).toBe(200);
    expect((plan.body.result?.data as { unreachable: unknown[] }).unreachable).toEqual([]);
    // The palette still lists the silent connection, marked as not answering, with the others' topics.
    const catalog = (await bed.call('query', 'catalog.get', { orgId: 'acme' }, tokens.member)).body.result?.data as {
      catalog: { connections: Array<{ id: string; topics: Array<{ name: string }> }> };
      unreachable: Array<{ connection: string; error: string }>;
    };
    expect(catalog.catalog.connections.map((c) => c.id).sort()).toEqual(['local', 'silent']);
    expect(catalog.unreachable.map((u) => u.connection)).toEqual(['silent']);
    expect(catalog.unreachable[0]?.error).toMatch(/Kafka connection 'Silent cluster'/);
  });

  it('refuses a plan, a deploy and a topic listing that need it, saying which connection did not answer', { timeout: 60_000 }, async () => {
    const sentence = /Kafka connection 'Silent cluster' did not answer within 5 s/;
    for (const [kind, path, input] of [
      ['query', 'flows.plan', { id: silentFlow }],
      ['mutation', 'flows.deploy', { id: silentFlow, revision: 1 }],
      ['query', 'catalog.topics', { connection: 'silent' }],
    ] as const) {
      const answer = await bed.call(kind, path, input, tokens.member);
      expect({ path, status: answer.status, code: answer.body.error?.data.code }).toEqual({ path, status: 412, code: 'PRECONDITION_FAILED' });
      expect(answer.body.error?.message).toMatch(sentence);
    }
  });

  it('shows topics a deploy created, and a repaired connection, at the next read', { timeout: 60_000 }, async () => {
    const topicsOf = async (connection: string) => {
      const answer = (await bed.call('query', 'catalog.get', { orgId: 'acme' }, tokens.admin)).body.result?.data as {
        catalog: { connections: Array<{ id: string; topics: Array<{ name: string }> }> };
        unreachable: Array<{ connection: string }>;
      };
      return { topics: answer.catalog.connections.find((c) => c.id === connection)?.topics.map((t) => t.name) ?? [], unreachable: answer.unreachable.map((u) => u.connection) };
    };
    expect((await topicsOf('local')).topics).not.toContain('fresh.topic');
    const created = await bed.call('mutation', 'flows.create', { orgId: 'acme', name: 'Fresh', graph: loneTopic('local', 'fresh.topic') }, tokens.admin);
    const id = (created.body.result?.data as { id: string }).id;
    const deploy = await bed.call('mutation', 'flows.deploy', { id, revision: 1 }, tokens.admin);
    expect((deploy.body.result?.data as { status: string }).status).toBe('deployed');
    expect((await topicsOf('local')).topics).toContain('fresh.topic');

    // The admin points the silent connection at the working cluster: the next read asks it anew.
    const repaired = await bed.call(
      'mutation',
      'admin.connections.update',
      { id: 'silent', name: 'Silent cluster', bootstrap: [bed.broker.address], auth: { mechanism: 'plain', username: 'admin', password: 'admin-secret' }, tls: { enabled: false } },
      tokens.admin,
    );
    expect(repaired.status).toBe(200);
    const after = await topicsOf('silent');
    expect(after.unreachable).toEqual([]);
    expect(after.topics).toContain('fresh.topic');
  });
});
