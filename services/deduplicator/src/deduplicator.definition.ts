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
    // One candidate at a time per partition, in offset order. With candidates of one partition overlapping, two
    // exact copies were decided at once by two replicas about one run in two (the dedup race test): the claims
    // settled them, but their paragraphs stayed posted under both stories, so a later near-copy found them "held by
    // two stories", i.e. boilerplate, and was let through. Partitions (and replicas) still decide concurrently.
    maxMessageConcurrency: 1,
  };
}

export const deduplicatorService: ServiceDefinition = deduplicatorServiceFor(process.env);
