// Pure arithmetic of the fetcher benchmark: requests in flight per origin, poll lateness from due times and the
// requests the simulated web saw, Retry-After honoured or not, and the fetcher's CPU and RSS per minute.

/** Requests in flight per origin, now and at most: the simulated web's view of the fetcher's politeness. */
export class OriginLoad {
  private readonly current = new Map<number, number>();
  private readonly peak = new Map<number, number>();

  begin(origin: number): void {
    const now = (this.current.get(origin) ?? 0) + 1;
    this.current.set(origin, now);
    if (now > (this.peak.get(origin) ?? 0)) this.peak.set(origin, now);
  }

  end(origin: number): void {
    this.current.set(origin, Math.max(0, (this.current.get(origin) ?? 0) - 1));
  }

  inFlight(origin: number): number {
    return this.current.get(origin) ?? 0;
  }

  maxInFlight(origin: number): number {
    return this.peak.get(origin) ?? 0;
  }
}

/** One feed's runs in a window: the times it was due (from its source record) and the requests its URL received. */
export interface FeedTimeline {
  /** distinct due times (nextRunAt of the released source), ms */
  dueTimes: readonly number[];
  /** arrival times of requests to the feed's own URL, ms */
  requestTimes: readonly number[];
}

export interface LatenessFigures {
  /** due times inside the window */
  scheduled: number;
  /** of those, polls that reached the feed: lateness is known */
  polled: number;
  /** runs that ended without a request to the feed (deferred: the origin was paused by a Retry-After) */
  withoutRequest: number;
  /** due and never run by the window's end */
  missed: number;
  /** ms from due to the feed's first request, polled runs; then missed runs at their lower bound (end − due) */
  latenessMs: number[];
}

/**
 * Lateness of every run due inside [from, to]: the first request at or after the due time, if it came before the
 * source was due again (a later due time exists only once the run was released). A missed run counts at its lower
 * bound, so a scheduler that never gets to a feed cannot look punctual.
 */
export function pollLateness(
  timelines: Iterable<FeedTimeline>,
  window: { from: number; to: number; end: number },
): LatenessFigures {
  const figures: LatenessFigures = { scheduled: 0, polled: 0, withoutRequest: 0, missed: 0, latenessMs: [] };
  const missedLateness: number[] = [];
  for (const timeline of timelines) {
    const dues = [...new Set(timeline.dueTimes)].sort((a, b) => a - b);
    const requests = [...timeline.requestTimes].sort((a, b) => a - b);
    let cursor = 0;
    for (let i = 0; i < dues.length; i += 1) {
      const due = dues[i];
      while (cursor < requests.length && requests[cursor] < due) cursor += 1;
      if (due < window.from || due > window.to) continue;
      figures.scheduled += 1;
      const next = dues[i + 1] ?? Number.POSITIVE_INFINITY;
      const request = requests[cursor];
      if (request !== undefined && request < next) {
        figures.polled += 1;
        figures.latenessMs.push(request - due);
      } else if (next !== Number.POSITIVE_INFINITY) {
        figures.withoutRequest += 1;
      } else {
        figures.missed += 1;
        missedLateness.push(window.end - due);
      }
    }
  }
  figures.latenessMs.push(...missedLateness);
  return figures;
}

/**
 * Requests to a throttling origin while it had asked to be left alone: arriving more than `slackMs` after a 429 and
 * before that 429's Retry-After ran out. The slack covers requests already on their way when the 429 was sent.
 */
export function retryAfterViolations(
  requestTimes: readonly number[],
  throttles: ReadonlyArray<{ at: number; retryAfterMs: number }>,
  slackMs: number,
): number {
  let count = 0;
  for (const request of requestTimes) {
    if (throttles.some(({ at, retryAfterMs }) => request > at + slackMs && request < at + retryAfterMs - slackMs)) {
      count += 1;
    }
  }
  return count;
}

export interface ProcessSample {
  at: number;
  /** utime + stime, clock ticks */
  cpuTicks: number;
  rssBytes: number;
  /** the fetcher's run slots in use (inkstream_fetch_in_flight); null when /metrics did not answer */
  busySlots: number | null;
}

export interface MinuteRow {
  minute: number;
  /** share of one core, percent */
  cpuPercent: number;
  /** RSS at the minute's last sample, MiB */
  rssMiB: number;
  /** mean run slots in use over the minute's samples (NaN when none answered) */
  busySlots: number;
}

