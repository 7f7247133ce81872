import type { Element } from './dom';
import type { TextBlock } from './blocks';
import { textWeight } from './main-content';

/**
 * What the block classifier sees of a text block: properties that hold across sites and languages (length, link
 * density, punctuation, stop words, tag and position, neighbours, the rules' own choice, JSON-LD articleBody) and
 * hashed class/id tokens of the block's element and its ancestors.
 */
export const DENSE_FEATURES = [
  'logWeight',
  'linkDensity',
  'leadLinkShare',
  'heading',
  'tagP',
  'tagDiv',
  'tagLi',
  'tagTable',
  'tagH1',
  'tagQuote',
  'tagOther',
  'endsProse',
  'innerSentence',
  'commas',
  'digits',
  'upper',
  'stopWords',
  'position',
  'hinted',
  'inRuleMain',
  'inArticle',
  'inMain',
  'depth',
  'inJsonLdBody',
  'hasJsonLdBody',
  'short',
  'prevLinkDensity',
  'nextLinkDensity',
  'prevProse',
  'nextProse',
  'windowProse',
  // features-2: position against the rules' choice and the page's prose, repeats, sentence shape, short-line kinds,
  // enclosing structures.
  'pageShare',
  'mainShare',
  'mainPosition',
  'beforeMainProse',
  'afterMainProse',
  'proseDistance',
  'repeated',
  'sentences',
  'sentenceLength',
  'words',
  'capitalisedWords',
  'dateLike',
  'timeLike',
  'bylineLike',
  'moreLike',
  'endsColon',
  'separators',
  'punctuation',
  'inList',
  'inForm',
  'inTable',
  'positiveHint',
  'belowContainer',
  'siblingProse',
  'mainSize',
  'prevWeight',
  'nextWeight',
] as const;

/** Bumped with every change to the features; a model trained on another set is refused at load. */
export const FEATURE_SET = 'features-2';

export const HASH_BUCKETS = 256;
export const FEATURE_COUNT = DENSE_FEATURES.length + HASH_BUCKETS;

/** Sparse row: feature indices and values. */
export interface FeatureRow {
  index: number[];
  value: number[];
}

export interface PageContext {
  /** Blocks the rule-based choice keeps: its verdict is one feature among others. */
  ruleMain: ReadonlySet<TextBlock>;
  /** The element the rules chose, when they chose one. */
  container: Element | null;
  /** JSON-LD articleBody, squashed, when the page has one. */
  articleBody: string | null;
}

