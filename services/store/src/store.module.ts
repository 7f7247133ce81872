import type { Env } from '@inkstream/config';
import { articleModels, ArticleRepository, ensureArticleIndexes } from '@inkstream/persistence';
import type { Logger } from '@inkstream/observability';
import { LOGGER, MONGO_CONNECTION } from '@inkstream/runtime';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { loadStoreConfig } from './store-config';
import { StoreController } from './store.controller';

/** The articles' repository, its indexes in place: the full-text index over the configured search scope among them. */
async function createRepository(mongo: Connection, logger: Logger, env: Env): Promise<ArticleRepository> {
  const { ARTICLE_SEARCH_SCOPE: searchScope } = loadStoreConfig(env);
  const models = articleModels(mongo);
  const began = Date.now();
  await ensureArticleIndexes(models, { searchScope, ownsSearchIndex: true });
  logger.info({ searchScope, tookMs: Date.now() - began }, 'article indexes ready');
  return new ArticleRepository(models);
}

@Module({})
export class StoreModule {
  /** `env` is where the store's own variables are read (runService passes the common ones to the runtime). */
  static forEnv(env: Env): DynamicModule {
    return {
      module: StoreModule,
      controllers: [StoreController],
      providers: [
        {
          provide: ArticleRepository,
          inject: [MONGO_CONNECTION, LOGGER],
          useFactory: (mongo: Connection, logger: Logger) => createRepository(mongo, logger, env),
        },
      ],
    };
  }
}
