import { DEFAULT_SERVICE_PORTS } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { SplitterModule } from './splitter.module';

export const splitterService: ServiceDefinition = {
  name: 'splitter',
  defaultPort: DEFAULT_SERVICE_PORTS.splitter,
  consumerGroup: ConsumerGroups.splitter,
  usesMongo: true,
  module: SplitterModule,
};