const PROSE_END = /[.!?…:;"”’»)。！？」』）]\s*$/;
const INNER_SENTENCE = /[.!?;:]\s+\p{Lu}/u;
/** The commonest function words of the languages most pages are in; the share of them says "running text". */
const STOP_WORDS = new Set(
  (
    'the a an and or of to in on for with at by from is are was were be been that this it as not but he she they we ' +
    'der die das und oder ist sind war ein eine einen zu im in mit von auf für nicht sich es sie er wir den dem des ' +
    'le la les et ou est sont un une des du de en dans pour pas que qui il elle ils sur au aux ' +
    'el los las y o es son una unos por para con no se lo su al del ' +
    'il lo gli e di da per non che un una con su ' +
    'o os as e um uma do da dos das em para com não que se ' +
    'de het een en of is zijn van in op met niet dat die voor'
  ).split(' '),
);

const squash = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function classTokens(el: Element): string[] {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter((t) => t.length >= 2 && t.length <= 24 && !/\d/.test(t));
}

interface Local {
  density: number;
  prose: number;
  /** Long prose: the article's own paragraphs, the landmarks the position features measure from. */
  longProse: boolean;
}

function localOf(block: TextBlock): Local {
  const prose = PROSE_END.test(block.text) && block.text.length >= 60;
  return {
    density: block.linkChars / Math.max(1, block.text.length),
    prose: prose ? 1 : 0,
    longProse:
      (prose || INNER_SENTENCE.test(block.text)) &&
      block.text.length >= 150 &&
      block.linkChars < block.text.length * 0.3,
  };
}

function ancestors(el: Element, limit: number): Element[] {
  const out: Element[] = [];
  for (let node: Element | null = el; node && out.length < limit;) {
    out.push(node);
    node = node.parent && node.parent.type === 'tag' ? node.parent : null;
  }
  return out;
}

const SENTENCE_END = /[.!?…。！？](?=\s|$)/g;
const DATE_LIKE = /\b(1[89]|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/;
const TIME_LIKE = /\b\d{1,2}[:h]\d{2}\b/;
const BYLINE_LIKE = /^(by|von|par|por|di|door|av|af|de|autor|author|auteur)\b/i;
/** Links out to other pages in many languages ("read more", "see also", "weiterlesen", "lire aussi"). */
const MORE_LIKE =
  /\b(read (more|also|next)|continue reading|see also|related|more (on|from|about)|weiterlesen|mehr zum thema|lesen sie (auch|mehr)|lire (aussi|la suite)|leer más|lee también|leggi anche|vedi anche|leia (mais|também)|lees ook|czytaj (więcej|też|także)|les (også|mer)|läs (också|mer)|mehr lesen|click here|sign up|subscribe)\b/i;
const SEPARATORS = /[|•·»›►▶→]/;
const POSITIVE_TOKEN = /(?:^|[\s_-])(article|body|content|entry|main|story|text|prose|post)(?=$|[\s_-])/i;

/** Per-page facts the block features are measured against. */
interface PageFacts {
  locals: Local[];
  totalChars: number;
  mainChars: number;
  mainCount: number;
  /** Index of each block among the rules' chosen blocks (-1 outside). */
  mainIndex: number[];
  firstMainProse: number;
  lastMainProse: number;
  /** Blocks to the nearest long prose block, capped. */
  proseDistance: number[];
  repeats: Map<string, number>;
  siblingProse: Map<Element | null, { prose: number; all: number }>;
}

function pageFacts(blocks: readonly TextBlock[], context: PageContext): PageFacts {
  const locals = blocks.map(localOf);
  const n = blocks.length;
  let totalChars = 0;
  let mainChars = 0;
  let mainCount = 0;
  let firstMainProse = -1;
  let lastMainProse = -1;
  const mainIndex: number[] = [];
  const repeats = new Map<string, number>();
  const siblingProse = new Map<Element | null, { prose: number; all: number }>();
  blocks.forEach((block, i) => {
    totalChars += block.text.length;
    if (context.ruleMain.has(block)) {
      mainIndex.push(mainCount);
      mainCount += 1;
      mainChars += block.text.length;
      if (locals[i].longProse) {
        if (firstMainProse < 0) firstMainProse = i;
        lastMainProse = i;
      }
    } else mainIndex.push(-1);
    const key = block.text.toLowerCase();
    repeats.set(key, (repeats.get(key) ?? 0) + 1);
    const parent = block.owner.parent && block.owner.parent.type === 'tag' ? block.owner.parent : null;
    const s = siblingProse.get(parent) ?? { prose: 0, all: 0 };
    s.all += 1;
    s.prose += locals[i].prose;
    siblingProse.set(parent, s);
  });
  const cap = 10;
  const proseDistance = new Array<number>(n).fill(cap);
  for (let i = 0, last = -cap; i < n; i++) {
    if (locals[i].longProse) last = i;
    proseDistance[i] = Math.min(cap, i - last);
  }
  for (let i = n - 1, next = n + cap; i >= 0; i--) {
    if (locals[i].longProse) next = i;
    proseDistance[i] = Math.min(proseDistance[i], next - i);
  }
  return {
    locals,
    totalChars,
    mainChars,
    mainCount,
    mainIndex,
    firstMainProse,
    lastMainProse,
    proseDistance,
    repeats,
    siblingProse,
  };
}

/** One sparse row per block, in the blocks' order. */
export function blockFeatures(blocks: readonly TextBlock[], context: PageContext): FeatureRow[] {
  const facts = pageFacts(blocks, context);
  const locals = facts.locals;
  const n = blocks.length;
  return blocks.map((block, i) => {
    const text = block.text;
    const length = Math.max(1, text.length);
    const words = squash(text).split(' ');
    const stop = words.filter((w) => STOP_WORDS.has(w)).length / Math.max(1, words.length);
    const path = ancestors(block.owner, 60);
    const tag = block.tag;
    const squashed = context.articleBody ? squash(text) : '';
    let windowProse = 0;
    for (let j = Math.max(0, i - 3); j <= Math.min(n - 1, i + 3); j++) if (j !== i) windowProse += locals[j].prose;
    const inMain = context.ruleMain.has(block);
    const sentences = text.match(SENTENCE_END)?.length ?? 0;
    const rawWords = text.split(' ');
    const near = path.slice(0, 6);
    const containerAt = context.container ? path.indexOf(context.container) : -1;
    const parent = block.owner.parent && block.owner.parent.type === 'tag' ? block.owner.parent : null;
    const siblings = facts.siblingProse.get(parent) ?? { prose: 0, all: 1 };
    const dense: number[] = [
      Math.log1p(textWeight(text)) / 8,
      locals[i].density,
      block.leadLinkChars / length,
      block.heading ? 1 : 0,
      tag === 'p' ? 1 : 0,
      tag === 'div' || tag === 'section' || tag === 'article' || tag === 'main' ? 1 : 0,
      tag === 'li' || tag === 'dd' || tag === 'dt' ? 1 : 0,
      tag === 'tr' || tag === 'td' || tag === 'th' || tag === 'table' ? 1 : 0,
      tag === 'h1' ? 1 : 0,
      tag === 'blockquote' || tag === 'pre' ? 1 : 0,
      /^(p|div|section|article|main|li|dd|dt|tr|td|th|table|h1|blockquote|pre)$/.test(tag) || block.heading ? 0 : 1,
      PROSE_END.test(text) ? 1 : 0,
      INNER_SENTENCE.test(text) ? 1 : 0,
      Math.min(1, ((text.match(/[,，、]/g)?.length ?? 0) * 40) / length),
      (text.match(/\p{N}/gu)?.length ?? 0) / length,
      (text.match(/\p{Lu}/gu)?.length ?? 0) / length,
      stop,
      n > 1 ? i / (n - 1) : 0,
      block.hinted.length > 0 ? 1 : 0,
      inMain ? 1 : 0,
      path.some((e) => e.name === 'article') ? 1 : 0,
      path.some((e) => e.name === 'main') ? 1 : 0,
      Math.min(1, path.length / 40),
      squashed.length >= 20 && context.articleBody !== null && context.articleBody.includes(squashed) ? 1 : 0,
      context.articleBody ? 1 : 0,
      text.length < 40 ? 1 : 0,
      i > 0 ? locals[i - 1].density : 1,
      i < n - 1 ? locals[i + 1].density : 1,
      i > 0 ? locals[i - 1].prose : 0,
      i < n - 1 ? locals[i + 1].prose : 0,
      windowProse / 6,
      text.length / Math.max(1, facts.totalChars),
      inMain ? text.length / Math.max(1, facts.mainChars) : 0,
      inMain && facts.mainCount > 1 ? facts.mainIndex[i] / (facts.mainCount - 1) : 0,
      inMain && (facts.firstMainProse < 0 || i < facts.firstMainProse) ? 1 : 0,
      inMain && (facts.lastMainProse < 0 || i > facts.lastMainProse) ? 1 : 0,
      facts.proseDistance[i] / 10,
      (facts.repeats.get(text.toLowerCase()) ?? 1) > 1 ? 1 : 0,
      Math.min(10, sentences) / 10,
      Math.min(1, length / Math.max(1, sentences) / 300),
      Math.log1p(rawWords.length) / 6,
      rawWords.filter((w) => /^\p{Lu}/u.test(w)).length / Math.max(1, rawWords.length),
      length < 100 && DATE_LIKE.test(text) ? 1 : 0,
      length < 100 && TIME_LIKE.test(text) ? 1 : 0,
      length < 100 && BYLINE_LIKE.test(text) ? 1 : 0,
      length < 200 && MORE_LIKE.test(text) ? 1 : 0,
      /:\s*$/.test(text) ? 1 : 0,
      SEPARATORS.test(text) ? 1 : 0,
      (text.match(/[^\p{L}\p{N}\s]/gu)?.length ?? 0) / length,
      near.some((e) => e.name === 'ul' || e.name === 'ol' || e.name === 'dl') ? 1 : 0,
      near.some((e) => e.name === 'form' || e.name === 'fieldset') ? 1 : 0,
      near.some((e) => e.name === 'table') ? 1 : 0,
      near.some((e) => POSITIVE_TOKEN.test(`${e.attribs.class ?? ''} ${e.attribs.id ?? ''}`)) ? 1 : 0,
      containerAt < 0 ? 1 : Math.min(1, containerAt / 10),
      siblings.prose / Math.max(1, siblings.all),
      Math.log1p(facts.mainChars) / 10,
      i > 0 ? Math.log1p(blocks[i - 1].text.length) / 8 : 0,
      i < n - 1 ? Math.log1p(blocks[i + 1].text.length) / 8 : 0,
    ];
    const index: number[] = [];
    const value: number[] = [];
    dense.forEach((v, k) => {
      if (v !== 0) {
        index.push(k);
        value.push(v);
      }
    });
    const hashed = new Set<number>();
    for (const el of path.slice(0, 4)) for (const t of classTokens(el)) hashed.add(fnv(t) % HASH_BUCKETS);
    for (const h of [...hashed].sort((a, b) => a - b)) {
      index.push(DENSE_FEATURES.length + h);
      value.push(1);
    }
    return { index, value };
  });
}

/** The squashed JSON-LD articleBody the features compare blocks against. */
export function articleBodyKey(articleBody: string | null): string | null {
  return articleBody && articleBody.length >= 200 ? squash(articleBody) : null;
}
