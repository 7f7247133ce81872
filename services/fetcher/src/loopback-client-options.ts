import type { HttpClientOptions } from '@inkstream/fetching';
import { feedsFetchPolicies } from './fetch-policies';

/**
 * HttpClient options for the HTTP specs, which talk to servers of their own on 127.0.0.1: the fetcher's feed
 * policies, no politeness delays and no robots.txt unless a spec asks; each spec overrides what it is about.
 */
export function loopbackClientOptions(overrides: Partial<HttpClientOptions> = {}): HttpClientOptions {
  return {
    userAgent: 'Inkstream/0.1 (+https://github.com/inkstream)',
    allowList: ['127.0.0.1/32'],
    connectTimeoutMs: 1000,
    totalTimeoutMs: 5_000,
    deadlineMs: 20_000,
    maxBodyBytes: 100_000,
    maxDecompressedBytes: 100_000,
    maxRedirects: 2,
    retries: 2,
    retryDelayMs: 1,
    maxRetryWaitMs: 5_000,
    perOriginConcurrency: 4,
    perOriginIntervalMs: 0,
    respectRobots: false,
    robotsTtlMs: 60_000,
    robotsErrorTtlMs: 1000,
    maxCrawlDelayMs: 0,
    policies: feedsFetchPolicies,
    ...overrides,
  };
}
