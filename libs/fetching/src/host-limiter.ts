export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface HostLimits {
  /** requests in flight to one host at once */
  maxConcurrent: number;
  /** minimum time between two request starts on one host */
  minIntervalMs: number;
}

interface HostState {
  active: number;
  waiters: Array<() => void>;
  nextStartAt: number;
  minIntervalMs: number;
}

/**
 * Politeness per host: at most `maxConcurrent` requests in flight and request starts spaced by at least
 * `minIntervalMs` (raised per host by robots.txt Crawl-delay). Whatever number of sources share a host, the host
 * sees one polite client. In-process only: replicas each keep their own budget, which is why the defaults are low.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly limits: HostLimits,
    private readonly clock: Clock = systemClock,
  ) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host, state);
    }
  }

  /** Raises the spacing for one host (Crawl-delay); never lowers it below the configured minimum. */
  setMinInterval(host: string, ms: number): void {
    const state = this.state(host);
    state.minIntervalMs = Math.max(this.limits.minIntervalMs, ms);
  }

  /** Hosts with state kept (in flight, queued or spaced): for tests and the gauge. */
  trackedHosts(): number {
    return this.hosts.size;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, waiters: [], nextStartAt: 0, minIntervalMs: this.limits.minIntervalMs };
      this.hosts.set(host, state);
    }
    return state;
  }

  private async acquire(host: string): Promise<HostState> {
    const state = this.state(host);
    // A releasing request hands its slot straight to the next waiter, so `active` never overshoots.
    if (state.active >= this.limits.maxConcurrent) await new Promise<void>((resolve) => state.waiters.push(resolve));
    else state.active += 1;
    const now = this.clock.now();
    const startAt = Math.max(now, state.nextStartAt);
    state.nextStartAt = startAt + state.minIntervalMs;
    if (startAt > now) await this.clock.sleep(startAt - now);
    return state;
  }

  private release(host: string, state: HostState): void {
    const next = state.waiters.shift();
    if (next) {
      next();
      return;
    }
    state.active -= 1;
    // Forget idle hosts (unbounded host counts must not grow the map forever), unless spacing still applies.
    if (
      state.active === 0 &&
      state.nextStartAt <= this.clock.now() &&
      state.minIntervalMs === this.limits.minIntervalMs
    )
      this.hosts.delete(host);
  }
}
