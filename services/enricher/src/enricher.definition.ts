import { DEFAULT_SERVICE_PORTS, type Env } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { Module } from '@nestjs/common';
import { EnricherModule } from './enricher.module';

/** The enricher; its own variables (ENRICHER_SENTENCE_CACHE) are read from `env`, so tests start it with their own. */
export function enricherServiceFor(env: Env = process.env): ServiceDefinition {
  @Module({ imports: [EnricherModule.forEnv(env)] })
  class EnricherRootModule {}
  return {
    name: 'enricher',
    defaultPort: DEFAULT_SERVICE_PORTS.enricher,
    consumerGroup: ConsumerGroups.enricher,
    usesMongo: false,
    module: EnricherRootModule,
  };
}

export const enricherService: ServiceDefinition = enricherServiceFor(process.env);
