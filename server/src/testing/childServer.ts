import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import pg from 'pg';
import type { TrpcBody } from './httpBed.ts';

const serverDir = path.resolve(import.meta.dirname, '../..');
const tsx = path.resolve(serverDir, '../node_modules/tsx/dist/cli.mjs');

/** A server process started the way `pnpm start` starts it (`tsx src/main.ts`), on free ports. */
export interface ChildServer {
  url: string;
  /** The embedded broker's address, `host:port`. */
  brokers: string;
  /** Calls a tRPC procedure over HTTP as the holder of `token`. */
  call(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string): Promise<{ status: number; body: TrpcBody }>;
  /** A kafkajs admin client of the embedded broker's super user (closed by `stop`). */
  admin(): Promise<Admin>;
  /**
   * Resolves with the signal that ended the server (`null` when it exited by itself). The tsx CLI runs
   * the server in a process of its own and reports its death by a signal as exit code 128 + the
   * signal's number: that is read back as the signal.
   */
  exited: Promise<NodeJS.Signals | null>;
  /** Stops the process with SIGTERM, if it still runs, and waits for it to end. */
  stop(): Promise<void>;
}

/** The signal a shell-style exit code (128 + its number) stands for, or `null`. */
function signalOf(code: number | null): NodeJS.Signals | null {
  if (code === null || code <= 128) return null;
  const entry = Object.entries(constants.signals).find(([, number]) => number === code - 128);
  return entry ? (entry[0] as NodeJS.Signals) : null;
}

/**
 * Starts the server in a child process on `dataDir` (the embedded broker and, unless `env` names a
 * DATABASE_URL, PGlite there), with `env` added to this process's environment, and waits until it says
 * where it runs.
 */
export async function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [tsx, 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: '', KAFKA_BROKERS: '', ...env, PORT: '0', KAFKA_PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? signalOf(code))),
  );
  let output = '';
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4_000)));
  const started = await new Promise<{ url: string; kafka: string }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      const kafka = /Kafka: (\S+)/.exec(output)?.[1];
      if (url && kafka) resolve({ url, kafka });
    });
    void exited.then((signal) => reject(new Error(`The server ended (${signal ?? child.exitCode}) before it started: ${output.slice(-2_000)}${errors}`)));
  });
  const admins: Admin[] = [];
  return {
    url: started.url,
    brokers: started.kafka,
    exited,
    async call(kind, procedure, input, token) {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const response =
        kind === 'query'
          ? await fetch(`${started.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
          : await fetch(`${started.url}/trpc/${procedure}`, { method: 'POST', headers, body: JSON.stringify(input) });
      return { status: response.status, body: (await response.json()) as TrpcBody };
    },
    async admin() {
      const password = readFileSync(path.join(dataDir, 'kafka-admin.secret'), 'utf8').trim();
      const kafka = new Kafka({ brokers: [started.kafka], sasl: { mechanism: 'plain', username: 'admin', password }, logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      admins.push(admin);
      return admin;
    },
    async stop() {
      for (const admin of admins) await admin.disconnect();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Where a child server's database is: PGlite in its data directory (no environment), or a fresh schema
 * named `<prefix><random>` on DATABASE_URL's server, dropped by `drop`.
 */
export async function childDatabase(prefix: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: {}, drop: async () => undefined };
  const schema = `${prefix}${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const separator = url.includes('?') ? '&' : '?';
  return {
    env: { DATABASE_URL: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    drop: async () => {
      const dropping = new pg.Client({ connectionString: url });
      await dropping.connect();
      await dropping.query(`drop schema ${schema} cascade`);
      await dropping.end();
    },
  };
}
