import { DocumentOutcomeRepository } from '@inkstream/persistence';
import type { Logger } from '@inkstream/observability';
import { LOGGER, MONGO_CONNECTION } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import { BoilerplateFlushSchedule } from './boilerplate-flush';
import { BoilerplateMemory } from './boilerplate-memory';
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
    {
      provide: BoilerplateMemory,
      inject: [DocumentOutcomeRepository],
      useFactory: (outcomes: DocumentOutcomeRepository) => new BoilerplateMemory(outcomes),
    },
    {
      provide: BoilerplateFlushSchedule,
      inject: [BoilerplateMemory, LOGGER],
      useFactory: (memory: BoilerplateMemory, logger: Logger) => new BoilerplateFlushSchedule(memory, logger),
    },
  ],
})
export class SplitterModule {}
