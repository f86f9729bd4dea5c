import { hasSeparator } from './keys.ts';
import type { NameLookup } from './nameMap.ts';

/**
 * Numbers distinct string keys in the order they are first seen. Rules key their maps by numbers built
 * from identity numbers; when names hold the key separator they number the full string key instead,
 * so that two things are the same exactly when their string keys are.
 */
export class KeyNumbers {
  private readonly numbers = new Map<string, number>();

  /** The number of `key`: the same number for the same string. */
  of(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.numbers.size));
    return n;
  }

  /** The number of `key`; -1 when it has none. */
  find(key: string): number {
    return this.numbers.get(key) ?? -1;
  }
}

/**
 * Items gathered by identity, one kept per identity as `choose` decides (called in the order the items
 * came), each with a sort number, and listed by ascending sort number.
 */
export class RankedItems<T> {
  private items: T[];
  private ranks: Float64Array;
  private ids: Float64Array | undefined;
  private count = 0;

  /**
   * @param choose Which of the item kept so far and the next one of the same identity to keep.
   * @param identityIsRank `true` when the identity of every item is its sort number: the items are
   *   then told apart by sorting, with no map.
   * @param expected How many items will be added. The lists are sized once: grown item by item, a list
   *   of tens of thousands is copied at every step, and past 16,384 items each copy is a large object
   *   that the runtime maps from the system afresh.
   */
  constructor(
    private readonly choose: (kept: T, next: T) => T,
    identityIsRank: boolean,
    expected: number,
  ) {
    this.items = new Array<T>(expected);
    this.ranks = new Float64Array(expected);
    this.ids = identityIsRank ? undefined : new Float64Array(expected);
  }

  /** Adds an item with its identity number and its sort number (distinct for distinct identities). */
  add(id: number, item: T, rank: number): void {
    if (this.count === this.ranks.length) this.grow();
    const at = this.count++;
    this.items[at] = item;
    this.ranks[at] = rank;
    if (this.ids) this.ids[at] = id;
  }

  /** One item per identity, by ascending sort number, with the sort number of each, position by position. */
  sorted(): { items: T[]; ranks: Float64Array } {
    const { items, ranks, ids, count } = this;
    if (ids) {
      const slots = new Map<number, number>();
      const keptItems: T[] = [];
      const keptRanks: number[] = [];
      for (let i = 0; i < count; i++) {
        const slot = slots.get(ids[i] as number);
        if (slot === undefined) {
          slots.set(ids[i] as number, keptItems.length);
          keptItems.push(items[i] as T);
          keptRanks.push(ranks[i] as number);
        } else {
          const kept = this.choose(keptItems[slot] as T, items[i] as T);
          if (kept !== keptItems[slot]) {
            keptItems[slot] = kept;
            keptRanks[slot] = ranks[i] as number;
          }
        }
      }
      return inRankOrder(keptItems, keptRanks, keptItems.length);
    }
    // Sorting brings each identity's items together, in the order they came: keep one of each run.
    const ordered = inRankOrder(items, ranks, count);
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const item = ordered.items[i] as T;
      if (kept > 0 && ordered.ranks[i] === ordered.ranks[kept - 1]) ordered.items[kept - 1] = this.choose(ordered.items[kept - 1] as T, item);
      else {
        ordered.items[kept] = item;
        ordered.ranks[kept] = ordered.ranks[i] as number;
        kept++;
      }
    }
    ordered.items.length = kept;
    return { items: ordered.items, ranks: ordered.ranks.subarray(0, kept) };
  }

  // More items came than expected: twice the room.
  private grow(): void {
    const size = Math.max(16, this.ranks.length * 2);
    const ranks = new Float64Array(size);
    ranks.set(this.ranks);
    this.ranks = ranks;
    if (this.ids) {
      const ids = new Float64Array(size);
      ids.set(this.ids);
      this.ids = ids;
    }
  }
}

