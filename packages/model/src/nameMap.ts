/** What the model reads of a map from names to numbers: a `Map<string, number>` is one, and so is {@link NameMap}. */
export interface NameLookup {
  get(name: string): number | undefined;
  readonly size: number;
}

/**
 * A map from strings to 32-bit integers, for the index's large maps (node ids, algorithm references, topic
 * names). Entries live in typed arrays under an open-addressing hash table: sized once for the entries
 * expected, a table of tens of thousands of names is neither grown step by step (each step a fresh
 * table from the system) nor copied by the garbage collector, as a `Map` of that size is. Keys are kept
 * as the strings given; look-ups compare them with `===`.
 */
export class NameMap implements NameLookup {
  // Entry number plus one per slot; 0 marks a free slot. A power of two, at most half full.
  private slots: Int32Array;
  private hashes: Int32Array;
  private values: Int32Array;
  private keys: string[];
  /** How many names the map holds. */
  size = 0;

  /** @param expected About how many names it will hold; more make it grow. */
  constructor(expected = 0) {
    let slotCount = 16;
    while (slotCount < expected * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount);
    const room = Math.max(expected, 8);
    this.hashes = new Int32Array(room);
    this.values = new Int32Array(room);
    this.keys = new Array<string>(room);
  }

  /** The number of `name`, or `undefined` when the map lacks it. */
  get(name: string): number | undefined {
    const entry = this.find(name, hashOf(name));
    return entry === -1 ? undefined : this.values[entry];
  }

  /** Sets the number of `name`, replacing the one it had. */
  set(name: string, value: number): this {
    const hash = hashOf(name);
    const entry = this.find(name, hash);
    if (entry !== -1) this.values[entry] = value;
    else this.add(name, hash, value);
    return this;
  }

  /** Sets the number of `name` unless it has one; tells whether it was added. */
  setIfAbsent(name: string, value: number): boolean {
    const hash = hashOf(name);
    if (this.find(name, hash) !== -1) return false;
    this.add(name, hash, value);
    return true;
  }

  private add(name: string, hash: number, value: number): void {
    if (this.size === this.values.length || (this.size + 1) * 2 > this.slots.length) this.grow();
    const added = this.size++;
    this.hashes[added] = hash;
    this.values[added] = value;
    this.keys[added] = name;
    this.place(added, hash);
  }

  /** The names, in the order they were first set. */
  names(): string[] {
    return this.keys.slice(0, this.size);
  }

  // The entry holding `name`, or -1.
  private find(name: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at] as number;
      if (slot === 0) return -1;
      if (this.hashes[slot - 1] === hash && this.keys[slot - 1] === name) return slot - 1;
    }
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let at = hash & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = entry + 1;
  }

  private grow(): void {
    if (this.size === this.values.length) {
      const room = this.values.length * 2;
      const hashes = new Int32Array(room);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const values = new Int32Array(room);
      values.set(this.values);
      this.values = values;
      this.keys.length = room;
    }
    if ((this.size + 1) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let entry = 0; entry < this.size; entry++) this.place(entry, this.hashes[entry] as number);
    }
  }
}

/** FNV-1a over the string's UTF-16 code units. */
function hashOf(name: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash;
}
