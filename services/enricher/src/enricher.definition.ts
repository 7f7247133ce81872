import { DEFAULT_SERVICE_PORTS } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { EnricherModule } from './enricher.module';

export const enricherService: ServiceDefinition = {
  name: 'enricher',
  defaultPort: DEFAULT_SERVICE_PORTS.enricher,
  consumerGroup: ConsumerGroups.enricher,
  usesMongo: false,
  module: EnricherModule,
};
