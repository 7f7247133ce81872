import { buildArticle } from '../build-article';
import { matchDateline } from '../dateline';
import { foldForComparison } from '../text-normalise';
import type { ArticleBlock, ExtractedArticle, Publisher } from '../types';
import { classifyLine, isShortSubhead, type LineKind } from './line-kinds';
import { publisherFrom } from './publisher';

export interface TextSplitOptions {
  /** Lines to ignore, e.g. boilerplate learned across earlier documents of the same source (folded keys). */
  dropLines?: ReadonlySet<string>;
  /** URL of the document itself, used when the dump names no link of its own and holds one article. */
  url?: string | null;
}

export interface TextSplitResult {
  articles: ExtractedArticle[];
  publisher: Publisher | null;
}

/** A headline with what a page prints next to it: its short link and its standfirst bullets. */
interface HeadlineGroup {
  title: string | null;
  byline: string | null;
  urls: string[];
  standfirst: string[];
}

interface Body {
  blocks: ArticleBlock[];
  group: HeadlineGroup | null;
}

type Segment = { type: 'body'; body: Body } | { type: 'cluster'; groups: HeadlineGroup[] } | { type: 'boundary' };

const BYLINE = /^by\s+\p{Lu}[\p{L}\p{M}.'’ -]{1,80}$/iu;

/**
 * Splits a plain-text dump of one or more news pages into articles, using the structure that survives
 * scraping: datelines start articles, headline lines stand before or after their body, a short-link block and
 * bullet standfirsts follow a headline, fenced subheads are headings, copyright footers end a page, and no
 * paragraph is kept twice.
 */
export function splitText(text: string, options: TextSplitOptions = {}): TextSplitResult {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !options.dropLines?.has(foldForComparison(line)));
  const kinds = lines.map(classifyLine);
  const copyrights = kinds.flatMap((k) => (k.kind === 'copyright' ? [k.text] : []));
  const segments = segmentLines(kinds);
  const bodies = assignHeadlines(segments);
  const allUrls = segments.flatMap((s) => (s.type === 'cluster' ? s.groups.flatMap((g) => g.urls) : []));
  const publisher = publisherFrom(allUrls, copyrights);
  const articles = buildArticles(bodies, options.url ?? null);
  return { articles, publisher };
}

function emptyGroup(title: string | null): HeadlineGroup {
  return { title, byline: null, urls: [], standfirst: [] };
}

function segmentLines(kinds: LineKind[]): Segment[] {
  const segments: Segment[] = [];
  const current = (): Segment | undefined => segments[segments.length - 1];
  const body = (): Body => {
    const last = current();
    if (last?.type === 'body') return last.body;
    const fresh: Body = { blocks: [], group: null };
    segments.push({ type: 'body', body: fresh });
    return fresh;
  };
  const cluster = (): HeadlineGroup[] => {
    const last = current();
    if (last?.type === 'cluster') return last.groups;
    const fresh: HeadlineGroup[] = [];
    segments.push({ type: 'cluster', groups: fresh });
    return fresh;
  };
  const lastGroup = (): HeadlineGroup => {
    const groups = cluster();
    if (groups.length === 0) groups.push(emptyGroup(null));
    return groups[groups.length - 1];
  };

  kinds.forEach((line, i) => {
    switch (line.kind) {
      case 'share-label':
        if (current()?.type === 'cluster' || kinds[i + 1]?.kind === 'url') lastGroup();
        return;
      case 'url':
        lastGroup().urls.push(line.url);
        return;
      case 'copyright':
        segments.push({ type: 'boundary' });
        return;
      case 'subhead':
        body().blocks.push({ type: 'heading', text: line.text });
        return;
      case 'bullet':
        if (current()?.type === 'body') body().blocks.push({ type: 'paragraph', text: line.text });
        else lastGroup().standfirst.push(line.text);
        return;
      case 'headline': {
        if (BYLINE.test(line.text)) {
          if (current()?.type === 'cluster') lastGroup().byline = line.text.replace(/^by\s+/i, '');
          return;
        }
        const inRunningText = current()?.type === 'body' && kinds[i + 1]?.kind === 'paragraph';
        if (inRunningText && isShortSubhead(line.text)) {
          body().blocks.push({ type: 'heading', text: line.text });
          return;
        }
        const groups = cluster();
        const key = foldForComparison(line.text);
        const same = groups.find((g) => g.title !== null && foldForComparison(g.title) === key);
        if (same) {
          // A repeated headline (page title, then h1) continues its group: move it to the end so what follows attaches to it.
          groups.splice(groups.indexOf(same), 1);
          groups.push(same);
        } else if (groups.length > 0 && groups[groups.length - 1].title === null) {
          groups[groups.length - 1].title = line.text;
        } else {
          groups.push(emptyGroup(line.text));
        }
        return;
      }
      case 'paragraph': {
        const run = current()?.type === 'body' ? body() : null;
        // A dateline inside running text starts the next article.
        if (run && run.blocks.length > 0 && matchDateline(line.text)) segments.push({ type: 'boundary' });
        body().blocks.push({ type: 'paragraph', text: line.text });
        return;
      }
    }
  });
  return segments;
}

