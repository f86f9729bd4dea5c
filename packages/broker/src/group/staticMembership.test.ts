import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../server/startBroker.ts';
import { kcat } from '../testing/kcat.ts';

let broker: RunningBroker;
beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
});
afterAll(async () => {
  await broker.close();
});

describe('static group membership (group.instance.id)', () => {
  it('a librdkafka consumer that comes back with the same instance id takes its place at once', { timeout: 90_000 }, async () => {
    const plain = ['-b', broker.address, '-X', 'socket.timeout.ms=10000'];
    expect((await kcat([...plain, '-P', '-t', 'statics'], 'one\n')).code).toBe(0);
    const run = async (): Promise<{ out: string; ms: number }> => {
      const started = Date.now();
      const { stdout } = await kcat(
        [...plain, '-G', 'static-readers', 'statics', '-X', 'group.instance.id=worker-1', '-X', 'auto.offset.reset=earliest', '-e', '-f', '%s\n'],
        undefined,
        80_000,
      );
      return { out: stdout, ms: Date.now() - started };
    };
    const first = await run();
    expect(first.out).toBe('one\n');
    expect((await kcat([...plain, '-P', '-t', 'statics'], 'two\n')).code).toBe(0);
    // The first run left without LeaveGroup (static members do); its session (45 s) is still open.
    const second = await run();
    expect(second.out).toBe('two\n');
    expect(second.ms).toBeLessThan(15_000);
  });
});
