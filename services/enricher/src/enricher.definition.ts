import { DEFAULT_SERVICE_PORTS, type Env } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { EnricherModule } from './enricher.module';

/** The enricher; its own variables (ENRICHER_SENTENCE_CACHE) are read from `env`, so tests start it with their own. */
export function enricherServiceFor(env: Env = process.env): ServiceDefinition {
  return {
    name: 'enricher',
    defaultPort: DEFAULT_SERVICE_PORTS.enricher,
    consumerGroup: ConsumerGroups.enricher,
    usesMongo: false,
    module: EnricherModule.forEnv(env),
  };
}

export const enricherService: ServiceDefinition = enricherServiceFor(process.env);