/** The first `count` items and their ranks, stably sorted by rank. */
function inRankOrder<T>(items: readonly T[], ranks: ArrayLike<number>, count: number): { items: T[]; ranks: Float64Array } {
  let maxRank = 0;
  for (let i = 0; i < count; i++) if ((ranks[i] as number) > maxRank) maxRank = ranks[i] as number;
  const order = (maxRank + 1) * count > Number.MAX_SAFE_INTEGER ? orderByComparing(ranks, count) : orderByNumbers(ranks, count);
  const sortedItems: T[] = new Array<T>(count);
  const sortedRanks = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = order[i] as number;
    sortedItems[i] = items[at] as T;
    sortedRanks[i] = ranks[at] as number;
  }
  return { items: sortedItems, ranks: sortedRanks };
}

/**
 * Positions stably sorted by rank: rank × count + position sorts as (rank, position) and carries the
 * position, so a plain numeric sort does the work without a comparator call per step.
 */
function orderByNumbers(ranks: ArrayLike<number>, count: number): Float64Array {
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = (ranks[i] as number) * count + i;
  keys.sort();
  for (let i = 0; i < count; i++) keys[i] = (keys[i] as number) % count;
  return keys;
}

/** {@link orderByNumbers} for ranks too large for that trick. */
function orderByComparing(ranks: ArrayLike<number>, count: number): number[] {
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || a - b);
}

/**
 * Numbers given beforehand to some strings and topics, which {@link TupleNumbers} keeps: names numbered
 * by a graph's index keep their numbers. Every name in it must be free of U+0000.
 */
export interface NumberSeed {
  /** The numbers of the topics on a connection, by name (each below `topicCount`). */
  topicsOn(connection: string): NameLookup | undefined;
  topicCount: number;
  /** The numbers of strings (each below `stringCount`). */
  strings: NameLookup;
  stringCount: number;
}

const noSeed: NumberSeed = { topicsOn: () => undefined, topicCount: 0, strings: new Map(), stringCount: 0 };

/**
 * Dense numbers for ordered pairs of numbers (each from 0 to 2^31 - 1): the first pair numbered gets 0,
 * the next new one 1, and so on, so that sets and maps of pairs can be typed arrays indexed by number.
 * The pairs live in an open-addressing hash table in one typed array, a slot being (first, second, the
 * pair's number plus one, unused): numbering a pair allocates nothing, a probe reads one cache line, and
 * the garbage collector has nothing in it to trace. A number of 0 marks a free slot.
 */
export class PairNumbers {
  private slots: Int32Array;
  private slotCount: number;
  /** How many pairs have a number: the numbers are 0 … `count - 1`. */
  count = 0;

  /** @param expected About how many pairs will be numbered, to size the table once. */
  constructor(expected = 0) {
    let size = 1024;
    while (size * 0.75 < expected) size *= 2;
    this.slotCount = size;
    this.slots = new Int32Array(size * 4);
  }

  /** The number of a pair, numbering it if it has none yet. */
  number(first: number, second: number): number {
    const slots = this.slots;
    let at = firstSlot(first, second, this.slotCount);
    for (;;) {
      const n = slots[at + 2] as number;
      if (n === 0) break;
      if (slots[at] === first && slots[at + 1] === second) return n - 1;
      at = nextSlot(at, this.slotCount);
    }
    slots[at] = first;
    slots[at + 1] = second;
    slots[at + 2] = ++this.count;
    if (this.count > this.slotCount * 0.75) this.grow();
    return this.count - 1;
  }

  /** The number of a pair; -1 when it has none. */
  find(first: number, second: number): number {
    const slots = this.slots;
    let at = firstSlot(first, second, this.slotCount);
    for (;;) {
      const n = slots[at + 2] as number;
      if (n === 0) return -1;
      if (slots[at] === first && slots[at + 1] === second) return n - 1;
      at = nextSlot(at, this.slotCount);
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slotCount *= 2;
    this.slots = new Int32Array(this.slotCount * 4);
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 2] === 0) continue;
      const first = old[from] as number;
      const second = old[from + 1] as number;
      let at = firstSlot(first, second, this.slotCount);
      while (this.slots[at + 2] !== 0) at = nextSlot(at, this.slotCount);
      this.slots[at] = first;
      this.slots[at + 1] = second;
      this.slots[at + 2] = old[from + 2] as number;
    }
  }
}