/**
 * Gives each body the headline group that belongs to it. A cluster between two bodies hands its first headline
 * to the body before it when that body has none (headline-after-body pages), its last headline to the body
 * after it; with a single headline, a dateline opening the next body decides for the next body.
 */
function assignHeadlines(segments: Segment[]): Body[] {
  const bodies: Body[] = [];
  segments.forEach((segment, i) => {
    if (segment.type === 'body') {
      bodies.push(segment.body);
      return;
    }
    if (segment.type !== 'cluster' || segment.groups.length === 0) return;
    const prevSeg = segments[i - 1];
    const nextSeg = segments[i + 1];
    const prev = prevSeg?.type === 'body' ? prevSeg.body : null;
    const next = nextSeg?.type === 'body' ? nextSeg.body : null;
    const prevWants = prev !== null && prev.group === null;
    const groups = segment.groups;
    const first = groups[0];
    const last = groups[groups.length - 1];
    if (groups.length === 1) {
      const nextOpensWithDateline = next !== null && startsWithDateline(next);
      if (prevWants && (next === null || !nextOpensWithDateline)) prev.group = first;
      else if (next) next.group = first;
      return;
    }
    if (prevWants) prev.group = first;
    if (next) next.group = last;
    else if (!prevWants && prev === null) return;
  });
  return bodies;
}

function startsWithDateline(body: Body): boolean {
  const first = body.blocks.find((b) => b.type === 'paragraph');
  return first !== undefined && matchDateline(first.text) !== null;
}

function buildArticles(bodies: Body[], documentUrl: string | null): ExtractedArticle[] {
  const seen = new Set<string>();
  for (const body of bodies) if (body.group?.title) seen.add(foldForComparison(body.group.title));
  const articles: ExtractedArticle[] = [];
  for (const body of bodies) {
    const blocks: ArticleBlock[] = [];
    let repeatedBlocksRemoved = 0;
    let dateline: string | null = null;
    for (const block of body.blocks) {
      let text = block.text;
      if (block.type === 'paragraph' && blocks.length === 0 && dateline === null) {
        const match = matchDateline(text);
        if (match) {
          dateline = match.place;
          text = match.rest;
        }
      }
      const key = foldForComparison(text);
      if (seen.has(key)) {
        repeatedBlocksRemoved += 1;
        continue;
      }
      seen.add(key);
      blocks.push({ type: block.type, text });
    }
    if (!blocks.some((b) => b.type === 'paragraph')) continue;
    const group = body.group;
    articles.push(
      buildArticle({
        blocks,
        title: group?.title ?? null,
        byline: group?.byline ?? null,
        standfirst: group && group.standfirst.length > 0 ? group.standfirst.join('\n') : null,
        url: group?.urls[0] ?? null,
        canonicalUrl: group?.urls[0] ?? null,
        dateline,
        repeatedBlocksRemoved,
      }),
    );
  }
  if (articles.length === 1 && articles[0].url === null && documentUrl) {
    const only = articles[0];
    articles[0] = buildArticle({ ...only, url: documentUrl, canonicalUrl: documentUrl });
  }
  return articles;
}
