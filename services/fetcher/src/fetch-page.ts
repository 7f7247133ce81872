import { decodeBody, detectDocumentKind } from '@inkstream/feeds';
import { refusedContentType } from '@inkstream/contracts';
import { contentTypeForKind, FetchError, utf8ContentType, type FetchResponse } from '@inkstream/fetching';
import type { RunContext, RunnerDeps } from './run-context';
import { sourceAllowList } from './run-context';

export interface FetchedText {
  response: FetchResponse;
  /** the body decoded to text (empty for 304) */
  text: string;
  /** the Content-Type to publish with the UTF-8 text */
  contentType: string;
}

/** GETs a URL for a source (its allow-list, the run's abort signal) and decodes the body to text. */
export async function fetchText(
  deps: RunnerDeps,
  context: RunContext,
  url: string,
  options: { conditional?: boolean; accept?: string } = {},
): Promise<FetchedText> {
  const { status } = context.source;
  const response = await deps.http.fetch({
    url,
    etag: options.conditional ? status.etag : null,
    lastModified: options.conditional ? status.lastModified : null,
    accept: options.accept,
    allowList: sourceAllowList(context.source),
    signal: context.signal,
  });
  return textOf(response, url);
}

/** The response's body as UTF-8 text and the Content-Type to publish it with (empty for a 304). */
export function textOf(response: FetchResponse, url: string): FetchedText {
  if (response.notModified) return { response, text: '', contentType: '' };
  // Not worth decoding what the splitter would refuse: the same type rule (libs/contracts limits) applies here.
  const refusedType = refusedContentType(response.contentType);
  if (refusedType) throw new FetchError('unsupported', `${url}: ${refusedType}`);
  const { text } = decodeBody(response.body, response.contentType);
  const contentType =
    utf8ContentType(response.contentType) ?? contentTypeForKind(detectDocumentKind(text, response.contentType), text);
  return { response, text, contentType };
}

export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5';

/** What every HTTP run reports about the response itself, whatever it then publishes. */
export function responseOutcome(response: FetchResponse) {
  return {
    ok: true as const,
    httpStatus: response.status,
    notModified: response.notModified,
    etag: response.etag,
    lastModified: response.lastModified,
    crawlDelaySeconds: response.crawlDelaySeconds,
    movedTo: response.movedPermanentlyTo,
    cacheMaxAgeSeconds: response.cacheMaxAgeSeconds,
  };
}
