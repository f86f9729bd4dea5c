/**
 * The scans discovery keeps (issue 21): one per connection and caller's visibility, for
 * `discoverLimits.keptScanSeconds`, so that paging, searching and switching kinds read the kept scan
 * rather than the cluster. A kept scan is let go when it is older than that, when the studio's state it
 * was classified against has changed since (its stamp: a deploy, a saved or adopted flow, a grant or a
 * "leave alone" mark), when a person asks to rescan, and, oldest first, when more scans or items are
 * kept than `discoverLimits` allows.
 */
import { discoverLimits, type Discovery } from '@event-flows/model';
import type { Queryable } from '../db/db.ts';
import type { User } from '../identity/identity.ts';

/** A scan as kept: what it found as its callers may see it, when, and the studio's state it was classified against. */
export interface KeptScan {
  discovery: Discovery;
  /** When the cluster was read (ms since the epoch). */
  scannedAt: number;
  stamp: string;
}

/** Bounds of a {@link DiscoverMemory}; the defaults are the model's `discoverLimits`. */
export interface MemoryBounds {
  keepMs: number;
  scans: number;
  items: number;
}

const defaultBounds: MemoryBounds = { keepMs: discoverLimits.keptScanSeconds * 1000, scans: discoverLimits.keptScans, items: discoverLimits.keptItems };

/** Who sees the same discovery: a cluster admin everything; anyone else what the org's grants cover. */
export function visibilityOf(user: User): string {
  return user.role === 'admin' ? 'admin' : `org ${user.orgId}`;
}

function itemsOf(discovery: Discovery): number {
  return discovery.topics.length + discovery.groups.length + discovery.principals.reduce((sum, p) => sum + p.acls.length, 0);
}

/** The kept scans of one server process. */
export class DiscoverMemory {
  private readonly kept = new Map<string, KeptScan>();
  /** Scans under way, shared by the pages asked for while they run. */
  private readonly running = new Map<string, Promise<KeptScan>>();

  constructor(
    private readonly bounds: MemoryBounds = defaultBounds,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The kept scan of `connection` for `visibility` when it is recent and was classified against
   * `stamp`; otherwise (or with `rescan`) the answer of `scan`, kept. Pages asked for while a scan
   * runs share it.
   */
  async read(connection: string, visibility: string, stamp: string, rescan: boolean, scan: () => Promise<Discovery>): Promise<KeptScan> {
    const key = `${connection}\u0000${visibility}`;
    const kept = this.kept.get(key);
    if (!rescan && kept && kept.stamp === stamp && this.now() - kept.scannedAt < this.bounds.keepMs) return kept;
    const running = this.running.get(key);
    if (running && !rescan) return running;
    const started = this.now();
    const next = scan().then((discovery) => {
      const fresh = { discovery, scannedAt: started, stamp };
      this.keep(key, fresh);
      return fresh;
    });
    this.running.set(key, next);
    try {
      return await next;
    } finally {
      if (this.running.get(key) === next) this.running.delete(key);
    }
  }

  /** How many scans, and items, are kept now. */
  size(): { scans: number; items: number } {
    let items = 0;
    for (const kept of this.kept.values()) items += itemsOf(kept.discovery);
    return { scans: this.kept.size, items };
  }

  private keep(key: string, scan: KeptScan): void {
    this.kept.delete(key);
    if (itemsOf(scan.discovery) > this.bounds.items) return;
    this.kept.set(key, scan);
    // A Map iterates in insertion order: the first key is the scan kept longest.
    while (this.kept.size > this.bounds.scans || this.size().items > this.bounds.items) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
  }
}

/**
 * The studio's state a discovery of `connection` is classified against, as one string: it changes
 * with each deploy (started or finished), saved, adopted or deleted flow, grant on the connection and
 * "leave alone" mark on it. Read in one query.
 */
export async function discoverStamp(q: Queryable, connection: string): Promise<string> {
  const [row] = await q.query<{ stamp: string }>(
    `select concat_ws(' ',
        (select count(*) || '/' || coalesce(max(coalesce(finished_at, started_at))::text, '') from deployments),
        (select count(*) || '/' || coalesce(max(updated_at)::text, '') from flows),
        (select count(*) || '/' || coalesce(max(granted_at)::text, '') from grants where connection_id = $1),
        (select count(*) || '/' || coalesce(max(marked_at)::text, '') from left_alone where connection_id = $1)) as stamp`,
    [connection],
  );
  return row?.stamp ?? '';
}
