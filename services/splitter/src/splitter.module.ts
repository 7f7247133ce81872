import { DocumentOutcomeRepository } from '@inkstream/persistence';
import { MONGO_CONNECTION } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { SplitterController } from './splitter.controller';

@Module({
  controllers: [SplitterController],
  providers: [
    {
      provide: DocumentOutcomeRepository,
      inject: [MONGO_CONNECTION],
      useFactory: async (mongo: Connection) => {
        const repository = new DocumentOutcomeRepository(mongo);
        await repository.ensureIndexes();
        return repository;
      },
    },
  ],
})
export class SplitterModule {}
