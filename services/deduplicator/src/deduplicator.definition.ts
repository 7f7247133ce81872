import { DEFAULT_SERVICE_PORTS, type Env } from '@inkstream/config';
import { ConsumerGroups } from '@inkstream/contracts';
import type { ServiceDefinition } from '@inkstream/runtime';
import { DeduplicatorModule } from './deduplicator.module';

/** The deduplicator; its own variables (DEDUP_*) are read from `env`, so tests start replicas with their own. */
export function deduplicatorServiceFor(env: Env = process.env): ServiceDefinition {
  return {
    name: 'deduplicator',
    defaultPort: DEFAULT_SERVICE_PORTS.deduplicator,
    consumerGroup: ConsumerGroups.deduplicator,
    usesMongo: true,
    module: DeduplicatorModule.forEnv(env),
    // Candidates of a partition overlap like every stage's messages (KAFKA_MESSAGE_CONCURRENCY): the Deduplicator
    // gives decisions that could find each other turns in offset order (see KeyLocks), so a copy and its original
    // are still decided one after the other, the original first.
  };
}

export const deduplicatorService: ServiceDefinition = deduplicatorServiceFor(process.env);
