// Which HTTP ports the run command gives the services, so a second checkout can run a pipeline next to the first.
import { DEFAULT_SERVICE_PORTS, SERVICE_NAMES, type ServiceName } from '@inkstream/config';
import { createServer } from 'node:net';

export type ServicePorts = Record<ServiceName, number>;

/** `--ports` / INKSTREAM_PORTS: a base (the gateway's port, the others after it as in the defaults) or `auto`. */
export type PortChoice = { base: number } | 'auto';

const DEFAULT_BASE = DEFAULT_SERVICE_PORTS.gateway;
/** How far past the base the services reach (the defaults are base … base + 5). */
const SPAN = Math.max(...SERVICE_NAMES.map((name) => DEFAULT_SERVICE_PORTS[name] - DEFAULT_BASE));

export function parsePortChoice(value: string | undefined): PortChoice {
  const text = value?.trim() ?? '';
  if (text === '') return { base: DEFAULT_BASE };
  if (text === 'auto') return 'auto';
  const base = Number(text);
  if (!Number.isInteger(base) || base < 1 || base + SPAN > 65_535) {
    throw new Error(
      `--ports / INKSTREAM_PORTS must be a port base from 1 to ${65_535 - SPAN} or "auto" (got "${text}")`,
    );
  }
  return { base };
}

/** Asks the OS for a port nobody listens on right now (released at once, so the service can take it). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A base keeps the default layout shifted; `auto` takes a distinct free port for each service. */
export async function resolvePorts(choice: PortChoice, findFreePort: () => Promise<number>): Promise<ServicePorts> {
  const ports = {} as ServicePorts;
  if (choice !== 'auto') {
    for (const name of SERVICE_NAMES) ports[name] = choice.base + DEFAULT_SERVICE_PORTS[name] - DEFAULT_BASE;
    return ports;
  }
  const taken = new Set<number>();
  for (const name of SERVICE_NAMES) {
    let port = await findFreePort();
    // The OS may hand the same just-released port out twice; each service needs its own.
    while (taken.has(port)) port = await findFreePort();
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

/** The demo feed server's port in the default layout (gateway 3000). */
export const DEFAULT_DEMO_FEED_PORT = 4010;

/**
 * The demo feed server's port under a choice: the default 4010 shifted with the base (`--ports 5000` → 6010), or a
 * free port with `auto` (and when the shifted port would not exist), so two pipelines side by side never share it.
 */
export async function demoFeedPort(choice: PortChoice, findFreePort: () => Promise<number>): Promise<number> {
  if (choice === 'auto') return findFreePort();
  const port = choice.base + DEFAULT_DEMO_FEED_PORT - DEFAULT_BASE;
  return port <= 65_535 ? port : findFreePort();
}
