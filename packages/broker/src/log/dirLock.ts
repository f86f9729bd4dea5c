import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Tells whether a process with this id runs (or exists and is not ours to signal). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes `dir` this process's: writes `dir/<name>` holding our process id, created exclusively. A lock
 * file of a process that still runs is refused with a sentence; one left by a process that is gone
 * (killed with -9, say) is taken over. Returns the release, which removes the file.
 */
export function lockDirectory(dir: string, name: string, what: string): () => void {
  const file = path.join(dir, name);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processRuns(holder)) {
        throw new Error(`${dir} is used by process ${holder} (${file}): ${what} serves one process at a time. Stop that process, or give this one another directory.`, { cause: error });
      }
      // Ours already, or left by a process that is gone: take it over.
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return () => {
      try {
        if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) rmSync(file, { force: true });
      } catch {
        // Already gone: nothing to release.
      }
    };
  }
  throw new Error(`${file} could not be taken: another process took it meanwhile.`);
}
