import { articleModels, ArticleRepository, ensureArticleIndexes } from '@inkstream/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import { StoreController } from './store.controller';

@Module({
  controllers: [StoreController],
  providers: [
    {
      provide: ArticleRepository,
      inject: [SERVICE_RUNTIME],
      useFactory: async (runtime: ServiceRuntime) => {
        if (!runtime.mongo) throw new Error('store needs MongoDB');
        const models = articleModels(runtime.mongo);
        await ensureArticleIndexes(models);
        return new ArticleRepository(models);
      },
    },
  ],
})
export class StoreModule {}
