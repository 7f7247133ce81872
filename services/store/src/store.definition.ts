import { DEFAULT_SERVICE_PORTS } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { StoreModule } from './store.module';

export const storeService: ServiceDefinition = {
  name: 'store',
  defaultPort: DEFAULT_SERVICE_PORTS.store,
  consumerGroup: ConsumerGroups.store,
  usesMongo: true,
  module: StoreModule,
};
