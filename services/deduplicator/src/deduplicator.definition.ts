import { DEFAULT_SERVICE_PORTS, type Env } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import { DeduplicatorModule } from './deduplicator.module';

/** The deduplicator; its own variables (DEDUP_*) are read from `env`, so tests start replicas with their own. */
export function deduplicatorServiceFor(env: Env = process.env): ServiceDefinition {
  @Module({ imports: [DeduplicatorModule.forEnv(env)] })
  class DeduplicatorRootModule {}
  return {
    name: 'deduplicator',
    defaultPort: DEFAULT_SERVICE_PORTS.deduplicator,
    consumerGroup: ConsumerGroups.deduplicator,
    usesMongo: true,
    module: DeduplicatorRootModule,
    // One candidate at a time per partition, as before in-partition concurrency existed. With several overlapping,
    // two copies of one story decided in the same instant in one process let the story through twice about one run
    // in six (dedup race test); replicas and partitions still decide concurrently, settled by the index's claims.
    maxMessageConcurrency: 1,
  };
}

export const deduplicatorService: ServiceDefinition = deduplicatorServiceFor(process.env);
