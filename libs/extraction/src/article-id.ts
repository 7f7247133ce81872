import { createHash } from 'node:crypto';
import { foldForComparison } from './text-normalise';

/** Query parameters that only track the click and never change the article a URL names. */
const TRACKING_PARAM =
  /^(utm_[a-z0-9_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|yclid)$/i;

/**
 * The form of a URL used for identity: lower-case scheme and host, no default port, no fragment, no tracking
 * parameters, remaining parameters sorted, no trailing slash. Returns null for anything that is not http(s).
 */
export function normaliseUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // WHATWG URL already lower-cases scheme and host and drops the default port.
  parsed.hash = '';
  const kept = [...parsed.searchParams.entries()].filter(([key]) => !TRACKING_PARAM.test(key));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1));
  parsed.search = new URLSearchParams(kept).toString();
  let text = parsed.toString();
  if (parsed.search === '' && text.endsWith('?')) text = text.slice(0, -1);
  return text.replace(/\/+(?=$|\?)/, '');
}

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
