import type { FetchErrorKind, HttpClientObserver } from '@inkstream/fetching';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** `inkstream_fetch_*`: what the fetcher does to sources and hosts. Labels stay low-cardinality (no URLs, no ids). */
export class FetcherMetrics implements HttpClientObserver {
  readonly runs: Counter<'kind' | 'outcome'>;
  readonly errors: Counter<'kind' | 'error'>;
  readonly published: Counter<'kind'>;
  readonly responses: Counter<'code'>;
  readonly requestSeconds: Histogram<'code'>;
  readonly retries: Counter<'error'>;
  readonly inFlight: Gauge;
  readonly leasesLost: Counter;
  readonly pageJobs: Counter<'outcome'>;
  readonly pagesInFlight: Gauge;
  readonly concurrency: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.runs = new Counter({
      name: 'inkstream_fetch_runs_total',
      help: 'Source polls, per source kind and outcome (ok, not-modified, error, deferred, postponed)',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.errors = new Counter({
      name: 'inkstream_fetch_errors_total',
      help: 'Failed polls and failed items, per source kind and error kind',
      labelNames: ['kind', 'error'],
      registers,
    });
    this.published = new Counter({
      name: 'inkstream_fetch_documents_published_total',
      help: 'Raw documents acknowledged by Kafka, per source kind',
      labelNames: ['kind'],
      registers,
    });
    this.responses = new Counter({
      name: 'inkstream_fetch_http_responses_total',
      help: 'HTTP responses per status class (2xx, 3xx, 4xx, 5xx)',
      labelNames: ['code'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'inkstream_fetch_http_duration_seconds',
      help: 'Time to response headers, per status class',
      labelNames: ['code'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.retries = new Counter({
      name: 'inkstream_fetch_retries_total',
      help: 'Retried HTTP attempts after a transient failure, per error kind',
      labelNames: ['error'],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'inkstream_fetch_in_flight',
      help: 'Sources being fetched by this replica',
      registers,
    });
    this.leasesLost = new Counter({
      name: 'inkstream_fetch_leases_lost_total',
      help: 'Runs whose lease had passed to another replica when they finished (outcome not written)',
      registers,
    });
    this.pageJobs = new Counter({
      name: 'inkstream_fetch_page_jobs_total',
      help: 'Queued full-text pages handled, per outcome (page, fallback, refused, retry, deferred, postponed)',
      labelNames: ['outcome'],
      registers,
    });
    this.pagesInFlight = new Gauge({
      name: 'inkstream_fetch_pages_in_flight',
      help: 'Full-text pages being fetched by this replica',
      registers,
    });
    this.concurrency = new Gauge({
      name: 'inkstream_fetch_concurrency',
      help: 'Source run slots of this replica, as sized by measured latency and CPU',
      registers,
    });
  }

  onResponse(_host: string, status: number, seconds: number): void {
    const code = `${Math.floor(status / 100)}xx`;
    this.responses.inc({ code });
    this.requestSeconds.observe({ code }, seconds);
  }

  onRetry(_host: string, error: { kind: FetchErrorKind }): void {
    this.retries.inc({ error: error.kind });
  }
}
