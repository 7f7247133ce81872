// The pipeline's services as the end-to-end specs run them: in-process, in the order `npm start` starts them (each
// consumer before the stage that feeds it, the fetcher last), and stopped in reverse.
import { deduplicatorServiceFor } from '@inkstream/deduplicator';
import { enricherService } from '@inkstream/enricher';
import { fetcherServiceFor } from '@inkstream/fetcher';
import { gatewayServiceFor } from '@inkstream/gateway';
import { runService, type RunningService, type ServiceDefinition } from '@inkstream/runtime';
import { splitterService } from '@inkstream/splitter';
import { storeService } from '@inkstream/store';

/**
 * Starts the five stages (and the gateway before the fetcher, when asked) on `env`, pushing each onto `into` as it
 * comes up: a start that fails leaves the ones already running there for `stopStages`.
 */
export async function startStages(
  env: Record<string, string>,
  into: RunningService[],
  options: { gateway?: boolean } = {},
): Promise<void> {
  const definitions: ServiceDefinition[] = [
    storeService,
    enricherService,
    deduplicatorServiceFor(env),
    splitterService,
    ...(options.gateway ? [gatewayServiceFor(env)] : []),
    fetcherServiceFor(env),
  ];
  for (const definition of definitions) into.push(await runService(definition, env));
}

/** Stops what `startStages` started, the fetcher first. */
export async function stopStages(services: readonly RunningService[]): Promise<void> {
  for (const service of [...services].reverse()) await service.stop();
}
