import { DocumentOutcomeRepository } from '@inkstream/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import { BoilerplateFlushSchedule } from './boilerplate-flush';
import { BoilerplateMemory } from './boilerplate-memory';
import { SplitterController } from './splitter.controller';

@Module({
  controllers: [SplitterController],
  providers: [
    {
      provide: DocumentOutcomeRepository,
      inject: [SERVICE_RUNTIME],
      useFactory: async (runtime: ServiceRuntime) => {
        if (!runtime.mongo) throw new Error('splitter needs MongoDB');
        const repository = new DocumentOutcomeRepository(runtime.mongo);
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
      inject: [BoilerplateMemory, SERVICE_RUNTIME],
      useFactory: (memory: BoilerplateMemory, runtime: ServiceRuntime) =>
        new BoilerplateFlushSchedule(memory, runtime.logger),
    },
  ],
})
export class SplitterModule {}
