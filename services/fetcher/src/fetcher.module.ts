import { Topics, type RawDocument } from '@inkstream/contracts';
import type { Env } from '@inkstream/config';
import { DEFAULT_PAGE_RETRY_POLICY, DEFAULT_RUN_SLOT_POLICY, HttpClient } from '@inkstream/fetching';
import { PipelineProducer } from '@inkstream/messaging';
import { HealthRegistry, PipelineMetrics, Tracing, type Logger } from '@inkstream/observability';
import { PageJobRepository, SourceRepository } from '@inkstream/persistence';
import { LOGGER, MONGO_CONNECTION } from '@inkstream/runtime';
import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { FETCHER_CONFIG, loadFetcherConfig, type FetcherConfig } from './fetcher-config';
import { dropRootsFrom } from './run-context';
import { FetcherController } from './fetcher.controller';
import { FetcherMetrics } from './fetcher-metrics';
import { feedsFetchPolicies } from './fetch-policies';
import type { RunnerDeps } from './run-context';
import { PageQueue } from './page-queue';
import { Scheduler } from './scheduler';
import { connectWebSub, WEBSUB, webSubProviders, type WebSub } from './websub/websub.wiring';

/** What the scheduler is built from: the platform parts it uses, and the fetcher's own config. */
export interface SchedulerParts {
  mongo: Connection;
  producer: PipelineProducer;
  logger: Logger;
  metrics: PipelineMetrics;
  config: FetcherConfig;
  /** Given when the service traces: each run is a span, the root of the trace its documents start. */
  tracing?: Tracing;
  /** null when WebSub is off */
  websub?: WebSub | null;
}

/** The longest an idle page queue waits before looking for jobs it was not told of. */
const PAGE_QUEUE_IDLE_MS = 2_000;

/** How often the run slots are resized from measured load. */
const SIZING_INTERVAL_MS = 5_000;

/** Builds the fetcher's scheduler with its HTTP client, source repository, page queue and publisher. */
export async function createScheduler(parts: SchedulerParts): Promise<Scheduler> {
  const { mongo, producer, logger, metrics: pipelineMetrics, config, tracing } = parts;
  const sources = new SourceRepository(mongo);
  await sources.ensureIndexes();
  const metrics = fetcherMetricsFor(pipelineMetrics);
  const http = new HttpClient(
    {
      userAgent: config.FETCH_USER_AGENT,
      allowList: config.FETCH_ALLOW_LIST,
      connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
      totalTimeoutMs: config.FETCH_TIMEOUT_MS,
      deadlineMs: config.FETCH_DEADLINE_MS,
      maxBodyBytes: config.FETCH_MAX_BODY_BYTES,
      maxDecompressedBytes: config.FETCH_MAX_DECOMPRESSED_BYTES,
      maxRedirects: config.FETCH_MAX_REDIRECTS,
      retries: config.FETCH_RETRIES,
      retryDelayMs: config.FETCH_RETRY_DELAY_MS,
      maxRetryWaitMs: config.FETCH_MAX_RETRY_WAIT_MS,
      perOriginConcurrency: config.FETCH_PER_ORIGIN_CONCURRENCY,
      perOriginIntervalMs: config.FETCH_PER_ORIGIN_INTERVAL_MS,
      originLimits: config.FETCH_ORIGIN_LIMITS,
      respectRobots: config.FETCH_RESPECT_ROBOTS,
      robotsTtlMs: config.FETCH_ROBOTS_TTL_MS,
      robotsErrorTtlMs: config.FETCH_ROBOTS_ERROR_TTL_MS,
      maxCrawlDelayMs: config.FETCH_MAX_CRAWL_DELAY_MS,
      policies: feedsFetchPolicies,
    },
    metrics,
  );
  const pages = new PageJobRepository(mongo);
  await pages.ensureIndexes();
  const publish = (documents: RawDocument[]) => producer.publish(Topics.rawDocuments, documents);
  const documentLimits = {
    gzipThresholdBytes: config.FETCH_GZIP_THRESHOLD_BYTES,
    maxContentBytes: config.FETCH_MAX_MESSAGE_BYTES,
  };
  const pageQueue = new PageQueue(
    { http, pages, publish, documentLimits },
    {
      ownerId: config.FETCHER_OWNER_ID,
      concurrency: config.FETCH_PAGE_CONCURRENCY,
      // Pokes bring this replica's pages at once: the idle look is for the rest and need not load the database.
      claimIntervalMs: Math.max(config.FETCHER_CLAIM_INTERVAL_MS, PAGE_QUEUE_IDLE_MS),
      leaseMs: config.FETCHER_LEASE_MS,
      stopGraceMs: config.FETCHER_STOP_GRACE_MS,
      retry: DEFAULT_PAGE_RETRY_POLICY,
    },
    logger.child({ component: 'page-queue', owner: config.FETCHER_OWNER_ID }),
    metrics,
  );
  const deps: RunnerDeps = {
    http,
    sources,
    pages,
    pagesQueued: () => pageQueue.poke(),
    publish,
    documentLimits,
    bodyLimits: {
      maxBodyBytes: config.FETCH_MAX_BODY_BYTES,
      maxDecompressedBytes: config.FETCH_MAX_DECOMPRESSED_BYTES,
    },
    allowList: config.FETCH_ALLOW_LIST,
    dropRoots: dropRootsFrom(config.FETCH_DROP_ROOTS, config.FETCH_ALLOW_LIST),
    feed: { maxItems: config.FETCH_FEED_MAX_ITEMS },
    sitemap: {
      maxUrls: config.FETCH_SITEMAP_MAX_URLS,
      maxListed: config.FETCH_SITEMAP_MAX_LISTED,
      maxChildren: config.FETCH_SITEMAP_MAX_CHILDREN,
      newsMaxAgeMs: config.FETCH_SITEMAP_NEWS_MAX_AGE_HOURS * 3_600_000,
    },
    dropMaxFiles: config.FETCH_DROP_MAX_FILES,
  };
  connectWebSub(parts.websub, deps);
  return new Scheduler(
    deps,
    {
      ownerId: config.FETCHER_OWNER_ID,
      concurrency: config.FETCHER_CONCURRENCY,
      sizing: { ...DEFAULT_RUN_SLOT_POLICY, max: config.FETCH_MAX_CONCURRENCY, intervalMs: SIZING_INTERVAL_MS },
      claimIntervalMs: config.FETCHER_CLAIM_INTERVAL_MS,
      leaseMs: config.FETCHER_LEASE_MS,
      stopGraceMs: config.FETCHER_STOP_GRACE_MS,
      statusPolicy: {
        schedule: {
          jitterRatio: config.FETCH_JITTER_RATIO,
          backoffBaseSeconds: config.FETCH_BACKOFF_BASE_SECONDS,
          backoffMaxSeconds: config.FETCH_BACKOFF_MAX_SECONDS,
        },
        intervalBounds: {
          minSeconds: config.FETCH_MIN_INTERVAL_SECONDS,
          maxSeconds: config.FETCH_MAX_INTERVAL_SECONDS,
        },
        parkAfterErrors: config.FETCH_PARK_AFTER_ERRORS,
        parkAfterFailingMs: config.FETCH_PARK_AFTER_HOURS * 3_600_000,
      },
      tracing,
    },
    logger.child({ component: 'scheduler', owner: config.FETCHER_OWNER_ID }),
    metrics,
    () => http.close(),
    pageQueue,
    { cpuMicros: () => cpuMicros(process.cpuUsage()), waitingForOrigin: () => http.queuedRequests() },
  );
}

