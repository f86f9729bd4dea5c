import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions } from '../../.config/chromium.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** A server started the way `pnpm start` starts it, on free ports, with its own data directory. */
export interface StudioServer {
  url: string;
  /** The id of the process started (tsx, which runs the server in a child process of its own). */
  pid: number;
  /** `host:port` of the embedded broker. */
  kafka: string;
  /** The broker's admin password (SASL/PLAIN user `admin`). */
  kafkaAdminPassword: string;
  stop(): Promise<void>;
}

/** A Kafka cluster the server uses instead of its embedded broker (`KAFKA_BROKERS`), as its SASL/PLAIN user `admin`. */
export interface ExternalKafka {
  address: string;
  adminPassword: string;
}

/**
 * Starts `server/src/main.ts` with tsx (as `pnpm start` does) and waits until it prints where it runs.
 * Its data directory is a new one, removed when it stops, unless `dataDir` is given (then it is kept).
 * With `kafka`, it uses that cluster rather than starting its embedded broker.
 */
export async function startStudioServer(options: { dataDir?: string; kafka?: ExternalKafka; env?: Record<string, string> } = {}): Promise<StudioServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'efs-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
    cwd: path.join(root, 'server'),
    // As `pnpm start` runs on a fresh machine: the embedded broker and PGlite in a data directory of
    // its own. A DATABASE_URL from CI must not leak in, or runs would share (and keep) each other's data.
    env: {
      ...process.env,
      PORT: '0',
      KAFKA_PORT: '0',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      KAFKA_BROKERS: options.kafka?.address ?? '',
      ...(options.kafka ? { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'admin', KAFKA_SASL_PASSWORD: options.kafka.adminPassword } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
  });
  const started = await new Promise<{ url: string; kafka: string }>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/[^\s]+)/.exec(output)?.[1];
      const kafka = /Kafka: ([^\s]+)/.exec(output)?.[1];
      if (url && kafka) resolve({ url, kafka });
    });
    child.once('exit', (code) => reject(new Error(`The server exited with ${code}: ${output.slice(-4_000)}${errors}`)));
  });
  return {
    ...started,
    pid: child.pid as number,
    kafkaAdminPassword: options.kafka?.adminPassword ?? readFileSync(path.join(dataDir, 'kafka-admin.secret'), 'utf8').trim(),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/** A studio server and a browser to look at it, as every end-to-end test file starts them. */
export interface Studio {
  server: StudioServer;
  browser: Browser;
}

/** A kafkajs admin client of `clientId`, connected to the studio's broker as its super user; disconnect it when done. */
export async function kafkaAdmin(server: StudioServer, clientId: string): Promise<Admin> {
  const kafka = new Kafka({
    clientId,
    brokers: [server.kafka],
    sasl: { mechanism: 'plain', username: 'admin', password: server.kafkaAdminPassword },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  return admin;
}

/** Starts a studio server (with `env` added to its environment) and Chromium side by side. */
async function startStudio(env?: Record<string, string>): Promise<Studio> {
  const [server, browser] = await Promise.all([startStudioServer(env ? { env } : {}), launchChromium()]);
  return { server, browser };
}

/** Closes what {@link startStudio} started (either may be missing when starting failed). */
async function stopStudio(studio: Partial<Studio>): Promise<void> {
  await studio.browser?.close();
  await studio.server?.stop();
}

/**
 * Starts a {@link Studio} before the calling file's tests and stops it after them. The object returned
 * is filled in by then: read its fields inside tests, not at the file's top level. `env` is asked for
 * when the server starts (after the file's earlier `beforeAll` hooks).
 */
export function studioForTests(env?: () => Record<string, string>): Studio {
  const studio = {} as Studio;
  beforeAll(async () => void Object.assign(studio, await startStudio(env?.())), 90_000);
  afterAll(() => stopStudio(studio), 30_000);
  return studio;
}

/** Polls `check` until it returns a value that is not `undefined`/`false`, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
