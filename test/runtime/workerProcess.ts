import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const runtimeDir = path.resolve(import.meta.dirname, '../../packages/runtime');
const entry = path.join(runtimeDir, 'src/worker/fileWorkerMain.ts');

/** A real worker process (the runtime's file-fed worker entry under `node --import tsx`). */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stderr. */
  readonly log: () => string;
  /** Resolves with the exit code (or signal name) once it ended. */
  readonly exited: Promise<number | string>;
}

/** Starts a worker with the given config and resolves once it has reconciled its first bindings. */
export async function startWorker(config: Record<string, unknown>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: runtimeDir,
    env: { ...process.env, EVENTFLOWS_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('] ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready:\n${text}`)));
  });
  return { child, log: () => text, exited };
}
