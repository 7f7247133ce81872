import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent } from 'undici';
import { FetchError } from './fetch-error';
import type { TargetCheck } from './fetch-policies';

/** Resolves a hostname to every address (tests inject a fake resolver). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, order: 'ipv4first' });

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `net.connect` lookup that resolves the name, runs the SSRF check on every address, and hands the socket exactly
 * the checked addresses: the address connected to is the address checked, so DNS rebinding between a check and
 * the connect cannot smuggle in a private address. IP literals never reach a lookup (node skips it), which is why
 * the client also checks every URL before requesting it (`checkUrlTarget`).
 */
export function guardedLookup(allowList: string[], resolve: Resolver, checkFetchTarget: TargetCheck) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (addresses) => {
        const check = checkFetchTarget(
          `http://${hostname.includes(':') ? `[${hostname}]` : hostname}/`,
          addresses.map((entry) => entry.address),
          allowList,
        );
        if (!check.ok) {
          callback(new FetchError('refused', `refused to connect: ${check.reason}`), '', 0);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: Error) =>
        callback(new FetchError('network', `cannot resolve ${hostname}: ${error.message}`, { transient: true }), '', 0),
    );
  };
}

/** The check for URLs whose host is an IP literal (names are checked at connect time by guardedLookup). */
export function checkUrlTarget(url: URL, allowList: string[], checkFetchTarget: TargetCheck): void {
  // The HTTP client speaks http(s) only: a redirect to file: (even an allow-listed drop folder) is refused here.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('refused', `refused to fetch ${url.href}: only http and https URLs are fetched`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!isIP(host)) return;
  const check = checkFetchTarget(url.href, [], allowList);
  if (!check.ok) throw new FetchError('refused', `refused to fetch ${url.href}: ${check.reason}`);
}

export interface GuardedAgentOptions {
  allowList: string[];
  connectTimeoutMs: number;
  resolve: Resolver;
  checkTarget: TargetCheck;
}

export function guardedAgent(options: GuardedAgentOptions): Agent {
  return new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      lookup: guardedLookup(options.allowList, options.resolve, options.checkTarget) as never,
    },
    // Keep-alive sockets are pinned to a checked address already; keep them briefly so polls of one host reuse them.
    keepAliveTimeout: 10_000,
    connections: 16,
  });
}

/** One connection pool per distinct allow-list: the connect-time check must know what is allowed. */
export class GuardedAgentPool {
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly options: Omit<GuardedAgentOptions, 'allowList'>) {}

  for(allowList: string[]): Agent {
    const key = allowList.join('\n');
    let agent = this.agents.get(key);
    if (!agent) {
      agent = guardedAgent({ ...this.options, allowList });
      this.agents.set(key, agent);
    }
    return agent;
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
    this.agents.clear();
  }
}
