import { DEFAULT_SERVICE_PORTS, env, loadConfig, SERVICE_NAMES, serviceUrlList, type Env } from '@inkstream/config';
import { z } from 'zod';
import { ALLOWED_HOST_ENTRY } from './http/host-check';

/** `name=url` pairs, e.g. `fetcher=http://127.0.0.1:3001,store=http://127.0.0.1:3005`. */
const serviceUrls = (fallback: string) =>
  env.list(fallback).transform((entries, context) => {
    const services: Array<{ name: string; url: string }> = [];
    for (const entry of entries) {
      const match = /^([A-Za-z0-9_-]+)=(https?:\/\/[^\s,]+)$/.exec(entry);
      if (!match) {
        context.addIssue({ code: 'custom', message: `"${entry}" is not name=http(s)://host:port` });
        return z.NEVER;
      }
      services.push({ name: match[1], url: match[2].replace(/\/+$/, '') });
    }
    return services;
  });

/** What the dashboard scrapes when nothing is configured: the other services on their default local ports. */
export const DEFAULT_SERVICE_URLS = serviceUrlList(
  '127.0.0.1',
  DEFAULT_SERVICE_PORTS,
  [...SERVICE_NAMES].reverse().filter((name) => name !== 'gateway'),
);

/** Gateway-only variables; the common ones (ports, Kafka, MongoDB) come from the runtime's config. */
export const gatewayShape = {
  /** Bearer token for write/admin endpoints; unset = those endpoints refuse every call (never open). */
  GATEWAY_ADMIN_TOKEN: env.optionalString(),
  /** Bearer token for read endpoints; unset = reads are public. The admin token is accepted too. */
  GATEWAY_READ_TOKEN: env.optionalString(),
  /** Origins allowed to call the API from a browser (`*` for any); empty = no cross-origin access. */
  GATEWAY_CORS_ORIGINS: env.list(''),
  /**
   * Host names the gateway answers to (a `.suffix` covers subdomains, `*` any name); IP literals always pass.
   * Other names get 421: a browser tricked into calling the gateway through a rebinding name is refused.
   */
  GATEWAY_ALLOWED_HOSTS: env.list('localhost').superRefine((entries, context) => {
    for (const entry of entries) {
      if (!ALLOWED_HOST_ENTRY.test(entry)) {
        context.addIssue({
          code: 'custom',
          message: `"${entry}" is not a host name, .suffix or * (no scheme, no port)`,
        });
      }
    }
  }),
  GATEWAY_RATE_LIMIT_PER_MINUTE: env.positiveInt(600),
  GATEWAY_MAX_BODY_BYTES: env.positiveInt(65_536),
  /** Bodies of a bulk add or an OPML import (thousands of sources in one call). */
  GATEWAY_MAX_IMPORT_BYTES: env.positiveInt(4 * 1024 * 1024),
  GATEWAY_SERVICE_URLS: serviceUrls(DEFAULT_SERVICE_URLS),
  /** How long one scrape of another service's /health or /metrics may take before it counts as down. */
  GATEWAY_SCRAPE_TIMEOUT_MS: env.positiveInt(1_500),
  GATEWAY_STREAM_HEARTBEAT_MS: env.positiveInt(15_000),
  /** Each live-stream connection is one Kafka consumer: this bounds what clients can make the gateway hold. */
  GATEWAY_STREAM_MAX_CLIENTS: env.positiveInt(100),
  /** Dead letters kept in memory per dead-letter topic (newest win) for listing and replay. */
  GATEWAY_DEAD_LETTER_CACHE_SIZE: env.positiveInt(1_000),
  /**
   * How often the dashboard's history (offsets, lag, service counters) is sampled; the ring always covers the last
   * hour, so a shorter interval holds more samples (at 1 s, 3,601 per series).
   */
  GATEWAY_HISTORY_SAMPLE_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(1_000, 'must be at least 1000 (1 s)')
    .default(10_000),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(source: Env = process.env) {
  return loadConfig(gatewayShape, source);
}

/** Injection token for the GatewayConfig. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
