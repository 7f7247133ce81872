/** The six services, in the order the run command starts them (downstream first; see deploy/pipeline). */
export const SERVICE_NAMES = ['gateway', 'store', 'enricher', 'deduplicator', 'splitter', 'fetcher'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * Each service's HTTP port when HTTP_PORT is not set: the one list the service definitions, the gateway's default
 * scrape targets and the run command read (the run command shifts them with --port-base).
 */
export const DEFAULT_SERVICE_PORTS: Readonly<Record<ServiceName, number>> = {
  gateway: 3000,
  fetcher: 3001,
  splitter: 3002,
  deduplicator: 3003,
  enricher: 3004,
  store: 3005,
};

/** `name=http://host:port` for each service, the form GATEWAY_SERVICE_URLS takes. */
export function serviceUrlList(
  host: string,
  ports: Readonly<Record<ServiceName, number>>,
  names: readonly ServiceName[] = SERVICE_NAMES,
): string {
  return names.map((name) => `${name}=http://${host}:${ports[name]}`).join(',');
}
