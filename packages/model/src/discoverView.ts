/**
 * What a caller sees of a discovery: the part the caller's grants cover, one page at a time.
 */
import type { Actor, Grant } from './catalog.ts';
import type { DiscoverInput, DiscoverPage, DiscoverStatus, Discovery, Item } from './discover.ts';
import { byString } from './keys.ts';
import { consumerGroupFor, principalFor, type NamingOptions } from './naming.ts';
import { parseAlgorithmRef } from './nameRules.ts';

/**
 * What of a discovery `actor` may see on the connection: a cluster admin everything; anyone else only
 * what the org's grants there cover: the granted topics, the ACLs of the org's granted algorithms'
 * principals, and the consumer groups of the org's subscribe grants (their lag on granted topics only).
 * `grants` are the grants on the connection (every org's).
 */
export function visibleTo(actor: Actor, discovery: Discovery, grants: readonly Grant[], naming: NamingOptions): Discovery {
  if (actor.role === 'admin') return discovery;
  const own = grants.filter((g) => parseAlgorithmRef(g.algorithm)?.org === actor.orgId);
  const topics = new Set(own.map((g) => g.topic));
  const principals = new Set(own.map((g) => principalFor(g.algorithm, naming)));
  const groups = new Set(own.filter((g) => g.access === 'subscribe').map((g) => consumerGroupFor(g.algorithm, g.connection, g.topic, naming)));
  return {
    topics: discovery.topics.filter((t) => topics.has(t.name)),
    principals: discovery.principals.filter((p) => principals.has(p.name)),
    groups: discovery.groups.filter((g) => groups.has(g.name)).map((g) => ({ ...g, lag: g.lag.filter((o) => topics.has(o.topic)) })),
    authorizer: discovery.authorizer,
  };
}

/**
 * One page of `items` (sorted by name): those whose name contains `search` (any case) and, when
 * `status` is given, with that status, after `cursor`, at most `limit`.
 */
export function discoverPage<T extends Item>(items: readonly T[], input: Pick<DiscoverInput, 'search' | 'status' | 'cursor' | 'limit'>): DiscoverPage<T> {
  const needle = input.search?.trim().toLowerCase() ?? '';
  const found = needle === '' ? items : items.filter((item) => item.name.toLowerCase().includes(needle));
  const counts: Record<DiscoverStatus, number> = { managed: 0, unmanaged: 0, drifted: 0, adopted: 0, 'left-alone': 0 };
  for (const item of found) counts[item.status] += 1;
  const cursor = input.cursor;
  const after = found.filter((item) => (input.status === undefined || item.status === input.status) && (cursor === undefined || byString(item.name, cursor) > 0));
  const page = after.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: after.length > page.length && last ? last.name : null, counts };
}
