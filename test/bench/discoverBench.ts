/**
 * bench:discover — Discover on a large cluster (issue 21): 5,000 topics (every tenth with a
 * retention of its own), 20,000 ACLs (four principals on each topic) and 20 consumer groups with
 * committed offsets, on the embedded broker over TCP with SASL, made by a plain kafkajs client. One
 * warm-up call, then each kind of page (topics, ACLs, groups) asked five times through the API as a
 * cluster admin; every call scans the whole cluster in one batched pass.
 *
 * Prints, per kind, the median and the slowest call, and the admin requests one scan sends (counted
 * at the broker). The last line is the figure compared from one change to the next:
 *   bench:discover topics=5000 acls=20000 groups=20 scan_ms=<median> requests=<total per scan>
 */
import { appRouter } from '../../server/src/api/appRouter.ts';
import { createContext } from '../../server/src/api/context.ts';
import { startTestBed } from '../../server/src/testing/harness.ts';
import { tokens } from '../../server/src/testing/httpBed.ts';
import kafkajs from 'kafkajs';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } = kafkajs;

const topicCount = 5_000;
const principals = ['User:ops', 'User:audit', 'User:billing', 'User:search'];
const groupCount = 20;
const runs = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const bed = await startTestBed({ grants: false });
try {
  const names = Array.from({ length: topicCount }, (_, i) => `bench.topic.${String(i).padStart(5, '0')}`);
  await bed.admin.createTopics({
    topics: names.map((topic, i) => ({ topic, numPartitions: 2, configEntries: i % 10 === 0 ? [{ name: 'retention.ms', value: '86400000' }] : [] })),
  });
  await bed.admin.createAcls({
    acl: names.flatMap((resourceName) =>
      principals.map((principal) => ({
        resourceType: AclResourceTypes.TOPIC,
        resourceName,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal,
        host: '*',
        operation: AclOperationTypes.READ,
        permissionType: AclPermissionTypes.ALLOW,
      })),
    ),
  });
  await Promise.all(names.slice(0, groupCount).map((topic) => bed.admin.setOffsets({ groupId: `bench.group.${topic}`, topic, partitions: [{ partition: 0, offset: '0' }] })));
  const caller = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.admin}`));
  await caller.discover.topics({ connection: 'local' });

  const pages = {
    topics: () => caller.discover.topics({ connection: 'local', limit: 100 }),
    acls: () => caller.discover.acls({ connection: 'local', limit: 100 }),
    groups: () => caller.discover.groups({ connection: 'local', limit: 100 }),
  };
  const medians: number[] = [];
  let perScan: Record<string, number> = {};
  for (const [kind, call] of Object.entries(pages)) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const before = bed.broker.requestCounts();
      const started = performance.now();
      const answer = await call();
      times.push(performance.now() - started);
      const after = bed.broker.requestCounts();
      perScan = Object.fromEntries(Object.entries(after).flatMap(([api, n]) => (n > (before[api] ?? 0) ? [[api, n - (before[api] ?? 0)]] : [])));
      if (i === 0) console.log(`${kind}: ${JSON.stringify(answer.counts)} matching, first page ${answer.items.length} items`);
    }
    medians.push(median(times));
    console.log(`${kind}: median ${median(times).toFixed(0)} ms, slowest ${Math.max(...times).toFixed(0)} ms over ${runs} calls`);
  }
  const total = Object.values(perScan).reduce((a, b) => a + b, 0);
  console.log(`requests of one scan: ${JSON.stringify(perScan)}`);
  console.log(`bench:discover topics=${topicCount} acls=${topicCount * principals.length} groups=${groupCount} scan_ms=${median(medians).toFixed(0)} requests=${total}`);
} finally {
  await bed.close();
}