/** CPU share and RSS per whole minute since the first sample (the last, partial minute is left out). */
export function perMinute(samples: readonly ProcessSample[], ticksPerSecond = 100): MinuteRow[] {
  if (samples.length < 2) return [];
  const start = samples[0].at;
  const rows: MinuteRow[] = [];
  for (let minute = 1; ; minute += 1) {
    const boundary = start + minute * 60_000;
    const last = [...samples].reverse().find((sample) => sample.at <= boundary);
    const first = [...samples].reverse().find((sample) => sample.at <= boundary - 60_000);
    if (!last || !first || last === first || samples[samples.length - 1].at < boundary) break;
    const seconds = (last.at - first.at) / 1000;
    const busy = samples
      .filter((sample) => sample.at > boundary - 60_000 && sample.at <= boundary && sample.busySlots !== null)
      .map((sample) => sample.busySlots as number);
    rows.push({
      minute,
      cpuPercent: ((last.cpuTicks - first.cpuTicks) / ticksPerSecond / seconds) * 100,
      rssMiB: last.rssBytes / 2 ** 20,
      busySlots: busy.length > 0 ? busy.reduce((a, b) => a + b, 0) / busy.length : Number.NaN,
    });
  }
  return rows;
}

export interface TrickleRun {
  feed: number;
  /** from the run's first connection opening to its last closing (or to `now` while one is open), ms */
  heldMs: number;
  stillOpen: boolean;
}

/**
 * A trickling feed's connections grouped into runs: a connection opening within `gapMs` of the previous one's close
 * is a retry of the same run. A deadline that covers retries cuts the whole run; one lost when signals are combined
 * lets a retry run on, and the run's held time shows it.
 */
export function trickleRuns(
  connections: ReadonlyArray<{ feed: number; openedAt: number; closedAt: number | null }>,
  gapMs: number,
  now: number,
): TrickleRun[] {
  const byFeed = new Map<number, Array<{ openedAt: number; closedAt: number | null }>>();
  for (const connection of connections)
    byFeed.set(connection.feed, [...(byFeed.get(connection.feed) ?? []), connection]);
  const runs: TrickleRun[] = [];
  for (const [feed, list] of byFeed) {
    const sorted = [...list].sort((a, b) => a.openedAt - b.openedAt);
    let start = sorted[0].openedAt;
    let lastClose: number | null = sorted[0].closedAt;
    const close = () => runs.push({ feed, heldMs: (lastClose ?? now) - start, stillOpen: lastClose === null });
    for (const connection of sorted.slice(1)) {
      if (lastClose !== null && connection.openedAt - lastClose > gapMs) {
        close();
        start = connection.openedAt;
        lastClose = connection.closedAt;
      } else {
        lastClose =
          lastClose === null || connection.closedAt === null ? null : Math.max(lastClose, connection.closedAt);
      }
    }
    close();
  }
  return runs;
}

/** How an item first reached the fetcher. */
export type Delivery = 'pushed' | 'polled';

/** One published item's times, ms (null: it did not happen by the end). */
export interface ItemTimes {
  publishedAt: number;
  /** a feed document first listed it: the poll that could see it */
  listedAt: number | null;
  /** the hub sent the push that first carried it, and the fetcher acknowledged that push */
  pushedAt: number | null;
  /** its article reached the clean topic */
  cleanAt: number | null;
}

/** Pushed when an acknowledged push carried it before any poll listed it; polled when a poll listed it first. */
export function deliveryOf(item: ItemTimes): { delivery: Delivery; fetchedAt: number } | null {
  const { listedAt, pushedAt } = item;
  if (pushedAt !== null && (listedAt === null || pushedAt <= listedAt))
    return { delivery: 'pushed', fetchedAt: pushedAt };
  if (listedAt !== null) return { delivery: 'polled', fetchedAt: listedAt };
  return null;
}

export interface DeliveryLatency {
  /** items that came this way */
  items: number;
  /** published → fetched (pushed, or listed by a poll), ms */
  fetchedMs: number[];
  /** published → clean topic, ms, of those that reached it */
  cleanMs: number[];
}

/** Item latencies split by how each item reached the fetcher; items that reached it neither way are in neither. */
export function latencyByDelivery(items: Iterable<ItemTimes>): Record<Delivery, DeliveryLatency> {
  const split: Record<Delivery, DeliveryLatency> = {
    pushed: { items: 0, fetchedMs: [], cleanMs: [] },
    polled: { items: 0, fetchedMs: [], cleanMs: [] },
  };
  for (const item of items) {
    const reached = deliveryOf(item);
    if (!reached) continue;
    const figures = split[reached.delivery];
    figures.items += 1;
    figures.fetchedMs.push(reached.fetchedAt - item.publishedAt);
    if (item.cleanAt !== null) figures.cleanMs.push(item.cleanAt - item.publishedAt);
  }
  return split;
}

/**
 * CPU milliseconds per unit of work between `from` and `to` (the samples nearest inside), or NaN without two
 * samples or any work: a figure that holds on a shared machine, where rates and wall times do not.
 */
export function cpuMsPerUnit(
  samples: readonly ProcessSample[],
  window: { from: number; to: number },
  units: number,
  ticksPerSecond = 100,
): number {
  const inside = samples.filter((sample) => sample.at >= window.from && sample.at <= window.to);
  if (inside.length < 2 || units <= 0) return Number.NaN;
  const ticks = inside[inside.length - 1].cpuTicks - inside[0].cpuTicks;
  return ((ticks / ticksPerSecond) * 1000) / units;
}
