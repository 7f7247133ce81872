// The six services as the run command starts them: names and their place in the start and shutdown order.
import { DEFAULT_SERVICE_PORTS, SERVICE_NAMES, serviceUrlList, type ServiceName } from '@inkstream/config';

export { SERVICE_NAMES, type ServiceName };

/**
 * Start downstream first (gateway, store … fetcher) so every consumer is listening before its input starts to
 * flow; stop in the reverse order so nothing is produced into a stage that is already gone.
 */
export const START_ORDER: readonly ServiceName[] = SERVICE_NAMES;

/** Parses `--services a,b` / INKSTREAM_SERVICES into a subset, in start order; names are checked. */
export function selectServices(list: string | undefined): ServiceName[] {
  if (!list || list.trim() === '' || list.trim() === 'all') return [...START_ORDER];
  const wanted = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`unknown service(s) ${unknown.join(', ')}: choose from ${SERVICE_NAMES.join(', ')}`);
  }
  return START_ORDER.filter((name) => wanted.includes(name));
}

/** The gateway scrapes every other service's /health and /metrics from these URLs. */
export function serviceUrls(
  host: string,
  ports: Readonly<Record<ServiceName, number>> = DEFAULT_SERVICE_PORTS,
): string {
  return serviceUrlList(host, ports);
}
