// Linear probing stays short up to about this load; beyond it probe runs grow quickly.
const MAX_LOAD = 0.7;

/**
 * A multimap from 32-bit keys to 32-bit values in two flat typed arrays (open addressing, linear probing): at a
 * million articles with ~40 keys each, a Map of arrays would cost several times the memory and exceed V8's Map
 * size limit. Values for a key come back in insertion order, so the first is the key's earliest holder.
 */
export class KeyPostings {
  private keys: Uint32Array;
  private values: Uint32Array;
  private used = 0;

  constructor(expectedEntries = 1024) {
    let capacity = 1024;
    while (capacity * MAX_LOAD < expectedEntries) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.values = new Uint32Array(capacity);
  }

  get size(): number {
    return this.used;
  }

  get byteLength(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  /** Values stored under `key`, oldest first. */
  get(key: number): number[] {
    const found: number[] = [];
    const stored = storedKey(key);
    const mask = this.keys.length - 1;
    for (let slot = slotOf(stored, mask); this.keys[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.keys[slot] === stored) found.push(this.values[slot]);
    }
    return found;
  }

  /** The oldest value stored under `key` (its first holder), or undefined; allocates nothing. */
  first(key: number): number | undefined {
    const stored = storedKey(key);
    const mask = this.keys.length - 1;
    for (let slot = slotOf(stored, mask); this.keys[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.keys[slot] === stored) return this.values[slot];
    }
    return undefined;
  }

  /** How many values are stored under `key`, counting no further than `limit`. */
  count(key: number, limit: number): number {
    const stored = storedKey(key);
    const mask = this.keys.length - 1;
    let found = 0;
    for (let slot = slotOf(stored, mask); this.keys[slot] !== 0 && found < limit; slot = (slot + 1) & mask) {
      if (this.keys[slot] === stored) found++;
    }
    return found;
  }

  add(key: number, value: number): void {
    if (this.used + 1 > this.keys.length * MAX_LOAD) this.grow();
    this.place(storedKey(key), value);
    this.used++;
  }

  private place(stored: number, value: number): void {
    const mask = this.keys.length - 1;
    let slot = slotOf(stored, mask);
    while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
    this.keys[slot] = stored;
    this.values[slot] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Uint32Array(keys.length * 2);
    // Re-inserting in old slot order keeps each key's values in insertion order: linear probing visits them so.
    const mask = keys.length - 1;
    let start = 0;
    while (start < keys.length && keys[start] !== 0) start++;
    for (let n = 1; n <= keys.length; n++) {
      const slot = (start + n) & mask;
      if (keys[slot] !== 0) this.place(keys[slot], values[slot]);
    }
  }
}

// 0 marks an empty slot, so key 0 is stored as 1; a shared key only ever adds a candidate, never a verdict.
function storedKey(key: number): number {
  return key >>> 0 || 1;
}

function slotOf(stored: number, mask: number): number {
  return (Math.imul(stored, 0x9e3779b1) >>> 0) & mask;
}
