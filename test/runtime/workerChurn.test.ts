import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { traceHeader, traceOf, type BindingStatus } from '@event-flows/runtime';
import type { Kafka } from 'kafkajs';
import { createTopics, eventually, kafkaAt, readAll, subscribeBinding, type ReadRecord } from './runtimeHarness.ts';
import { startWorker, type WorkerProcess } from './workerProcess.ts';

let broker: RunningBroker;
let kafka: Kafka;
let dir: string;
const workers = new Set<WorkerProcess>();

beforeAll(async () => {
  // The broker's smallest session time-out is 6 s; a killed worker's partitions move after that.
  broker = await startBroker({ port: 0, log: () => {} });
  kafka = kafkaAt(broker.address);
  dir = mkdtempSync(path.join(tmpdir(), 'runtime-workers-'));
});
afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

let spawned = 0;

/** Starts a worker process; its binding statuses land in `<dir>/status-<n>.json` about once a second. */
async function spawnWorker(bindingsFile: string): Promise<WorkerProcess & { statusFile: string }> {
  const statusFile = path.join(dir, `status-${++spawned}.json`);
  const w = { ...(await startWorker({ bindingsFile, brokers: [broker.address], sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500, statusFile })), statusFile };
  workers.add(w);
  void w.exited.then(() => workers.delete(w));
  return w;
}

/**
 * Produces `total` numbered messages at about `perSecond`, in the background. Each asks `demo/slow` for a
 * short pause (`sleepMs`), so that a worker always has work in flight when it is killed.
 */
function producePaced(topic: string, total: number, perSecond: number, sleepMs = 0): Promise<void> {
  return (async () => {
    const producer = kafka.producer();
    await producer.connect();
    const step = Math.max(1, Math.round(perSecond / 10));
    for (let i = 0; i < total; i += step) {
      const messages = Array.from({ length: Math.min(step, total - i) }, (_, j) => ({ key: `k${(i + j) % 31}`, value: JSON.stringify({ id: i + j, sleepMs }) }));
      await producer.send({ topic, acks: -1, messages });
      await new Promise((r) => setTimeout(r, 100));
    }
    await producer.disconnect();
  })();
}

/** Messages the worker writing `statusFile` has finished, as its last status says (0 before the first). */
function consumedBy(statusFile: string): number {
  try {
    return (JSON.parse(readFileSync(statusFile, 'utf8')) as BindingStatus[]).reduce((sum, s) => sum + s.consumed, 0);
  } catch {
    return 0;
  }
}

function idsOf(outputs: readonly ReadRecord[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const o of outputs) {
    const id = (JSON.parse(o.value ?? '{}') as { id: number }).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('runtime worker processes', () => {
  it('loses nothing when a worker is killed with SIGKILL three times while 10,000 messages flow through two', { timeout: 150_000 }, async () => {
    await createTopics(kafka, { 'kill.in': 4, 'kill.out': 4 });
    const file = path.join(dir, 'kill.json');
    writeFileSync(file, JSON.stringify([subscribeBinding('demo/slow', 'kill.in', ['kill.out'], { concurrency: 4, ordering: 'key' })]));
    // Oldest first: the longest-lived worker surely owns partitions (checked through its status file).
    const alive = [await spawnWorker(file), await spawnWorker(file)];
    const total = 10_000;
    const producing = producePaced('kill.in', total, 500, 5);
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((r) => setTimeout(r, 3_000));
      const victim = alive.shift() as (typeof alive)[number];
      const busy = await eventually(() => consumedBy(victim.statusFile) > 0, 30_000);
      expect(busy, 'the worker to kill processes messages').toBe(true);
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBe('SIGKILL');
      alive.push(await spawnWorker(file));
    }
    await producing;
    let counts = new Map<number, number>();
    expect(
      await eventually(async () => {
        counts = idsOf(await readAll(kafka, 'kill.out'));
        return counts.size === total;
      }, 90_000, 1_000),
    ).toBe(true);
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    const repeated = [...counts.values()].filter((n) => n > 1).length;
    console.log(`kill -9 x3: ${total} inputs, every one with an output; ${duplicates} duplicate outputs over ${repeated} inputs (at-least-once redelivery)`);
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('never commits past an unprocessed message while workers join and leave 10 times', { timeout: 150_000 }, async () => {
    await createTopics(kafka, { 'churn.in': 4, 'churn.out': 4 });
    const file = path.join(dir, 'churn.json');
    const binding = subscribeBinding('demo/echo', 'churn.in', ['churn.out']);
    writeFileSync(file, JSON.stringify([binding]));
    const running: WorkerProcess[] = [await spawnWorker(file)];
    const total = 6_000;
    const producing = producePaced('churn.in', total, 500);
    const admin = kafka.admin();
    await admin.connect();
    const inputs = new Map<string, ReadRecord>();
    let checkedCommits = 0;
    for (let step = 0; step < 10; step++) {
      if (step % 2 === 0 || running.length === 1) running.push(await spawnWorker(file));
      else {
        const leaving = running.shift() as WorkerProcess;
        leaving.child.kill('SIGTERM');
        expect(await leaving.exited).toBe(0);
      }
      await new Promise((r) => setTimeout(r, 800));
      // Read the commits first, then the outputs: every input below a commit must already have its output.
      const [committed] = await admin.fetchOffsets({ groupId: binding.consumerGroup, topics: ['churn.in'] });
      const outputs = await readAll(kafka, 'churn.out');
      const processed = new Set(
        outputs.map((o) => {
          const trace = traceOf({ [traceHeader]: o.headers[traceHeader] });
          return `${trace?.partition}:${trace?.offset}`;
        }),
      );
      for (const r of await readAll(kafka, 'churn.in')) inputs.set(`${r.partition}:${r.offset}`, r);
      for (const p of committed?.partitions ?? []) {
        for (let offset = 0; offset < Number(p.offset); offset++) {
          expect(processed.has(`${p.partition}:${offset}`), `partition ${p.partition} committed ${p.offset} past unprocessed ${offset}`).toBe(true);
          checkedCommits++;
        }
      }
    }
    await producing;
    await admin.disconnect();
    expect(checkedCommits).toBeGreaterThan(0);
    expect(await eventually(async () => idsOf(await readAll(kafka, 'churn.out')).size === total, 60_000, 1_000)).toBe(true);
    for (const w of running) w.child.kill('SIGTERM');
    expect(await Promise.all(running.map((w) => w.exited))).toEqual(running.map(() => 0));
  });
});
