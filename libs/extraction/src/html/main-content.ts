import type { ArticleBlock } from '../types';
import type { Element } from './dom';
import type { TextBlock } from './blocks';

/** Sentence-ish: ends like prose or holds a comma, which menus and labels rarely do. */
const PROSE = /[.!?…:;"”’»)。！？」』）]\s*$|[,、，]/;
const INNER_SENTENCE_BREAK = /[.!?;:]\s+\p{Lu}|[;]\s/u;
/** Han, kana and Hangul carry about three Latin letters' worth of text per character. */
const WIDE = /[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

export function textWeight(text: string): number {
  const wide = text.match(WIDE)?.length ?? 0;
  return text.length + wide * 2;
}

/**
 * How much a block says "article text" (positive) or "page furniture" (negative), by text length and link
 * density: long, link-poor prose counts fully; link lists and short labels count against their container.
 */
function blockWeight(block: TextBlock, junk: boolean): number {
  const length = textWeight(block.text);
  const density = block.linkChars / Math.max(1, block.text.length);
  if (junk) return -length * 0.5;
  if (density > 0.5) return -length;
  // A linked headline followed by its summary is a teaser of another article.
  if (block.leadLinkChars >= 25 && block.leadLinkChars >= block.text.length * 0.15) return -length * 0.5;
  // Rows of a data table are neither prose nor furniture.
  if (block.tag === 'tr' && block.text.length < 100) return 0;
  if (block.heading) return length < 150 ? 0 : -length * 0.2;
  const penalty = 1 - density * 1.5;
  // A long block with a sentence break inside is prose even when it ends on a link or a URL.
  if (length >= 150 && INNER_SENTENCE_BREAK.test(block.text)) return length * penalty;
  if (length >= 80 && PROSE.test(block.text)) return length * penalty;
  if (length >= 30 && PROSE.test(block.text)) return length * 0.5 * penalty;
  return -Math.min(length, 40) * 0.6;
}

interface Totals {
  score: number;
  good: number;
}

function accumulate(blocks: TextBlock[], junkFor: (b: TextBlock) => boolean): Map<Element, Totals> {
  const totals = new Map<Element, Totals>();
  for (const block of blocks) {
    const w = blockWeight(block, junkFor(block));
    const good = w > 0 ? block.text.length : 0;
    let el: Element | null = block.owner;
    let depth = 0;
    while (el && depth < 300) {
      const t = totals.get(el);
      if (t) {
        t.score += w;
        t.good += good;
      } else totals.set(el, { score: w, good });
      el = el.parent && el.parent.type === 'tag' ? el.parent : null;
      depth++;
    }
  }
  return totals;
}

export function contains(ancestor: Element, node: Element): boolean {
  let el: Element | null = node;
  let depth = 0;
  while (el && depth < 300) {
    if (el === ancestor) return true;
    el = el.parent && el.parent.type === 'tag' ? el.parent : null;
    depth++;
  }
  return false;
}

/** Headings that announce page furniture rather than a part of the article. */
const FURNITURE_HEADING =
  /^(most (popular|read|viewed|shared|watched)|related( articles| stories| posts| content| coverage| news| topics| links)?|recommended( for you| stories| reading)?|read (more|next|this next)|more (from|on|stories|news|in|like this)\b.*|you (may|might) (also )?(like|enjoy)|trending( now| stories)?|popular( now| stories| posts)?|latest( news| stories| posts)?|top stories|editor'?s picks|what to read next|around the web|sponsored( content| stories)?|advertisement|comments?|\d+ comments?|leave a (comment|reply)|share this( article| story| post)?|follow us.*|newsletter|sign up.*|subscribe.*|also read|see also|further reading|tags|topics)\s*:?$/i;

/**
 * Blocks of sections that a furniture heading ("Most Popular", "Related") opens: everything after the heading
 * inside the heading's parent, unless that parent holds most of the page's text (then only the heading goes).
 */
function furnitureSections(blocks: TextBlock[], dominant: (el: Element) => boolean): Set<TextBlock> {
  const marked = new Set<TextBlock>();
  blocks.forEach((block, i) => {
    if (!block.heading || block.text.length > 60 || !FURNITURE_HEADING.test(block.text)) return;
    marked.add(block);
    const section = block.owner.parent && block.owner.parent.type === 'tag' ? block.owner.parent : null;
    if (!section || dominant(section)) return;
    for (let j = i + 1; j < blocks.length && contains(section, blocks[j].owner); j++) marked.add(blocks[j]);
  });
  return marked;
}

export interface MainContent {
  container: Element;
  blocks: TextBlock[];
  /** Characters of good text in the container: how confident the choice is. */
  goodChars: number;
}

/**
 * Picks the element whose subtree holds the most article text net of furniture (a maximum-weight subtree), then
 * widens it to a parent that holds clearly more good text at a similar net score, so bodies split by an ad or a
 * pull quote stay whole. `classHints: false` ignores class/id words (a second opinion for pages whose class names
 * mislead, e.g. every body section called "…--Ads").
 */
export function selectMainContent(blocks: TextBlock[], options: { classHints?: boolean } = {}): MainContent | null {
  if (blocks.length === 0) return null;
  const classHints = options.classHints ?? true;
  // First pass without hints, to know which hinted elements are in fact the page's main text.
  const plain = accumulate(blocks, () => false);
  let totalGood = 0;
  for (const [el, t] of plain) if (!el.parent || el.parent.type !== 'tag') totalGood += t.good;
  const dominant = (el: Element): boolean => (plain.get(el)?.good ?? 0) > totalGood * 0.5;
  const furniture = furnitureSections(blocks, dominant);
  const junkFor = (b: TextBlock): boolean => furniture.has(b) || (classHints && b.hinted.some((h) => !dominant(h)));
  const totals = accumulate(blocks, junkFor);
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, t] of totals) {
    if (t.score > bestScore) {
      best = el;
      bestScore = t.score;
    }
  }
  if (!best) return null;
  for (let depth = 0; depth < 4; depth++) {
    const parent: Element | null = best.parent && best.parent.type === 'tag' ? best.parent : null;
    if (!parent) break;
    const p = totals.get(parent);
    const b = totals.get(best) as Totals;
    if (!p || p.good < b.good * 1.15 || p.score < b.score * 0.8) break;
    best = parent;
  }
  const container = best;
  const inside = blocks.filter((b) => contains(container, b.owner) && !junkFor(b));
  return { container, blocks: inside, goodChars: totals.get(container)?.good ?? 0 };
}

const BOILERPLATE =
  /^(advertisement|advertising|sponsored( content)?|(story|article) continues (below|after)|read more|read next|related( articles| stories| coverage)?|more from|recommended|share( this)?( article| story)?|share on \w+|follow us|sign up|subscribe|click here|continue reading|watch|listen|comments?|loading|image|photo|video|getty images|copyright|©|all rights reserved|back to top|skip to|log ?in|tweet|email|print)\b/i;
const CREDIT =
  /^(photo|image|picture|credit|source|file photo|illustration|video|foto|bild|bildquelle|quelle|titelbild|beitragsbild|crédits? photos?|fuente)s?\s*(by|von|:)|^(vergrößern|enlarge|zoom)\s|\((photo|image|credit)[^)]*\)$|(getty images|shutterstock|reuters|associated press|ap photo|afp)\s*\)?$/i;
