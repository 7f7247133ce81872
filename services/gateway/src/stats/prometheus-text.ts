/** One sample of the Prometheus text exposition format. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the exposition text prom-client writes (comments skipped, label values unescaped). */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(LABEL)) {
      labels[name] = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    const value = Number(match[3]);
    if (!Number.isNaN(value)) samples.push({ name: match[1], labels, value });
  }
  return samples;
}

/** The pipeline figures of one service, summed over topics and groups: counters the dashboard turns into rates. */
export interface ServiceFigures {
  produced: number;
  consumed: number;
  failed: number;
  deadLettered: number;
  retried: number;
  handlerSecondsSum: number;
  handlerSecondsCount: number;
  consumerLag: number;
}

const FIGURES: Record<string, keyof ServiceFigures> = {
  inkstream_messages_produced_total: 'produced',
  inkstream_messages_consumed_total: 'consumed',
  inkstream_messages_failed_total: 'failed',
  inkstream_dead_letters_total: 'deadLettered',
  inkstream_messages_retried_total: 'retried',
  inkstream_handler_duration_seconds_sum: 'handlerSecondsSum',
  inkstream_handler_duration_seconds_count: 'handlerSecondsCount',
  inkstream_consumer_lag: 'consumerLag',
};

export function serviceFigures(samples: MetricSample[]): ServiceFigures {
  const figures: ServiceFigures = {
    produced: 0,
    consumed: 0,
    failed: 0,
    deadLettered: 0,
    retried: 0,
    handlerSecondsSum: 0,
    handlerSecondsCount: 0,
    consumerLag: 0,
  };
  for (const sample of samples) {
    const key = FIGURES[sample.name];
    if (key) figures[key] += sample.value;
  }
  return figures;
}
