/**
 * Why a fetch failed, in words an operator can act on. The kind decides retrying (`transient`) and is the label of
 * the `inkstream_fetch_errors_total` metric.
 */
export type FetchErrorKind =
  | 'refused' // SSRF guard or scheme: never contacted
  | 'robots' // robots.txt disallows us
  | 'timeout' // connect, headers, body or total timeout
  | 'network' // connection refused/reset, DNS failure
  | 'http' // 4xx/5xx answer
  | 'deferred' // not contacted: the origin's Retry-After still runs, or its politeness queue outlasted the deadline
  | 'too-large' // body or decompressed body past the cap
  | 'redirect' // loop, too many hops, or a redirect without a usable Location
  | 'decoding' // unknown or corrupt content encoding
  | 'unparseable' // the document is not what the source kind needs (not a feed, not a sitemap)
  | 'too-large-message' // the raw document would not fit in a Kafka message
  | 'unsupported' // not a text document (binary content, a Content-Type such as application/octet-stream)
  | 'io'; // file system (drop folders)

export class FetchError extends Error {
  override readonly name = 'FetchError';

  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly options: { transient?: boolean; status?: number | null; retryAfterSeconds?: number | null } = {},
  ) {
    super(message);
  }

  get transient(): boolean {
    return this.options.transient ?? false;
  }

  get status(): number | null {
    return this.options.status ?? null;
  }

  get retryAfterSeconds(): number | null {
    return this.options.retryAfterSeconds ?? null;
  }
}

/** A FetchError anywhere in an error's `cause` chain (undici wraps what a custom connector throws). */
export function findFetchError(error: unknown): FetchError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof FetchError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** HTTP statuses worth asking again: the server says "not now", not "never". */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** Retry-After as seconds (delta-seconds or an HTTP-date); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
