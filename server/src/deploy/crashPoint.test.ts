/**
 * The crash-point hook kills its process at the named point alone, and does nothing when the
 * environment names no point (as in production). Run in a child process, since it kills its own.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashAtVariable } from './crashPoint.ts';

const hook = path.join(import.meta.dirname, 'crashPoint.ts');
const script = `import { crashPoint } from ${JSON.stringify(hook)};
crashPoint('deploy:topics-created'); console.log('after topics-created');
crashPoint('undeploy:acls-deleted'); console.log('after acls-deleted');`;

/** Runs the script with `crashAt` (or none) and tells what it printed and how it ended. */
function run(crashAt: string | undefined): Promise<{ output: string; signal: NodeJS.Signals | null; code: number | null }> {
  const env = { ...process.env };
  delete env[crashAtVariable];
  if (crashAt) env[crashAtVariable] = crashAt;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: import.meta.dirname, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ output, signal, code })));
}

describe('crashPoint', () => {
  it('kills the process with SIGKILL at the point the environment names, and not before', async () => {
    expect(await run('undeploy:acls-deleted')).toEqual({ output: 'after topics-created\n', signal: 'SIGKILL', code: null });
  });

  it('does nothing when no point, or another, is named', async () => {
    const whole = { output: 'after topics-created\nafter acls-deleted\n', signal: null, code: 0 };
    expect(await run(undefined)).toEqual(whole);
    expect(await run('deploy:acls-created')).toEqual(whole);
  });
});
