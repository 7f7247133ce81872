import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Metric names registered by PipelineMetrics (plus prom-client's default metrics, which share the prefix). */
const defined = new Set(
  [...read('libs/observability/src/metrics.ts').matchAll(/name: '([a-z_:]+)'/g)].map((m) => m[1]),
);
/** Series Prometheus itself records for every target; not ours to define. */
const PROMETHEUS_SERIES = new Set(['up']);
const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;
const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
]);

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels or literals. */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  return [...stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)]
    .filter(([, name, call]) => !call && !PROMQL_WORDS.has(name) && !/^\d/.test(name))
    .map(([, name]) => name);
}

interface Panel {
  title: string;
  targets?: Array<{ expr: string }>;
}

describe('observability kit', () => {
  const board = JSON.parse(read('deploy/grafana/inkstream-dashboard.json')) as { panels: Panel[] };
  const exprs = board.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

  it('finds metric names in PromQL', () => {
    expect(metricNamesIn('sum by (le, service) (rate(inkstream_x_bucket{job="a"}[5m])) / up')).toEqual([
      'inkstream_x_bucket',
      'up',
    ]);
  });

  it('the Grafana board reads only metrics defined in libs/observability', () => {
    expect(exprs.length).toBeGreaterThan(5);
    const used = new Set(exprs.flatMap(metricNamesIn));
    const unknown = [...used].filter((name) => {
      if (PROMETHEUS_SERIES.has(name) || defined.has(name)) return false;
      return !(HISTOGRAM_SUFFIX.test(name) && defined.has(name.replace(HISTOGRAM_SUFFIX, '')));
    });
    expect(unknown).toEqual([]);
    for (const name of [
      'inkstream_messages_produced_total',
      'inkstream_consumer_lag',
      'inkstream_dead_letters_total',
    ]) {
      expect(used).toContain(name);
    }
  });

  it('Prometheus scrapes /metrics of all six services on their ports', () => {
    const config = parse(read('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: Array<{ job_name: string; metrics_path?: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((entry) => entry.targets)]),
    );
    expect(targets).toEqual({
      'inkstream-fetcher': ['127.0.0.1:3001'],
      'inkstream-splitter': ['127.0.0.1:3002'],
      'inkstream-deduplicator': ['127.0.0.1:3003'],
      'inkstream-enricher': ['127.0.0.1:3004'],
      'inkstream-store': ['127.0.0.1:3005'],
      'inkstream-gateway': ['127.0.0.1:3000'],
    });
    expect(config.scrape_configs.every((job) => (job.metrics_path ?? '/metrics') === '/metrics')).toBe(true);
  });
});
