// Worker-thread entry of parseOffThread.ts: parses one YAML text with the options it is given and
// posts the plain data back (or the parser's message). Plain JavaScript: Node 20 cannot load a
// TypeScript worker through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import { parse } from 'yaml';

try {
  parentPort?.postMessage({ ok: true, data: parse(workerData.text, workerData.options) });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
