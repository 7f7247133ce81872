import { canonicalizeUrl } from '@inkstream/dedup';
import { createHash } from 'node:crypto';
import { foldForComparison } from './text-normalise';

/**
 * The form of a URL used for identity is the deduplicator's canonical URL (tracking parameters, AMP and mobile
 * variants, default ports folded): one idea, one implementation, so an article id and a dedup URL key never disagree.
 */
export const normaliseUrl: (url: string) => string | null = canonicalizeUrl;

export interface ArticleIdentity {
  canonicalUrl?: string | null;
  url?: string | null;
  title?: string | null;
  body?: string | null;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Deterministic article id (32 hex characters of a SHA-256): from the canonical URL when there is one, else from
 * the article URL, else from the case- and whitespace-folded title and body. Reprocessing the same document
 * therefore yields the same id, and every store write is an idempotent upsert.
 */
export function articleId(identity: ArticleIdentity): string {
  const url =
    (identity.canonicalUrl && normaliseUrl(identity.canonicalUrl)) || (identity.url && normaliseUrl(identity.url));
  if (url) return sha256Hex(`url:${url}`).slice(0, 32);
  const content = `${foldForComparison(identity.title ?? '')}\n${foldForComparison(identity.body ?? '')}`;
  return sha256Hex(`content:${content}`).slice(0, 32);
}
