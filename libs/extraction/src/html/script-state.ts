import { textBlocks } from './blocks';
import { paragraphsOf } from './body-candidates';
import { attr, elementsOf, parseHtml, type Document } from './dom';
import { cleanBlocks } from './main-content';

/**
 * The article text a script-rendered page carries in its hydration state rather than in its markup: Next.js
 * (`__NEXT_DATA__`, `self.__next_f`), Arc XP (`Fusion.globalContent`'s `content_elements`), Nuxt and similar
 * frameworks serialise the story as JSON for the browser to render, so the HTML a crawler sees may hold only a
 * teaser, a consent notice or nothing. The state is read as data, never run: every JSON string value in the page's
 * scripts under a key that names a body (`content`, `text`, `body`, `html`, …) is a piece of text; a value holding
 * HTML is one candidate, and consecutive plain values under one key (a list of paragraph objects) are another.
 * The longest candidate is returned, paragraphs separated by newlines, or null when none is article-sized.
 */
export function scriptStateBody(doc: Document): string | null {
  let best: Candidate | null = null;
  for (const script of elementsOf(doc, (el) => el.name === 'script' && isStateScript(attr(el, 'type')))) {
    const source = script.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
    if (source.length < MIN_BODY_CHARS || source.length > MAX_SCRIPT_CHARS) continue;
    for (const candidate of candidatesIn(source, 0)) {
      if (!best || candidate.chars > best.chars) best = candidate;
    }
  }
  return best && best.chars >= MIN_BODY_CHARS ? best.paragraphs.join('\n') : null;
}

interface Candidate {
  readonly paragraphs: string[];
  readonly chars: number;
}

/** Plain values under one key read so far: a list of paragraph objects being collected. */
interface Run extends Candidate {
  readonly key: string;
  end: number;
  chars: number;
}

/** Too short to stand for an article body on its own. */
const MIN_BODY_CHARS = 400;
/** Larger scripts are bundles, not state; reading them would cost more than any page is worth. */
const MAX_SCRIPT_CHARS = 3_000_000;
/** A plain value shorter than this is a label, an id or a caption, not a paragraph. */
const MIN_PARAGRAPH_CHARS = 40;
/** Paragraph objects of one list sit close together; a larger gap starts another list. */
const MAX_GAP_CHARS = 1_500;
/** State serialised inside a JS string (`self.__next_f.push([1,"…"])`) is read one level down, no deeper. */
const MAX_NESTING = 1;

// Keys under which frameworks and CMSs put body text ("content", "contentHtml", "body_text"); not "description",
// "summary" or "headline", which teasers of other stories use as much as the story itself.
const BODY_KEY = /^(?:content|text|body|html|paragraph|articlebody|markup)(?:[_-]?(?:html|text|markup))?$/i;
// Markup inside a value (paragraphs, or links and bold in one paragraph) is parsed, never kept as text.
const HTML_FRAGMENT = /<[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i;
// A JSON key followed by a string value. The value stops at the first unescaped quote; newlines never occur raw.
const KEYED_STRING = /"([A-Za-z_$][\w$-]{0,40})"\s*:\s*"((?:[^"\\\n]|\\.){40,})"/g;

// Any string long enough to hold serialised state of its own, keyed or not (an array element in `push([1,"…"])`).
const LONG_STRING = /"((?:[^"\\\n]|\\.){400,})"/g; // 400: MIN_BODY_CHARS

function isStateScript(type: string | null): boolean {
  // JSON-LD is read elsewhere (metadata); templates and other non-script types carry markup, not state.
  return type === null || /^(?:text\/javascript|application\/(?:javascript|json)|module)$/i.test(type.trim());
}

function decodeJsonString(raw: string): string | null {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return null;
  }
}

function candidatesIn(source: string, nesting: number): Candidate[] {
  const out: Candidate[] = [];
  // Every list of plain values ends up in `out` as it grows; the current one is extended in place.
  let run: Run | null = null;
  for (const match of source.matchAll(KEYED_STRING)) {
    const [whole, key, raw] = match;
    const start = match.index ?? 0;
    const value = decodeJsonString(raw);
    if (value === null || !BODY_KEY.test(key)) continue;
    const paragraphs = HTML_FRAGMENT.test(value) ? htmlParagraphs(value) : linesOf(value);
    if (paragraphs.length > 1) {
      out.push({ paragraphs, chars: charsOf(paragraphs) });
      continue;
    }
    const text = paragraphs[0] ?? '';
    if (!isProse(text)) continue;
    if (run !== null && run.key === key && start - run.end <= MAX_GAP_CHARS) {
      run.paragraphs.push(text);
      run.chars += text.length;
      run.end = start + whole.length;
    } else {
      run = { key, end: start + whole.length, paragraphs: [text], chars: text.length };
      out.push(run);
    }
  }
  if (nesting < MAX_NESTING && source.includes('\\":\\"')) {
    for (const [, raw] of source.matchAll(LONG_STRING)) {
      const value = decodeJsonString(raw);
      if (value !== null && value.includes('":"')) out.push(...candidatesIn(value, nesting + 1));
    }
  }
  return out;
}

const linesOf = (text: string): string[] => paragraphsOf(text).map((block) => block.text);

/**
 * Paragraph and heading texts of an HTML fragment, walked as the page's own markup is: figures, captions, share
 * bars and other furniture inside it are left out.
 */
function htmlParagraphs(html: string): string[] {
  const body = elementsOf(parseHtml(`<body>${html}</body>`), (el) => el.name === 'body')[0];
  if (!body) return [];
  // The fragment is the body by construction, so whatever its class names call furniture (a caption box, an ad
  // slot, a share bar) is left out whole.
  const blocks = textBlocks(body).filter((block) => block.hinted.length === 0);
  return cleanBlocks(blocks, null).map((block) => block.text);
}

const charsOf = (paragraphs: readonly string[]): number => paragraphs.reduce((n, p) => n + p.length, 0);

/** Running text, not an address, an identifier or serialised code: mostly letters, in words or in a CJK script. */
function isProse(text: string): boolean {
  if (text.length < MIN_PARAGRAPH_CHARS || /^(?:https?:|\/|data:|[{[])/.test(text)) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < text.length * 0.6) return false;
  const words = text.split(' ').length;
  return (
    words >= 6 || /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(text)
  );
}
