/** What a replica saw of its source runs over one sizing window. */
export interface RunSlotSample {
  /** run slots during the window */
  slots: number;
  /** a claim in the window filled every free slot: more sources were due than there were slots */
  backlogged: boolean;
  /** runs finished per second in the window */
  finishedPerSecond: number;
  /** mean duration of the runs finished in the window, seconds; null when none finished */
  meanRunSeconds: number | null;
  /** CPU the process used in the window, as a share of one core (a Node process runs on one) */
  cpu: number;
  /** requests waiting for their origin's politeness (a slot or the spacing) when the window ended */
  waitingForOrigin: number;
}

export interface RunSlotPolicy {
  /** never fewer slots (FETCHER_CONCURRENCY, also where a replica starts) */
  min: number;
  /** never more (FETCH_MAX_CONCURRENCY) */
  max: number;
  /** at or above this CPU share the slots shrink: more runs would only queue for the event loop */
  cpuCeiling: number;
  /** runs shorter than this on average are not waiting on the network, so more slots would not help */
  minLatencySeconds: number;
}

export const DEFAULT_RUN_SLOT_POLICY: Readonly<Omit<RunSlotPolicy, 'min' | 'max'>> = {
  cpuCeiling: 0.8,
  minLatencySeconds: 0.2,
};

/** Slots kept over Little's law (throughput × latency), so a burst does not find the replica one slot short. */
const HEADROOM = 1.5;

/**
 * How many source runs to allow at once next window. A run mostly waits on the network, so when sources are left
 * due (backlog) and runs are slow, slots grow by half, unless the CPU is near its ceiling or the runs already
 * queue behind their origins' politeness limits (more slots would only lengthen those queues). Without a backlog
 * the slots ease down by a tenth per window towards what the measured load needs by Little's law. CPU at the
 * ceiling shrinks them by a quarter. Always within [min, max].
 */
export function sizeRunSlots(sample: RunSlotSample, policy: RunSlotPolicy): number {
  const bounded = (slots: number) => Math.min(policy.max, Math.max(policy.min, slots));
  if (sample.cpu >= policy.cpuCeiling) return bounded(Math.floor(sample.slots * 0.75));
  if (sample.backlogged) {
    const slowRuns = sample.meanRunSeconds === null || sample.meanRunSeconds >= policy.minLatencySeconds;
    const originsHaveRoom = sample.waitingForOrigin < sample.slots / 2;
    return bounded(slowRuns && originsHaveRoom ? Math.ceil(sample.slots * 1.5) : sample.slots);
  }
  if (sample.meanRunSeconds === null) return bounded(sample.slots);
  const needed = Math.ceil(sample.finishedPerSecond * sample.meanRunSeconds * HEADROOM);
  if (needed >= sample.slots) return bounded(sample.slots);
  return bounded(Math.max(needed, Math.floor(sample.slots * 0.9)));
}
