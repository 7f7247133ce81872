// Pure arithmetic of the pipeline benchmark: percentiles, sustained rates, Prometheus text, per-stage figures.

/** Nearest-rank percentile of unsorted values (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/**
 * Articles per second between the 10 % and the 90 % completion marks of a window: the rate the pipeline sustains,
 * without the ramp-up (services fetching their first batches) and the tail (the last stragglers draining).
 */
export function sustainedRate(completionTimesMs: readonly number[]): number {
  if (completionTimesMs.length < 10) return Number.NaN;
  const sorted = [...completionTimesMs].sort((a, b) => a - b);
  const from = Math.floor(sorted.length * 0.1);
  const to = Math.floor(sorted.length * 0.9) - 1;
  const seconds = (sorted[to] - sorted[from]) / 1000;
  return seconds > 0 ? (to - from) / seconds : Number.NaN;
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format (what every service serves on /metrics). */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]] = pair[2].replace(/\\(.)/g, '$1');
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** Sum of every sample of `name` whose labels include `where`. */
export function sumOf(samples: readonly Sample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(where).every(([key, value]) => sample.labels[key] === value))
    .reduce((total, sample) => total + sample.value, 0);
}

export interface StageWindow {
  stage: string;
  /** Messages handled in the window. */
  handled: number;
  /** Seconds spent inside handlers (summed over concurrent messages). */
  handlerSeconds: number;
  /** Database round trips in the window. */
  dbCommands: number;
  /** CPU seconds of the stage's process in the window. */
  cpuSeconds: number;
  /** Mean consumer lag over the window's samples. */
  meanLag: number;
}

export interface StageFigures extends StageWindow {
  ratePerSecond: number;
  cpuMsPerMessage: number;
  dbCommandsPerMessage: number;
}

export function stageFigures(windows: readonly StageWindow[], seconds: number): StageFigures[] {
  return windows.map((window) => ({
    ...window,
    ratePerSecond: window.handled / seconds,
    cpuMsPerMessage: window.handled > 0 ? (window.cpuSeconds * 1000) / window.handled : Number.NaN,
    dbCommandsPerMessage: window.handled > 0 ? window.dbCommands / window.handled : Number.NaN,
  }));
}

/**
 * The stage that limits: work queues up in front of the slowest stage, so it is the one with the largest mean lag;
 * when no queue formed (the offered load was below every stage's capacity), the one that used the most CPU.
 */
export function bottleneck(figures: readonly StageFigures[]): string {
  if (figures.length === 0) return 'none';
  const queued = [...figures].sort((a, b) => b.meanLag - a.meanLag)[0];
  if (queued.meanLag >= 50) return `${queued.stage} (mean lag ${Math.round(queued.meanLag)} messages)`;
  const busiest = [...figures].sort((a, b) => b.cpuSeconds - a.cpuSeconds)[0];
  return `${busiest.stage} (no queue formed; most CPU: ${busiest.cpuSeconds.toFixed(1)} s)`;
}

/** Process CPU from /proc/<pid>/stat: utime + stime of the process (fields 14 and 15), in clock ticks. */
/**
 * CPU ticks of a process and of its children that have exited and been reaped (utime + stime + cutime + cstime):
 * PostgreSQL's backends come and go, and a tree sum of live processes alone went down when one exited.
 */
export function cpuTicksFromStat(stat: string): number {
  // The command name (field 2) may contain spaces and parentheses: fields are counted after its closing ")".
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
}

export function parentPidFromStat(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}
