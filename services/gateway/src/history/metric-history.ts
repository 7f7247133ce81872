/** The window the dashboard's charts cover: at least this much history is kept, whatever the sampling interval. */
export const HISTORY_WINDOW_MS = 60 * 60 * 1000;

/** One sample of every series at time `t`; a series missing from a sample (Kafka was down) is a gap. */
export interface HistorySample {
  t: number;
  values: Record<string, number>;
}

/**
 * History by column: `times[i]` is when sample i was taken, `series[name][i]` its value then (null: not read).
 * Columns keep a one-hour answer small (a few tens of kilobytes) compared with one object per sample.
 */
export interface HistoryView {
  intervalMs: number;
  times: number[];
  series: Record<string, Array<number | null>>;
}

/** How many samples cover HISTORY_WINDOW_MS at one per `intervalMs`, both ends included. */
export function historyCapacity(intervalMs: number): number {
  return Math.ceil(HISTORY_WINDOW_MS / intervalMs) + 1;
}

/** A fixed-size ring of samples: memory stays bounded however long the gateway runs. */
export class MetricHistory {
  private readonly samples: Array<HistorySample | undefined>;
  private next = 0;
  private size = 0;

  constructor(
    readonly intervalMs: number,
    readonly capacity = historyCapacity(intervalMs),
  ) {
    this.samples = new Array<HistorySample | undefined>(capacity);
  }

  record(sample: HistorySample): void {
    this.samples[this.next] = sample;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Oldest first. */
  view(): HistoryView {
    const ordered: HistorySample[] = [];
    for (let index = 0; index < this.size; index += 1) {
      const sample = this.samples[(this.next - this.size + index + this.capacity) % this.capacity];
      if (sample) ordered.push(sample);
    }
    const names = new Set(ordered.flatMap((sample) => Object.keys(sample.values)));
    const series: HistoryView['series'] = {};
    for (const name of [...names].sort()) series[name] = ordered.map((sample) => sample.values[name] ?? null);
    return { intervalMs: this.intervalMs, times: ordered.map((sample) => sample.t), series };
  }
}

/** Series names: one idea, one prefix. Topic end offsets and service counters are counters; lag is a gauge. */
export const seriesName = {
  topicEnd: (topic: string) => `topic-end ${topic}`,
  lag: (group: string, topic: string) => `lag ${group} ${topic}`,
  consumed: (service: string) => `consumed ${service}`,
  produced: (service: string) => `produced ${service}`,
  failed: (service: string) => `failed ${service}`,
};

/** What one sample reads of the pipeline (the stats snapshot and the service probe, as structural subsets). */
export interface SampleSources {
  topics: Array<{ topic: string; endOffsetTotal: number }>;
  groups: Array<{ group: string; topic: string; totalLag: number }>;
  services: Array<{ name: string; figures: { consumed: number; produced: number; failed: number } | null }>;
}

export function sampleValues(sources: SampleSources): Record<string, number> {
  const values: Record<string, number> = {};
  for (const topic of sources.topics) values[seriesName.topicEnd(topic.topic)] = topic.endOffsetTotal;
  for (const group of sources.groups) values[seriesName.lag(group.group, group.topic)] = group.totalLag;
  for (const service of sources.services) {
    if (!service.figures) continue;
    values[seriesName.consumed(service.name)] = service.figures.consumed;
    values[seriesName.produced(service.name)] = service.figures.produced;
    values[seriesName.failed(service.name)] = service.figures.failed;
  }
  return values;
}
