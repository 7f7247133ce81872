/**
 * A WebSub subscription's state, as the fetcher stores it and the source's status shows it:
 * - `pending`: asked the hub, waiting for it to verify our intent (polling goes on);
 * - `active`: verified, the lease holds, pushes are accepted (the feed is polled only as a safety net);
 * - `refused`: the hub turned the request down or never verified it (polling goes on, retried later);
 * - `expired`: the lease lapsed without a verified renewal (polling resumed at once).
 */
export const WEBSUB_STATES = ['pending', 'active', 'refused', 'expired'] as const;
export type WebSubState = (typeof WEBSUB_STATES)[number];
