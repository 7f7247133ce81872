import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { EnricherModule } from './enricher.module';

export const enricherService: ServiceDefinition = {
  name: 'enricher',
  defaultPort: 3004,
  consumerGroup: ConsumerGroups.enricher,
  usesMongo: false,
  module: EnricherModule,
};