/** Where the probe for a pair starts in a table of `slotCount` slots (a power of two), as an index into its array. */
function firstSlot(first: number, second: number, slotCount: number): number {
  return ((Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & (slotCount - 1)) * 4;
}

/** The slot after the one at `at`, wrapping around. */
function nextSlot(at: number, slotCount: number): number {
  return (at + 4) & (slotCount * 4 - 1);
}

/**
 * Numbers for strings, for topics (connection and name) and for pairs of numbers, so that maps can be
 * keyed by small numbers instead of joined string keys. `plain` stays `true` while no numbered string
 * holds U+0000, the separator of the string keys; only then are tuples of numbers equal exactly when
 * the string keys are.
 */
export class TupleNumbers {
  // Strings and topics the seed does not number, numbered on from where its numbers end.
  private readonly strings = new Map<string, number>();
  private readonly topics = new Map<string, Map<string, number>>();
  private topicCount: number;
  private readonly pairs: PairNumbers;
  /** `false` once a numbered string holds U+0000. */
  plain = true;

  /**
   * @param expectedPairs About how many pairs will be numbered, to size the pair table once.
   * @param seed Numbers some strings and topics already have.
   */
  constructor(
    expectedPairs = 0,
    private readonly seed: NumberSeed = noSeed,
  ) {
    this.topicCount = seed.topicCount;
    this.pairs = new PairNumbers(expectedPairs);
  }

  // The last string, connection and topic looked up: neighbouring items mostly share them.
  private lastString: string | undefined;
  private lastStringNo = 0;
  private lastConnection: string | undefined;
  private lastSeeded: NameLookup | undefined;
  private lastTopics: Map<string, number> | undefined;
  private lastTopic: string | undefined;
  private lastTopicNo = 0;

  /** The number of a string. */
  string(text: string): number {
    if (text === this.lastString) return this.lastStringNo;
    let n = this.seed.strings.get(text) ?? this.strings.get(text);
    if (n === undefined) {
      this.strings.set(text, (n = this.seed.stringCount + this.strings.size));
      if (hasSeparator(text)) this.plain = false;
    }
    this.lastString = text;
    this.lastStringNo = n;
    return n;
  }

  /** The number of an ordered pair of numbers (each below 2^31). */
  pair(first: number, second: number): number {
    return this.pairs.number(first, second);
  }

  /** The number of a topic on a connection (numbered apart from strings and pairs). */
  topic(connection: string, topic: string): number {
    if (connection === this.lastConnection && topic === this.lastTopic) return this.lastTopicNo;
    if (connection !== this.lastConnection) {
      let topics = this.topics.get(connection);
      if (!topics) {
        this.topics.set(connection, (topics = new Map<string, number>()));
        if (hasSeparator(connection)) this.plain = false;
      }
      this.lastConnection = connection;
      this.lastSeeded = this.seed.topicsOn(connection);
      this.lastTopics = topics;
    }
    const topics = this.lastTopics as Map<string, number>;
    let n = this.lastSeeded?.get(topic) ?? topics.get(topic);
    if (n === undefined) {
      topics.set(topic, (n = this.topicCount++));
      if (hasSeparator(topic)) this.plain = false;
    }
    this.lastTopic = topic;
    this.lastTopicNo = n;
    return n;
  }
}

/**
 * Lists of numbers by key, flat (compressed sparse rows): the items of key `k` are
 * `items[start[k]] … items[start[k + 1] - 1]`, in the order they came.
 */
export function groupNumbers(keyCount: number, keys: ArrayLike<number>, values: ArrayLike<number>): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    start[key + 1] = (start[key + 1] as number) + 1;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const items = new Int32Array(keys.length);
  const filled = start.slice(0, keyCount);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    const at = filled[key] as number;
    filled[key] = at + 1;
    items[at] = values[i] as number;
  }
  return { start, items };
}
