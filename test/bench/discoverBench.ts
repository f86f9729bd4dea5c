/**
 * bench:discover — Discover on a large cluster (issue 21): 5,000 topics (every tenth with a
 * retention of its own), 20,000 ACLs (four principals on each topic) and 20 consumer groups with
 * committed offsets, on the embedded broker over TCP with SASL, made by a plain kafkajs client. One
 * warm-up call, then five Rescans through the API as a cluster admin (each scans the whole cluster in
 * one batched pass), then each kind of page (topics, ACLs, groups, and the next page) asked five times,
 * which read the scan the server keeps.
 *
 * Prints the median and the slowest scan and page, and the admin requests one scan and one page send
 * (counted at the broker). The last line is the figure compared from one change to the next:
 *   bench:discover topics=5000 acls=20000 groups=20 scan_ms=<median> requests=<total per scan> page_ms=<median> page_requests=<total per page>
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

  /** Times `call` `runs` times; answers the median, the slowest, and the requests the broker received on the last call. */
  async function measure(call: () => Promise<unknown>): Promise<{ median: number; slowest: number; requests: Record<string, number> }> {
    const times: number[] = [];
    let requests: Record<string, number> = {};
    for (let i = 0; i < runs; i++) {
      const before = bed.broker.requestCounts();
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
      const after = bed.broker.requestCounts();
      requests = Object.fromEntries(Object.entries(after).flatMap(([api, n]) => (n > (before[api] ?? 0) ? [[api, n - (before[api] ?? 0)]] : [])));
    }
    return { median: median(times), slowest: Math.max(...times), requests };
  }
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

  const scan = await measure(() => caller.discover.topics({ connection: 'local', limit: 100, rescan: true }));
  console.log(`scan (Rescan): median ${scan.median.toFixed(0)} ms, slowest ${scan.slowest.toFixed(0)} ms over ${runs} calls`);
  console.log(`requests of one scan: ${JSON.stringify(scan.requests)}`);

  const first = await caller.discover.topics({ connection: 'local', limit: 100 });
  const pages = {
    topics: () => caller.discover.topics({ connection: 'local', limit: 100 }),
    'topics, next page': () => caller.discover.topics({ connection: 'local', limit: 100, cursor: first.nextCursor ?? '' }),
    'topics, search': () => caller.discover.topics({ connection: 'local', limit: 100, search: '01234' }),
    acls: () => caller.discover.acls({ connection: 'local', limit: 100 }),
    groups: () => caller.discover.groups({ connection: 'local', limit: 100 }),
  };
  const medians: number[] = [];
  let pageRequests: Record<string, number> = {};
  for (const [kind, call] of Object.entries(pages)) {
    const answer = await call();
    console.log(`${kind}: ${JSON.stringify(answer.counts)} matching, ${answer.items.length} items shown`);
    const page = await measure(call);
    medians.push(page.median);
    pageRequests = page.requests;
    console.log(`${kind} from the kept scan: median ${page.median.toFixed(0)} ms, slowest ${page.slowest.toFixed(0)} ms over ${runs} calls, requests ${JSON.stringify(page.requests)}`);
  }
  console.log(
    `bench:discover topics=${topicCount} acls=${topicCount * principals.length} groups=${groupCount} scan_ms=${scan.median.toFixed(0)} requests=${sum(scan.requests)} page_ms=${median(medians).toFixed(0)} page_requests=${sum(pageRequests)}`,
  );
} finally {
  await bed.close();
}
