import { env } from '@inkstream/config';
import { z } from 'zod';

/** The fetcher's WebSub variables (part of its config; every one is in the README). */
export const webSubShape = {
  /**
   * Public http(s) base URL hubs reach this fetcher's HTTP server at; callbacks are `<base>/websub/<sourceId>`.
   * Unset: WebSub is off (no discovery, no subscriptions, no callback route).
   */
  FETCH_WEBSUB_CALLBACK_BASE: z
    .string()
    .optional()
    .transform((value, context) => {
      const trimmed = value?.trim();
      if (!trimmed) return null;
      const url = URL.canParse(trimmed) ? new URL(trimmed) : null;
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an absolute http(s) URL without query or fragment, such as https://fetcher.example.com (got ${JSON.stringify(trimmed)})`,
        });
        return z.NEVER;
      }
      return url.href.replace(/\/+$/, '');
    }),
  /** hub.lease_seconds asked for (the hub's answer is what counts) */
  FETCH_WEBSUB_LEASE_SECONDS: env.positiveInt(86_400),
  /** while a lease holds, the feed is still polled this often (a silent hub must not go unnoticed for a lease) */
  FETCH_WEBSUB_SAFETY_POLL_SECONDS: env.positiveInt(3_600),
  /** how long a subscribe request may wait for the hub's verification before it counts as refused */
  FETCH_WEBSUB_VERIFY_WAIT_SECONDS: env.positiveInt(300),
  /** after a refusal or a lapsed lease, how long until a poll may subscribe again */
  FETCH_WEBSUB_RETRY_SECONDS: env.positiveInt(3_600),
};
