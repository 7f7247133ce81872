import { DEFAULT_SERVICE_PORTS, type Env } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { StoreModule } from './store.module';

/** The store; its own variables (ARTICLE_SEARCH_SCOPE) are read from `env`, so tests start it with their own. */
export function storeServiceFor(env: Env = process.env): ServiceDefinition {
  return {
    name: 'store',
    defaultPort: DEFAULT_SERVICE_PORTS.store,
    consumerGroup: ConsumerGroups.store,
    usesMongo: true,
    module: StoreModule.forEnv(env),
  };
}

export const storeService: ServiceDefinition = storeServiceFor(process.env);
