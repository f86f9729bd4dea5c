/**
 * `pnpm start` and `pnpm worker`, spawned exactly as the README gives them (from the repository's root),
 * exit 0 after a graceful SIGTERM: pnpm reports its script's own exit, so the scripts `exec` node
 * instead of leaving a shell (which dies of the signal, and pnpm with 143) between pnpm and the process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDatabases } from './testing/databases.ts';

const rootDir = path.resolve(import.meta.dirname, '../..');

/** Runs `pnpm <script>` at the root until its output matches `ready`, sends SIGTERM, and resolves with its exit code and output. */
function runUntilReady(script: string, env: Record<string, string>, ready: RegExp): Promise<{ code: number | null; output: string }> {
  const child = spawn('pnpm', [script], { cwd: rootDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let signalled = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (!signalled && ready.test(output)) {
      signalled = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the README commands exit 0 after SIGTERM', () => {
  it('pnpm start', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'efs-start-exit-'));
    try {
      const { code, output } = await runUntilReady('start', { DATABASE_URL: '', KAFKA_BROKERS: '', PORT: '0', KAFKA_PORT: '0', DATA_DIR: dataDir }, /running at http/);
      expect(output).toContain('stopping on SIGTERM');
      expect(code).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  for (const database of testDatabases().filter((d) => d.name === 'postgres')) {
    it('pnpm worker', async () => {
      const db = await database.open();
      try {
        const env = { DATABASE_URL: db.processUrl(), SECRET_KEY: Buffer.alloc(32, 3).toString('base64'), DATA_DIR: '/nonexistent' };
        const { code, output } = await runUntilReady('worker', env, /worker running/);
        expect(output, output).toContain('SIGTERM, draining');
        expect(code).toBe(0);
      } finally {
        await db.close();
      }
    }, 60_000);
  }
});
