import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { StoreModule } from './store.module';

export const storeService: ServiceDefinition = {
  name: 'store',
  defaultPort: 3005,
  consumerGroup: ConsumerGroups.store,
  usesMongo: true,
  module: StoreModule,
};
