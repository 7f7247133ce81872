import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { SplitterModule } from './splitter.module';

export const splitterService: ServiceDefinition = {
  name: 'splitter',
  defaultPort: 3002,
  consumerGroup: ConsumerGroups.splitter,
  usesMongo: true,
  module: SplitterModule,
};
