import { DEFAULT_SERVICE_PORTS, type Env } from '@inkstream/config';
import type { ServiceDefinition } from '@inkstream/runtime';
import { FetcherModule } from './fetcher.module';
import { WEBSUB_CALLBACK_PATH } from './websub/websub-callback';
import { mountWebSubCallback } from './websub/websub.wiring';

/**
 * The fetcher: no consumer group (it reads sources from MongoDB, not a topic) and publishes raw documents. Its
 * own variables are read from `env` (tests start replicas with different settings in one process).
 */
export function fetcherServiceFor(env: Env = process.env): ServiceDefinition {
  return {
    name: 'fetcher',
    defaultPort: DEFAULT_SERVICE_PORTS.fetcher,
    usesMongo: true,
    module: FetcherModule.forEnv(env),
    // Hubs reach the WebSub callback without the admin token: they sign their pushes instead.
    openPathPrefixes: env.FETCH_WEBSUB_CALLBACK_BASE?.trim() ? [`${WEBSUB_CALLBACK_PATH}/`] : [],
    configureApp: mountWebSubCallback,
  };
}

export const fetcherService: ServiceDefinition = fetcherServiceFor(process.env);