function cpuMicros(usage: NodeJS.CpuUsage): number {
  return usage.user + usage.system;
}

/** One set of fetch metrics per registry, however many schedulers a process runs (tests run two). */
const metricsByRegistry = new WeakMap<object, FetcherMetrics>();
function fetcherMetricsFor(pipelineMetrics: PipelineMetrics): FetcherMetrics {
  let metrics = metricsByRegistry.get(pipelineMetrics.registry);
  if (!metrics) {
    metrics = new FetcherMetrics(pipelineMetrics.registry);
    metricsByRegistry.set(pipelineMetrics.registry, metrics);
  }
  return metrics;
}

/** Starts the scheduler once the app is up, stops it (finishing in-flight runs) before the app closes. */
class SchedulerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler,
    @Inject(FETCHER_CONFIG) private readonly config: FetcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly health: HealthRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.FETCHER_SCHEDULER_ENABLED) {
      this.logger.info('scheduler disabled (FETCHER_SCHEDULER_ENABLED=false)');
      return;
    }
    this.scheduler.start();
    this.health.register('scheduler', () =>
      this.scheduler.isRunning() ? { status: 'up' } : { status: 'down', detail: 'scheduler stopped' },
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
  }
}

@Module({})
export class FetcherModule {
  /** `env` is where the fetcher's own variables are read (runService passes the common ones to the runtime). */
  static forEnv(env: Env): DynamicModule {
    return {
      module: FetcherModule,
      controllers: [FetcherController],
      providers: [
        { provide: FETCHER_CONFIG, useFactory: () => loadFetcherConfig(env) },
        {
          provide: Scheduler,
          inject: [
            MONGO_CONNECTION,
            PipelineProducer,
            LOGGER,
            PipelineMetrics,
            FETCHER_CONFIG,
            WEBSUB,
            { token: Tracing, optional: true },
          ],
          useFactory: (
            mongo: Connection,
            producer: PipelineProducer,
            logger: Logger,
            metrics: PipelineMetrics,
            config: FetcherConfig,
            websub: WebSub | null,
            tracing: Tracing | undefined,
          ) => createScheduler({ mongo, producer, logger, metrics, config, websub, tracing }),
        },
        SchedulerLifecycle,
        ...webSubProviders,
      ],
    };
  }
}
