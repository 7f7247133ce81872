// Copies of one page reached through different links (campaign tags, AMP or mobile editions, fragments, a
// trailing slash, upper-case hosts) must produce one key, so the cheapest duplicate check is a string compare.
import { parseHttpUrl } from '@inkstream/contracts';

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gclsrc',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  'ref_src',
  'ref_url',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wt.mc_id',
  'cmpid',
  'ncid',
  'sr_share',
  'smid',
  'share',
  'amp',
  'outputtype',
  'output',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'at_'];
const AMP_FLAG_VALUES = new Set(['', '1', 'true', 'amp']);
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };
const MOBILE_HOST_PREFIXES = ['m.', 'mobile.', 'amp.'];

function isTrackingParam(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'amp' || lower === 'outputtype' || lower === 'output') return AMP_FLAG_VALUES.has(value.toLowerCase());
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function canonicalHost(hostname: string): string {
  let host = hostname.toLowerCase().replace(/\.$/u, '');
  for (const prefix of MOBILE_HOST_PREFIXES) {
    // "m.example.com" folds to "example.com", but "m.com" stays: a prefix needs a registrable name after it.
    if (host.startsWith(prefix) && host.slice(prefix.length).includes('.')) {
      host = host.slice(prefix.length);
      break;
    }
  }
  return host.startsWith('www.') ? host.slice(4) : host;
}

function canonicalPath(pathname: string): string {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  const kept = segments.filter((segment) => segment.toLowerCase() !== 'amp');
  const last = kept.length - 1;
  if (last >= 0) kept[last] = kept[last].replace(/\.amp(\.html?)$/iu, '$1').replace(/\.amp$/iu, '');
  if (last >= 0 && /^index\.(html?|php|aspx?)$/iu.test(kept[last])) kept.pop();
  return `/${kept.join('/')}`;
}

/**
 * Canonical form of an article URL: lower-case scheme and host, punycode host (WHATWG URL does IDN), no default
 * port, no `www.`/`m.`/`mobile.`/`amp.` host prefix, AMP path variants folded, tracking parameters removed, the
 * remaining parameters sorted, no fragment, no trailing slash. Scheme is normalised to https: sites serve one
 * article on both. Returns null for text that is not an http(s) URL.
 */
export function canonicalizeUrl(url: string): string | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  const port = parsed.port && parsed.port !== DEFAULT_PORTS[parsed.protocol] ? `:${parsed.port}` : '';
  const params = [...parsed.searchParams.entries()]
    .filter(([name, value]) => !isTrackingParam(name, value))
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)));
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  return `https://${canonicalHost(parsed.hostname)}${port}${canonicalPath(parsed.pathname)}${query}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Exact-duplicate key of an article's address: its canonical URL, or null when it has none. */
export function urlKey(url: string | null | undefined): string | null {
  return url ? canonicalizeUrl(url) : null;
}
