import { buildArticle } from '../build-article';
import { collapseWhitespace } from '../text-normalise';
import type { ExtractedArticle } from '../types';
import { attr, elementsOf, textOf, type Element } from './dom';
import { resolveHttpUrl } from '../url-parts';

const MAX_TEASERS = 200;

/**
 * Teasers of an index page: a linked headline (h2–h4, or an <article> with a link) with the summary printed
 * under it. Each is a partial article candidate: the fetcher's full-text mode fetches its page.
 */
export function findTeasers(root: Element, baseUrl: string | null): ExtractedArticle[] {
  const seen = new Set<string>();
  const teasers: ExtractedArticle[] = [];
  for (const heading of elementsOf(root, (el) => /^h[2-4]$/.test(el.name))) {
    if (teasers.length >= MAX_TEASERS) break;
    const link = elementsOf(heading, (el) => el.name === 'a')[0] ?? closestLink(heading);
    const url = link ? resolveHttpUrl(attr(link, 'href'), baseUrl) : null;
    const title = collapseWhitespace(textOf(heading));
    if (!url || title.split(' ').length < 3 || seen.has(url)) continue;
    seen.add(url);
    const summary = summaryAfter(heading);
    teasers.push(
      buildArticle({
        kind: 'teaser',
        partial: true,
        title,
        url,
        canonicalUrl: url,
        standfirst: summary,
        blocks: summary ? [{ type: 'paragraph', text: summary }] : [],
      }),
    );
  }
  return teasers;
}

function closestLink(el: Element): Element | null {
  let node: Element | null = el.parent && el.parent.type === 'tag' ? el.parent : null;
  for (let i = 0; node && i < 3; i++) {
    if (node.name === 'a') return node;
    node = node.parent && node.parent.type === 'tag' ? node.parent : null;
  }
  return null;
}

function summaryAfter(heading: Element): string | null {
  let sibling = heading.nextSibling;
  for (let i = 0; sibling && i < 4; i++, sibling = sibling.nextSibling) {
    if (sibling.type !== 'tag') continue;
    if (/^h[1-6]$/.test(sibling.name)) return null;
    const text = collapseWhitespace(textOf(sibling));
    if (text.length >= 40) return text.length > 600 ? `${text.slice(0, 597)}…` : text;
  }
  return null;
}
