import { sleepUnless } from './deadline';

export interface Clock {
  now(): number;
  /** resolves after `ms`; rejects with the signal's reason once it aborts */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => (signal ? sleepUnless(ms, signal) : new Promise((resolve) => setTimeout(resolve, ms))),
};

export interface OriginLimits {
  /** requests in flight to one origin at once */
  maxConcurrent: number;
  /** minimum time between two request starts on one origin */
  minIntervalMs: number;
}

export interface PolitenessLimits extends OriginLimits {
  /**
   * Limits for particular origins (`https://news.example:8443`) or hosts (`news.example`, every origin of that
   * host); an origin entry wins over its host's entry.
   */
  overrides?: ReadonlyMap<string, OriginLimits>;
}

interface OriginState {
  limits: OriginLimits;
  active: number;
  waiters: Array<() => void>;
  nextStartAt: number;
  /** no start before this (Retry-After) */
  heldUntil: number;
  minIntervalMs: number;
}

/**
 * Politeness per origin (scheme, host and port): at most `maxConcurrent` requests in flight and request starts
 * spaced by at least `minIntervalMs` (raised by robots.txt Crawl-delay, paused by Retry-After). Whatever number of
 * sources share an origin, it sees one polite client; two ports of one host are two servers with budgets of their
 * own. In-process only: replicas each keep their own budget, which is why the defaults are low.
 */
export class OriginLimiter {
  private readonly origins = new Map<string, OriginState>();
  private waitingCount = 0;

  constructor(
    private readonly limits: PolitenessLimits,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Runs `task` in a slot of the URL's origin; waiting for the slot ends when `signal` aborts. A `continuing`
   * request (the next hop of a redirect already under way) waits at the head of the origin's queue: its deadline
   * has been running since its first hop, and queueing it behind every newcomer again at each hop let a three-hop
   * chain on a busy origin run out of time without ever being slow. It waits for one slot to free, not the queue.
   */
  async run<T>(url: URL, task: () => Promise<T>, signal?: AbortSignal, continuing = false): Promise<T> {
    const state = await this.acquire(url, signal, continuing);
    try {
      return await task();
    } finally {
      this.release(url.origin, state);
    }
  }

  /** The limits that apply to the URL's origin: its own override, else its host's, else the defaults. */
  limitsFor(url: URL): OriginLimits {
    return this.limits.overrides?.get(url.origin) ?? this.limits.overrides?.get(url.hostname) ?? this.limits;
  }

  /** Raises the spacing for one origin (Crawl-delay); never lowers it below the origin's configured minimum. */
  setMinInterval(url: URL, ms: number): void {
    const state = this.state(url);
    state.minIntervalMs = Math.max(state.limits.minIntervalMs, ms);
  }

  /** No request to the origin starts before `until` (a Retry-After applies to the whole origin). */
  holdOff(url: URL, until: number): void {
    const state = this.state(url);
    state.heldUntil = Math.max(state.heldUntil, until);
    state.nextStartAt = Math.max(state.nextStartAt, until);
  }

  /** How long the origin's Retry-After still holds requests back, in ms (0 when it does not). */
  heldOffFor(url: URL): number {
    const state = this.origins.get(url.origin);
    return state ? Math.max(0, state.heldUntil - this.clock.now()) : 0;
  }

  /** How far ahead request starts on the origin are already spoken for (spacing and Retry-After), in ms. */
  backlogFor(url: URL): number {
    const state = this.origins.get(url.origin);
    return state ? Math.max(0, state.nextStartAt - this.clock.now()) : 0;
  }

  /** Requests waiting for a slot or for the spacing of their origin, over every origin. */
  waiting(): number {
    return this.waitingCount;
  }

  /** Origins with state kept (in flight, queued or spaced): for tests and the gauge. */
  trackedOrigins(): number {
    return this.origins.size;
  }

  private state(url: URL): OriginState {
    let state = this.origins.get(url.origin);
    if (!state) {
      const limits = this.limitsFor(url);
      state = { limits, active: 0, waiters: [], nextStartAt: 0, heldUntil: 0, minIntervalMs: limits.minIntervalMs };
      this.origins.set(url.origin, state);
    }
    return state;
  }

  private async acquire(url: URL, signal: AbortSignal | undefined, continuing: boolean): Promise<OriginState> {
    signal?.throwIfAborted();
    this.waitingCount += 1;
    try {
      return await this.acquireSlot(url, signal, continuing);
    } finally {
      this.waitingCount -= 1;
    }
  }

  private async acquireSlot(url: URL, signal: AbortSignal | undefined, continuing: boolean): Promise<OriginState> {
    const state = this.state(url);
    // A releasing request hands its slot straight to the next waiter, so `active` never overshoots.
    if (state.active >= state.limits.maxConcurrent) await this.queue(state, signal, continuing);
    else state.active += 1;
    const now = this.clock.now();
    const startAt = Math.max(now, state.nextStartAt);
    const reserved = startAt + state.minIntervalMs;
    state.nextStartAt = reserved;
    try {
      if (startAt > now) await this.clock.sleep(startAt - now, signal);
    } catch (error) {
      // An abandoned start gives its turn back when no later request has queued behind it.
      if (state.nextStartAt === reserved) state.nextStartAt = Math.max(startAt, state.heldUntil);
      this.release(url.origin, state);
      throw error;
    }
    return state;
  }

  /** Waits for a slot handed over by a releasing request; gives up its place in the queue when `signal` aborts. */
  private queue(state: OriginState, signal: AbortSignal | undefined, continuing: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = state.waiters.indexOf(handOver);
        if (index < 0) return;
        state.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const handOver = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (continuing) state.waiters.unshift(handOver);
      else state.waiters.push(handOver);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(origin: string, state: OriginState): void {
    const next = state.waiters.shift();
    if (next) {
      next();
      return;
    }
    state.active -= 1;
    // Forget idle origins (unbounded origin counts must not grow the map forever), unless spacing still applies.
    if (
      state.active === 0 &&
      state.nextStartAt <= this.clock.now() &&
      state.minIntervalMs === state.limits.minIntervalMs
    )
      this.origins.delete(origin);
  }
}