const BYLINE =
  /^(by|von|par|por|di)\s+\p{Lu}[\p{L}\p{M}.'’ -]+(,?\s*(and|&)\s+\p{Lu}[\p{L}\p{M}.'’ -]+)*(,\s*[\p{L}\p{M}.'’ -]+){0,2}$/u;
const DATE_LINE =
  /^((published|updated|posted|last updated)\s*(on|:)?\s*)?((\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})[\s\d:apmAPMUTCEDSTGMT,|]*$/i;

/**
 * A paragraph of the article whose words happen to be mostly a link ("… was <a>re-opened earlier this year
 * following his eviction</a>."): a sentence, not a link list, and not wholly one link.
 */
function linkedProse(block: TextBlock): boolean {
  const words = block.text.split(' ').length;
  return (
    block.tag === 'p' &&
    words >= 8 &&
    /[.!?…"”’)]$/.test(block.text) &&
    (block.text.length > 200 || block.linkChars < block.text.length * 0.95)
  );
}

const BARE_TIME = /^\d{1,2}[:.h]\d{2}(\s?[ap]\.?m\.?)?(\s?[A-Z]{2,4})?$/i;

/**
 * A repeated text is kept only when both copies are sibling paragraphs of one text flow (a text that really says
 * the same thing twice); elsewhere the repeat is a pull quote, a caption of a gallery or a second rendering of the
 * lead, and goes.
 */
function sameFlow(first: TextBlock, repeat: TextBlock): boolean {
  return first.tag === repeat.tag && first.owner !== repeat.owner && first.owner.parent === repeat.owner.parent;
}

/** Turns the chosen blocks into article blocks, dropping link lists, labels, credits, bylines and the title. */
export function cleanBlocks(blocks: TextBlock[], title: string | null): ArticleBlock[] {
  const out: ArticleBlock[] = [];
  const titleKey = title?.toLowerCase().replace(/\s+/g, ' ').trim() ?? null;
  const seen = new Map<string, TextBlock>();
  for (const block of blocks) {
    const text = block.text;
    const length = text.length;
    const density = block.linkChars / Math.max(1, length);
    if (density > 0.5 && !linkedProse(block) && !/^https?:\/\/\S+$/.test(text)) continue;
    const lower = text.toLowerCase();
    if (titleKey && lower === titleKey) continue;
    if (length < 120 && (BOILERPLATE.test(text) || CREDIT.test(text))) continue;
    if (/\b(read more|continue reading|read full (story|article))\W*$/i.test(text)) continue;
    if (length < 200 && /^(follow|like) .{0,80}\bon (facebook|twitter|instagram|x|linkedin|threads)\b/i.test(text))
      continue;
    if (length < 100 && (BYLINE.test(text) || DATE_LINE.test(text) || BARE_TIME.test(text))) continue;
    const first = seen.get(lower);
    if (first && length > 20 && !sameFlow(first, block)) continue;
    if (!first) seen.set(lower, block);
    if (block.heading) {
      if (block.tag === 'h1') continue;
      // A "heading" of several sentences is a lead paragraph styled large.
      if (length > 200) out.push({ type: 'paragraph', text });
      else out.push({ type: 'heading', text });
    } else {
      out.push({ type: 'paragraph', text });
    }
  }
  // Headings with no paragraph after them (a "Related" heading at the end) are furniture.
  while (out.length > 0 && out[out.length - 1].type === 'heading') out.pop();
  return out;
}
