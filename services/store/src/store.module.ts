import { articleModels, ArticleRepository, ensureArticleIndexes } from '@inkstream/persistence';
import { MONGO_CONNECTION } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { StoreController } from './store.controller';

@Module({
  controllers: [StoreController],
  providers: [
    {
      provide: ArticleRepository,
      inject: [MONGO_CONNECTION],
      useFactory: async (mongo: Connection) => {
        const models = articleModels(mongo);
        await ensureArticleIndexes(models);
        return new ArticleRepository(models);
      },
    },
  ],
})
export class StoreModule {}
