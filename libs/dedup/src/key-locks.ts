/** A place in line for a set of keys: `ready` once every earlier holder of one of them has released. */
export interface KeyTurn {
  readonly ready: Promise<void>;
  release(): void;
}

/**
 * In-process locks on sets of keys, first come first served: a turn for {a, b} starts once every turn taken
 * earlier on a or b has ended, while turns on disjoint keys run at once. A turn is taken synchronously (`take`),
 * so callers that take theirs in a known order (the messages of a partition, in offset order) are served in that
 * order, and can do work that needs no lock (reads) while they wait. Waiting only ever goes to earlier turns, so
 * there is no cycle: no deadlock, whatever order the keys are listed in.
 */
export class KeyLocks {
  /** The latest turn on each key; a key is removed when its latest turn ends. */
  private readonly latest = new Map<string, Promise<void>>();

  take(keys: readonly string[]): KeyTurn {
    const unique = [...new Set(keys)];
    const earlier = unique.map((key) => this.latest.get(key)).filter((turn): turn is Promise<void> => !!turn);
    let release!: () => void;
    const ended = new Promise<void>((done) => (release = done));
    // A turn ends when its work is done and every earlier turn it waited for has ended (released early, it still
    // must not let a later turn overtake those).
    const mine = Promise.all([ended, ...earlier]).then(() => undefined);
    for (const key of unique) this.latest.set(key, mine);
    const ready = Promise.all(earlier).then(() => undefined);
    let waiting = earlier.length > 0;
    void ready.then(() => (waiting = false));
    const forget = () => {
      for (const key of unique) if (this.latest.get(key) === mine) this.latest.delete(key);
    };
    let released = false;
    return {
      ready,
      release: () => {
        if (released) return;
        released = true;
        release();
        if (waiting) void mine.then(forget);
        else forget();
      },
    };
  }

  async withKeys<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const turn = this.take(keys);
    try {
      await turn.ready;
      return await work();
    } finally {
      turn.release();
    }
  }

  /** Keys with a turn taken or running right now (for tests and diagnostics). */
  size(): number {
    return this.latest.size;
  }
}
