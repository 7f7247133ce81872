import { DocumentOutcomeRepository } from '@inkstream/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
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
  ],
})
export class SplitterModule {}
