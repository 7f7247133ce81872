/**
 * In-process locks on sets of keys: a holder of keys {a, b} excludes anyone wanting a or b, while work on disjoint
 * keys runs at once. All of a caller's keys are taken together (or it waits for a holder and tries again), so two
 * callers can never each hold part of what the other needs: no deadlock.
 */
export class KeyLocks {
  private readonly held = new Map<string, Promise<void>>();

  async withKeys<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    for (;;) {
      const busy = unique.map((key) => this.held.get(key)).filter((holder): holder is Promise<void> => !!holder);
      if (busy.length === 0) break;
      await Promise.race(busy);
    }
    let release!: () => void;
    const holder = new Promise<void>((done) => (release = done));
    for (const key of unique) this.held.set(key, holder);
    try {
      return await work();
    } finally {
      for (const key of unique) if (this.held.get(key) === holder) this.held.delete(key);
      release();
    }
  }

  /** Keys held right now (for tests and diagnostics). */
  size(): number {
    return this.held.size;
  }
}
