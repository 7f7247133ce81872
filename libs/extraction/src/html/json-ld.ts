import { attr, elementsOf, type Document } from './dom';

export type JsonLdNode = Record<string, unknown>;

const ARTICLE_TYPE =
  /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|ClaimReview|WebPage)$/;

/**
 * The JSON inside a script's comment or CDATA wrapper (`<!-- … -->`, `<![CDATA[ … ]]>`, `//<![CDATA[ … //]]>`), which
 * pages written as XHTML put around their JSON-LD and which browsers and Readability.js ignore.
 */
export function unwrapScript(raw: string): string {
  return raw
    .replace(/^(?:\s*(?:\/\/|\/\*)?\s*(?:<!--|<!\[CDATA\[)\s*(?:\*\/)?)+/, '')
    .replace(/(?:\s*(?:\/\/|\/\*)?\s*(?:-->|\]\]>)\s*(?:\*\/)?)+\s*$/, '');
}

/** Every object in the page's JSON-LD scripts, @graph and nested arrays flattened; broken scripts are skipped. */
export function jsonLdNodes(doc: Document): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  const scripts = elementsOf(doc, (el) => el.name === 'script' && /ld\+json/i.test(attr(el, 'type') ?? ''));
  for (const script of scripts) {
    const raw = script.children
      .map((c) => (c.type === 'text' ? c.data : ''))
      .join('')
      .trim();
    if (raw === '' || raw.length > 2_000_000) continue;
    try {
      collect(JSON.parse(unwrapScript(raw)), nodes, 0);
    } catch {
      // Invalid JSON-LD is common (trailing commas, raw newlines in strings): the page still has its DOM.
    }
  }
  return nodes;
}

function collect(value: unknown, out: JsonLdNode[], depth: number): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  out.push(node);
  if (Array.isArray(node['@graph'])) collect(node['@graph'], out, depth + 1);
}

export function typesOf(node: JsonLdNode): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

/** The page's article node: an article type with a headline or body, non-WebPage types preferred. */
export function articleNode(nodes: JsonLdNode[]): JsonLdNode | null {
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPE.test(t)));
  const rank = (n: JsonLdNode): number =>
    (typesOf(n).includes('WebPage') ? 0 : 2) + (typeof n.articleBody === 'string' ? 2 : 0) + (n.headline ? 1 : 0);
  articles.sort((a, b) => rank(b) - rank(a));
  return articles[0] ?? null;
}

export function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return stringOf(value[0]);
  if (value && typeof value === 'object') {
    const o = value as JsonLdNode;
    return stringOf(o.url ?? o['@id'] ?? o.name ?? null);
  }
  return null;
}

/** Author names from string, Person object or array of either. */
export function namesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(namesOf);
  if (value && typeof value === 'object') {
    const node = value as JsonLdNode;
    if (typeof node.name === 'string' && node.name.trim()) return [node.name.trim()];
    // schema.org lets a Person give only its parts (`givenName` "Birgit", `familyName` "Baumann").
    const parts = [node.givenName, node.additionalName, node.familyName]
      .map((part) => (typeof part === 'string' ? part.trim() : ''))
      .filter((part) => part !== '');
    return node.familyName !== undefined && parts.length > 0 ? [parts.join(' ')] : [];
  }
  return [];
}
