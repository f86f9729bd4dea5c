import { writeFileSync, renameSync } from 'node:fs';
import { fileBindingSource } from './bindingSource.ts';
import { runWorker } from './runWorker.ts';

/**
 * A worker process whose bindings come from a JSON file (tests and local experiments; the server's
 * `pnpm worker` uses the database source instead). Configured by one JSON environment variable,
 * `EVENTFLOWS_WORKER`: `{ bindingsFile, brokers: string[], users?: { name: password }, http?: { apiUrl, apiKey },
 * statusFile?, sessionTimeoutMs?, heartbeatIntervalMs? }`. SASL users are looked up by the principal's name.
 */
interface FileWorkerConfig {
  bindingsFile: string;
  brokers: string[];
  users?: Record<string, string>;
  http?: { apiUrl: string; apiKey: string };
  statusFile?: string;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
}

const config = JSON.parse(process.env.EVENTFLOWS_WORKER ?? '{}') as FileWorkerConfig;
const log = (line: string): void => void process.stderr.write(`[worker ${process.pid}] ${line}\n`);

const worker = await runWorker(fileBindingSource(config.bindingsFile), {
  connections: async () => ({ brokers: config.brokers }),
  credentials: async (principal) => {
    const name = principal.replace(/^User:/, '');
    const password = config.users?.[name];
    return password === undefined ? undefined : { mechanism: 'plain', username: name, password };
  },
  ...(config.http ? { invokers: { http: config.http } } : {}),
  consumer: {
    sessionTimeoutMs: config.sessionTimeoutMs ?? 10_000,
    heartbeatIntervalMs: config.heartbeatIntervalMs ?? 1_000,
    maxWaitTimeMs: 200,
  },
  log,
});
if (config.statusFile) {
  const statusFile = config.statusFile;
  worker.runtime.onStatus((statuses) => {
    writeFileSync(`${statusFile}.tmp`, JSON.stringify(statuses));
    renameSync(`${statusFile}.tmp`, statusFile);
  });
}
log('ready');
