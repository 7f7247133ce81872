import type { Env } from '@inkstream/config';
import {
  articleModels,
  ArticleQueryRepository,
  DeadLetterRepository,
  ensureArticleIndexes,
  SourceRepository,
} from '@inkstream/persistence';
import { MONGO_CONNECTION } from '@inkstream/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Connection } from 'mongoose';
import { ArticlesController } from './articles/articles.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { buildDashboardAssets, DASHBOARD_ASSETS } from './dashboard/dashboard-assets';
import { DeadLetterInbox } from './dead-letters/dead-letter-inbox';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { GATEWAY_CONFIG, loadGatewayConfig } from './gateway-config';
import { HistoryController } from './history/history.controller';
import { HistorySampler } from './history/history-sampler';
import { AdminGuard, ReadGuard } from './http/auth.guards';
import { ContractsController } from './http/contracts.controller';
import { UnknownQueryInterceptor } from './http/query-policy';
import { KafkaAdmin } from './kafka-admin';
import { SourcesController } from './sources/sources.controller';
import { ServiceProbe } from './stats/service-probe';
import { StatsController } from './stats/stats.controller';
import { StatsService } from './stats/stats.service';
import { StreamController } from './stream/stream.controller';
import { TopicsController } from './topics/topics.controller';
import { TopicsService } from './topics/topics.service';

/** Wiring only: every decision lives in the providers and pure modules it lists. */
@Module({})
export class GatewayModule {
  /** `env` is read when the app is created, so a bad variable fails startup with the runtime's config error. */
  static forRoot(env: Env): DynamicModule {
    const configProvider = { provide: GATEWAY_CONFIG, useFactory: () => loadGatewayConfig(env) };
    return {
      module: GatewayModule,
      imports: [
        ThrottlerModule.forRootAsync({
          useFactory: () => {
            const config = loadGatewayConfig(env);
            return [{ name: 'per-minute', ttl: 60_000, limit: config.GATEWAY_RATE_LIMIT_PER_MINUTE }];
          },
        }),
      ],
      controllers: [
        ArticlesController,
        StreamController,
        SourcesController,
        DeadLettersController,
        StatsController,
        DashboardController,
        ContractsController,
        TopicsController,
        HistoryController,
      ],
      providers: [
        configProvider,
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_INTERCEPTOR, useClass: UnknownQueryInterceptor },
        AdminGuard,
        ReadGuard,
        KafkaAdmin,
        DeadLetterInbox,
        DeadLettersService,
        StatsService,
        ServiceProbe,
        TopicsService,
        HistorySampler,
        { provide: DASHBOARD_ASSETS, useFactory: () => buildDashboardAssets() },
        {
          provide: ArticleQueryRepository,
          inject: [MONGO_CONNECTION],
          useFactory: async (mongo: Connection) => {
            const models = articleModels(mongo);
            // The store creates these too; whichever service starts first must not serve unindexed queries. The
            // store owns the text index's scope: the gateway creates one (default scope) only where none exists.
            await ensureArticleIndexes(models);
            return new ArticleQueryRepository(models);
          },
        },
        {
          provide: DeadLetterRepository,
          inject: [MONGO_CONNECTION],
          useFactory: async (mongo: Connection) => {
            const repository = new DeadLetterRepository(mongo);
            await repository.ensureIndexes();
            return repository;
          },
        },
        {
          provide: SourceRepository,
          inject: [MONGO_CONNECTION],
          useFactory: async (mongo: Connection) => {
            const repository = new SourceRepository(mongo);
            // The listing's indexes (and its fields on older records): the fetcher creates them too.
            await repository.ensureIndexes();
            return repository;
          },
        },
      ],
    };
  }
}
