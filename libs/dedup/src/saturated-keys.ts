/** How long a key is remembered full, and how many are remembered at most. */
export interface SaturatedKeysLimits {
  ttlMs: number;
  maxKeys: number;
}

export const DEFAULT_SATURATED_KEYS_LIMITS: Readonly<SaturatedKeysLimits> = { ttlMs: 10 * 60_000, maxKeys: 200_000 };

/**
 * Posting keys a lookup found full (a stock sentence, a boilerplate paragraph, a band at its cap): no article is
 * posted under them any more, so two decisions can never find each other through one, and they need not take turns
 * on it (`KeyLocks`). In news shaped like the real stream nearly every article holds some stock sentence, and turns
 * on those keys made one deduplicator decide one article at a time. A key stays full until retention ages out
 * its holders (days); it is remembered `ttlMs`, so that change is seen within minutes, and at most `maxKeys`, the
 * oldest forgotten first. A key wrongly thought full costs no correctness between replicas either: the index's
 * claims settle races there.
 */
export class SaturatedKeys {
  /** key → until when it counts as full (epoch ms); insertion order is age order */
  private readonly until = new Map<string, number>();

  constructor(private readonly limits: SaturatedKeysLimits = DEFAULT_SATURATED_KEYS_LIMITS) {}

  note(keys: Iterable<string>, now: number): void {
    for (const key of keys) {
      this.until.delete(key);
      this.until.set(key, now + this.limits.ttlMs);
    }
    for (const oldest of this.until.keys()) {
      if (this.until.size <= this.limits.maxKeys) break;
      this.until.delete(oldest);
    }
  }

  has(key: string, now: number): boolean {
    const until = this.until.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.until.delete(key);
    return false;
  }

  get size(): number {
    return this.until.size;
  }
}
