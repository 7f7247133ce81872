import type { Logger } from '@inkstream/observability';
import { PipelineMetrics } from '@inkstream/observability';
import { WebSubSubscriptionRepository } from '@inkstream/persistence';
import { LOGGER, MONGO_CONNECTION } from '@inkstream/runtime';
import {
  Inject,
  type INestApplication,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Provider,
} from '@nestjs/common';
import type { Connection } from 'mongoose';
import { FETCHER_CONFIG, type FetcherConfig } from '../fetcher-config';
import type { RunnerDeps } from '../run-context';
import { HubClient } from './hub-client';
import { WEBSUB_CALLBACK_PATH, webSubCallback } from './websub-callback';
import { WebSubMetrics } from './websub-metrics';
import { WebSubPushes } from './websub-pushes';
import { WebSubSubscriptions } from './websub-subscriptions';

/** WebSub in a fetcher, or null when FETCH_WEBSUB_CALLBACK_BASE is unset (the Nest token of it is WEBSUB). */
export interface WebSub {
  subscriptions: WebSubSubscriptions;
  pushes: WebSubPushes;
  /** the callback's HTTP handler, mounted at WEBSUB_CALLBACK_PATH */
  callback: ReturnType<typeof webSubCallback>;
}

export const WEBSUB = Symbol('WEBSUB');

export async function createWebSub(parts: {
  mongo: Connection;
  logger: Logger;
  metrics: PipelineMetrics;
  config: FetcherConfig;
}): Promise<WebSub | null> {
  const { mongo, config } = parts;
  const callbackBase = config.FETCH_WEBSUB_CALLBACK_BASE;
  if (!callbackBase) return null;
  const repository = new WebSubSubscriptionRepository(mongo);
  await repository.ensureIndexes();
  const metrics = new WebSubMetrics(parts.metrics.registry);
  const logger = parts.logger.child({ component: 'websub' });
  const hub = new HubClient({
    allowList: config.FETCH_ALLOW_LIST,
    connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    userAgent: config.FETCH_USER_AGENT,
  });
  const subscriptions = new WebSubSubscriptions(
    repository,
    hub,
    {
      callbackBase,
      policy: {
        leaseSeconds: config.FETCH_WEBSUB_LEASE_SECONDS,
        verifyWaitSeconds: config.FETCH_WEBSUB_VERIFY_WAIT_SECONDS,
        retrySeconds: config.FETCH_WEBSUB_RETRY_SECONDS,
        safetyPollSeconds: config.FETCH_WEBSUB_SAFETY_POLL_SECONDS,
      },
      checkIntervalMs: config.FETCHER_CLAIM_INTERVAL_MS,
    },
    logger,
    metrics,
  );
  const pushes = new WebSubPushes(repository, logger, metrics);
  const callback = webSubCallback({
    subscriptions,
    pushes,
    maxBodyBytes: config.FETCH_MAX_BODY_BYTES,
    logger,
    metrics,
  });
  logger.info({ callbackBase, path: `${WEBSUB_CALLBACK_PATH}/:sourceId` }, 'WebSub on');
  return { subscriptions, pushes, callback };
}

/** Hooks WebSub into the feed runs: polls discover hubs, pushes publish through the runners' dependencies. */
export function connectWebSub(websub: WebSub | null | undefined, deps: RunnerDeps): void {
  if (!websub) return;
  deps.websub = websub.subscriptions;
  websub.pushes.useRunner(deps);
}

/** Mounts the callback ahead of Nest's body parsers (a push's signature is over its raw bytes). */
export function mountWebSubCallback(app: INestApplication): void {
  const websub = app.get<WebSub | null>(WEBSUB, { strict: false });
  if (websub) app.use(WEBSUB_CALLBACK_PATH, websub.callback);
}

/** Starts the periodic subscription check with the app; on shutdown takes no more pushes and ends what is in flight. */
class WebSubLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(WEBSUB) private readonly websub: WebSub | null) {}

  onApplicationBootstrap(): void {
    this.websub?.subscriptions.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.websub?.pushes.stop();
    await this.websub?.subscriptions.stop();
  }
}

export const webSubProviders: Provider[] = [
  {
    provide: WEBSUB,
    inject: [MONGO_CONNECTION, LOGGER, PipelineMetrics, FETCHER_CONFIG],
    useFactory: (mongo: Connection, logger: Logger, metrics: PipelineMetrics, config: FetcherConfig) =>
      createWebSub({ mongo, logger, metrics, config }),
  },
  WebSubLifecycle,
];
