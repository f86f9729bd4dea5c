/**
 * Several `pnpm start` replicas on one PostgreSQL database, as real processes: the first runs the
 * embedded broker and owns its connection; a second started against that broker uses the same
 * connection and, though it cannot reach the broker's user list, its deploys lead to principals that
 * sign in (the owner provisions them on NOTIFY); a third that starts a broker of its own refuses to
 * start instead of re-pointing the shared connection.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultNaming } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { demoTokens } from './platform/demoConfig.ts';
import { algorithmUser, principalPassword } from './runtime/credentials.ts';
import { startChildServer, type ChildServer } from './testing/childServer.ts';
import { testDatabases } from './testing/databases.ts';

/** Whether `username` signs in to `broker` with `password` (a metadata request goes through). */
async function signsIn(broker: string, username: string, password: string): Promise<boolean> {
  const kafka = new kafkajs.Kafka({ brokers: [broker], sasl: { mechanism: 'plain', username, password }, logLevel: kafkajs.logLevel.NOTHING, retry: { retries: 0 } });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

describe('server replicas on one PostgreSQL database', () => {
  for (const database of testDatabases().filter((d) => d.name === 'postgres')) {
    it('share the embedded broker through one connection; only its owner writes it and provisions principals', async () => {
      const db = await database.open();
      const secretKey = Buffer.alloc(32, 7);
      const env = { DATABASE_URL: db.processUrl(), SECRET_KEY: secretKey.toString('base64') };
      const dirs = [1, 2, 3].map((n) => mkdtempSync(path.join(tmpdir(), `efs-replica-${n}-`)));
      const servers: ChildServer[] = [];
      try {
        const first = await startChildServer(dirs[0] as string, env);
        servers.push(first);
        const [local] = await db.query<{ bootstrap: string[] }>(`select bootstrap from connections where id = 'local'`);
        const address = local?.bootstrap[0] as string;
        const adminPassword = readFileSync(path.join(dirs[0] as string, 'kafka-admin.secret'), 'utf8').trim();

        // The second replica joins the first one's broker, as an operator would start it.
        const second = await startChildServer(dirs[1] as string, {
          ...env,
          KAFKA_BROKERS: address,
          KAFKA_SASL_MECHANISM: 'plain',
          KAFKA_SASL_USERNAME: 'admin',
          KAFKA_SASL_PASSWORD: adminPassword,
        });
        servers.push(second);
        expect(await db.query('select id, bootstrap from connections order by id')).toEqual([{ id: 'local', bootstrap: [address] }]);

        // A third with a broker of its own would re-point the shared connection: it refuses, naming both addresses.
        const refused = await startChildServer(dirs[2] as string, env).then(
          async (third) => {
            servers.push(third);
            return '';
          },
          (error: unknown) => String(error),
        );
        expect(refused).toContain(`points at ${address}`);
        expect(refused).toMatch(/but this server started its own at 127\.0\.0\.1:\d+/);
        expect(await db.query('select id, bootstrap from connections order by id')).toEqual([{ id: 'local', bootstrap: [address] }]);

        // A deploy through the replica that does not run the broker: the owner provisions the principals.
        const [flow] = await db.query<{ id: string; revision: number }>(`select id, revision from flows where org_id = 'acme'`);
        const deployed = await second.call('mutation', 'flows.deploy', { id: flow?.id, revision: flow?.revision }, demoTokens.member);
        expect(deployed.body.result?.data).toMatchObject({ status: 'deployed' });
        const principal = `User:${algorithmUser('acme/classify', defaultNaming)}`;
        const password = principalPassword(secretKey, 'local', principal);
        let signedIn = false;
        for (let tries = 0; tries < 40 && !signedIn; tries++) {
          signedIn = await signsIn(address, algorithmUser('acme/classify', defaultNaming), password);
          if (!signedIn) await sleep(250);
        }
        expect(signedIn).toBe(true);

        // The first replica keeps working on its broker: its catalog lists the topics the deploy made.
        const topics = await first.call('query', 'catalog.topics', { connection: 'local' }, demoTokens.member);
        expect(JSON.stringify(topics.body)).toContain('orders.classified');
      } finally {
        for (const server of servers) await server.stop();
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
        await db.close();
      }
    }, 120_000);
  }
});
