export type {
  FeedFormat,
  FeedEnclosure,
  FeedItem,
  FeedMetadata,
  FeedPollHints,
  ParsedFeed,
  ParseFeedOptions,
} from './feed-types';
export { feedPollHints } from './poll-hints';
export {
  adaptiveIntervalSeconds,
  cadenceAfterPoll,
  pollIntervalSeconds,
  publishGapSeconds,
  QUIET_GROWTH,
  UNKNOWN_CADENCE,
  type IntervalBounds,
  type PollCadence,
  type PollObservation,
} from './poll-cadence';
export {
  itemsPerRun,
  NO_SOURCE_LIMITS,
  sourceIntervalBounds,
  sourceSchedulePolicy,
  type ItemBound,
  type SourceLimits,
} from './source-limits';
export { FeedParseError } from './feed-parse-error';
export { looksLikeFeed, parseFeed } from './parse-feed';
export { pollCutNotice, pollPagingNotice } from './poll-cut';
export { toIsoUtc } from './feed-dates';
export {
  parseSitemap,
  looksLikeSitemap,
  SitemapParseError,
  type ParsedSitemap,
  type ParseSitemapOptions,
  type SitemapUrl,
  type SitemapReference,
  type NewsSitemapEntry,
} from './sitemap';
export { detectDocumentKind, type DocumentKind } from './document-kind';
export { decodeBody, charsetFromContentType, type DecodedBody, type CharsetSource } from './decode-body';
export { classifyAddress, type AddressClass } from './address-class';
export { checkFetchTarget, type FetchTargetCheck } from './fetch-target';
export {
  parseRobots,
  allowAllRobots,
  disallowAllRobots,
  isAllowed,
  crawlDelaySeconds,
  type RobotsPolicy,
} from './robots';
export {
  itemKey,
  itemContentHash,
  classifyItems,
  normaliseLink,
  type ItemKey,
  type ItemContentHash,
  type ItemChange,
  type ClassifiedItem,
} from './item-identity';
export {
  nextRunAt,
  baseDelaySeconds,
  shouldPark,
  DEFAULT_POLL_INTERVAL_SECONDS,
  DEFAULT_SCHEDULE_POLICY,
  type SourceKind,
  type SourceScheduleState,
  type SchedulePolicy,
} from './schedule';
export {
  selectChildSitemaps,
  selectSitemapUrls,
  sitemapItemKey,
  type SelectedSitemapUrl,
  type SitemapSelectionOptions,
} from './sitemap-selection';
export {
  discoverWebSub,
  parseLinkHeader,
  webSubLinksOfAtomLinks,
  webSubLinksOfJsonFeed,
  webSubLinksOfLinkHeader,
  NO_WEBSUB_LINKS,
  type HeaderLink,
  type WebSubDiscovery,
  type WebSubLinks,
} from './websub-discovery';
export {
  checkPushSignature,
  pushSignature,
  WEBSUB_SIGNATURE_ALGORITHMS,
  type PushSignatureCheck,
  type WebSubSignatureAlgorithm,
} from './websub-signature';
export {
  checkSubscription,
  decideVerification,
  leaseTimes,
  nextCheckAt,
  pollNotBefore,
  renewalRetryAt,
  shouldSubscribe,
  RENEW_AT_LEASE_SHARE,
  type VerificationDecision,
  type VerificationQuery,
  type WebSubCheck,
  type WebSubPolicy,
  type WebSubSubscription,
} from './websub-subscription';
export {
  parseOpmlSources,
  writeOpml,
  OpmlParseError,
  MAX_OPML_SOURCES,
  type OpmlSource,
  type OpmlRefusal,
  type ParsedOpml,
} from './opml';
