/**
 * A deploy reads its snapshot once: counted, through the real database, secret box and Kafka gateway
 * wrapped so that each call is counted and then passed on, from the router's procedure to the first
 * write (to the database or to Kafka).
 */
import { pipelineGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import type { SecretBox } from '../connections/secretBox.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases } from '../testing/databases.ts';
import { startTestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';

/** What was read before the first write, and whether a write happened yet. */
interface Reads {
  flow: number;
  bindings: number;
  grants: number;
  decryptions: number;
  metadata: number;
}

function readCounter() {
  const reads: Reads = { flow: 0, bindings: 0, grants: 0, decryptions: 0, metadata: 0 };
  let beforeFirstWrite: Reads | undefined;
  const wrote = () => (beforeFirstWrite ??= { ...reads });
  const counted = (q: Queryable): Queryable => ({
    query<Row>(sql: string, params?: readonly unknown[]) {
      const statement = sql.trim().toLowerCase();
      if (/^(insert|update|delete)\b/.test(statement)) wrote();
      if (/^select \* from flows where id = \$1$/.test(statement)) reads.flow++;
      if (/^select .* from bindings\b/s.test(statement)) reads.bindings++;
      if (/^select .* from grants\b/s.test(statement)) reads.grants++;
      return q.query<Row>(sql, params);
    },
  });
  return {
    /** The counts when the first write was made (undefined until then). */
    beforeFirstWrite: () => beforeFirstWrite,
    start: () => {
      Object.assign(reads, { flow: 0, bindings: 0, grants: 0, decryptions: 0, metadata: 0 });
      beforeFirstWrite = undefined;
    },
    db: (db: Db): Db => ({ ...db, ...counted(db), transaction: (work) => db.transaction((tx) => work(counted(tx))) }),
    secrets: (box: SecretBox): SecretBox => ({
      seal: (plaintext) => box.seal(plaintext),
      open: (sealed) => (reads.decryptions++, box.open(sealed)),
    }),
    kafka: (gateway: KafkaGateway): KafkaGateway => ({
      ...gateway,
      readTopics: (connection) => (reads.metadata++, gateway.readTopics(connection)),
      createTopics: (connection, topics) => (wrote(), gateway.createTopics(connection, topics)),
      createAcls: (connection, acls) => (wrote(), gateway.createAcls(connection, acls)),
      deleteAcls: (connection, acls) => (wrote(), gateway.deleteAcls(connection, acls)),
    }),
  };
}

describe.each(testDatabases())('deploying one flow on one connection on $name', (database) => {
  it('reads the flow, the bindings, the grants, the connection and its topics once before the first write', async () => {
    const db = await database.open();
    const counter = readCounter();
    const bed = await startTestBed({ db: counter.db(db), wrapKafka: counter.kafka });
    try {
      const flow = await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
      const services = { ...bed.services, secrets: counter.secrets(bed.services.secrets) };
      const caller = appRouter.createCaller(await createContext(services, `Bearer ${tokens.member}`));
      counter.start();
      const result = await caller.flows.deploy({ id: flow.id, revision: 1 });
      expect(result.status).toBe('deployed');
      expect(counter.beforeFirstWrite()).toEqual({ flow: 2, bindings: 2, grants: 1, decryptions: 1, metadata: 1 });
    } finally {
      await bed.close();
      await db.close();
    }
  }, 60_000);
});
