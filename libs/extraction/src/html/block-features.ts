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
] as const;

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
}

function localOf(block: TextBlock): Local {
  return {
    density: block.linkChars / Math.max(1, block.text.length),
    prose: PROSE_END.test(block.text) && block.text.length >= 60 ? 1 : 0,
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

/** One sparse row per block, in the blocks' order. */
export function blockFeatures(blocks: readonly TextBlock[], context: PageContext): FeatureRow[] {
  const locals = blocks.map(localOf);
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
      context.ruleMain.has(block) ? 1 : 0,
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
