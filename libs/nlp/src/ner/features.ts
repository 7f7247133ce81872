import { isCalendarWord } from '../gazetteer/calendar-words';
import { isDemonym } from '../gazetteer/demonyms';
import { isGivenName } from '../gazetteer/given-names';
import { isOrganisationHead } from '../gazetteer/organisation-words';
import { markOrganisationPhrases } from '../gazetteer/organisation-phrases';
import { markPlacePhrases } from '../gazetteer/place-phrases';
import { isTitleWord } from '../gazetteer/titles';
import { extend, fnv1a } from './hash';
import { wordCluster } from './word-clusters';
import { UNLISTED_BAND, wordBand, wordBandsFor } from './word-bands';
import { isCapitalised, wordShape } from './word-shape';

/** Corpus statistics the features consult: words usually written in lower case mid-sentence. */
export interface FeatureLexicon {
  readonly commonWords: ReadonlySet<string>;
  /** Lower-cased word → corpus count; words seen once are absent, which stands in for unseen words in training. */
  readonly counts: ReadonlyMap<string, number>;
  /** Word clusters learnt from unlabelled text (`word-clusters.ts`), for models trained with them. */
  readonly clusters?: ReadonlyMap<string, number>;
}

/** Per-sentence precomputation shared by every token's feature set. */
export interface SentenceView {
  readonly words: readonly string[];
  readonly lower: readonly string[];
  readonly shapes: readonly string[];
  readonly classes: readonly string[];
  readonly places: readonly string[];
  /** "B"/"I" inside a known organisation name (gazetteer/organisation-phrases), "" elsewhere. */
  readonly organisations: readonly string[];
  /**
   * "1" when the sentence is written in capitals (a headline, a results line shouted by the wire): letter case then
   * says nothing, and the shape features are read through this flag.
   */
  readonly shouted: string;
  /** Known given names (gazetteer/given-names), in any language: "Olaf", "Giuseppe". */
  readonly givenNames: readonly boolean[];
  /** Distributional word cluster ids (`word-clusters.ts`), "" for words too rare to be clustered. */
  readonly clusters: readonly string[];
  /**
   * How common each word is in the text's language (`word-bands.ts`): "5" Zipf 5 and up, "3" listed below that,
   * "0" unlisted; all "" for a language without a list; empty when the view was made without the word-band group
   * (no model in production has it: nothing is allocated per sentence for it).
   */
  readonly bands: readonly string[];
  /** Words the training corpus (nearly) never saw: new names look like this. */
  readonly rare: readonly boolean[];
  /** True where the token starts a sentence or follows an opening quote/colon/dash: capitals there mean little. */
  readonly initial: readonly boolean[];
}

const OPENERS = new Set(['"', '“', '‘', "'", ':', '-', '—', '–', '(', '``']);

function normalise(word: string): string {
  // "U.S." and "US" are one word to the model (newsrooms differ on the dots); short acronyms keep their capitals so
  // "US" never reads as the pronoun "us".
  const undotted = /^(?:\p{L}\.){2,}$/u.test(word) ? word.replace(/\./gu, '') : word;
  if (/^\p{Lu}{2,3}$/u.test(undotted)) return undotted;
  return undotted.replace(/[’‘]/gu, "'").replace(/[“”]/gu, '"').replace(/\d/gu, '0').toLowerCase();
}

function lexicalClass(word: string, lexicon: FeatureLexicon): string {
  const lower = word.toLowerCase();
  if (isCalendarWord(word)) return 'cal';
  if (isTitleWord(word)) return 'title';
  if (isOrganisationHead(word)) return 'orghead';
  if (isCapitalised(word) && isDemonym(word)) return 'demonym';
  if (isCapitalised(word) && lexicon.commonWords.has(lower)) return 'common';
  return '';
}

interface WordInfo {
  readonly lower: string;
  readonly shape: string;
  readonly cls: string;
  readonly rare: boolean;
  readonly given: boolean;
  readonly cluster: string;
}

// Per-word facts repeat across sentences and articles; caching them per lexicon saves most of the view's cost.
// The cache is dropped when full so hostile input cannot grow it without bound.
const WORD_CACHE_LIMIT = 50_000;
const wordCaches = new WeakMap<FeatureLexicon, Map<string, WordInfo>>();

function wordInfo(word: string, lexicon: FeatureLexicon): WordInfo {
  let cache = wordCaches.get(lexicon);
  if (!cache) {
    cache = new Map();
    wordCaches.set(lexicon, cache);
  }
  let info = cache.get(word);
  if (!info) {
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    info = {
      lower: normalise(word),
      shape: wordShape(word),
      cls: lexicalClass(word, lexicon),
      rare: !lexicon.counts.has(word.toLowerCase()),
      given: isGivenName(word),
      cluster: wordCluster(word, lexicon.clusters),
    };
    cache.set(word, info);
  }
  return info;
}

/** Most of the sentence's letters are capitals, over at least three words with letters. */
function isShouted(words: readonly string[]): boolean {
  let upper = 0;
  let lettered = 0;
  for (const word of words) {
    if (!/\p{L}/u.test(word)) continue;
    lettered++;
    if (word === word.toUpperCase()) upper++;
  }
  return lettered >= 3 && upper >= lettered * 0.8;
}

const NO_BANDS: readonly string[] = Object.freeze([]);

// A word's band depends on the text's language, not on the lexicon: cached per language (only languages with a
// list get a cache), and dropped when full as the word cache is.
const bandCaches = new Map<string, Map<string, string>>();

// Three bands scored better than the five Zipf bands in the quick cross-validation (docs/quality.md).
function bandValue(band: number): string {
  return band === UNLISTED_BAND ? '0' : band >= 5 ? '5' : '3';
}

/** Each word's band in the text's language as a feature value; all "" for a language without a list. */
function bandsOf(words: readonly string[], language: string | undefined): string[] {
  const bands = language === undefined ? undefined : wordBandsFor(language);
  if (language === undefined || bands === undefined) return words.map(() => '');
  let cache = bandCaches.get(language);
  if (!cache) {
    cache = new Map();
    bandCaches.set(language, cache);
  }
  const cached = cache;
  return words.map((word) => {
    let band = cached.get(word);
    if (band === undefined) {
      if (cached.size >= WORD_CACHE_LIMIT) cached.clear();
      band = bandValue(wordBand(word, language, bands));
      cached.set(word, band);
    }
    return band;
  });
}

/**
 * `language`: the text's language beyond English, whose own place names the gazetteer features then know too, and
 * whose word frequencies the word-band group reads (`groups.wordBands`).
 */
export function viewSentence(
  words: readonly string[],
  lexicon: FeatureLexicon,
  language?: string,
  groups: FeatureGroups = {},
): SentenceView {
  const infos = words.map((word) => wordInfo(word, lexicon));
  return {
    words,
    lower: infos.map((info) => info.lower),
    shapes: infos.map((info) => info.shape),
    classes: infos.map((info) => info.cls),
    places: markPlacePhrases(words, language),
    organisations: markOrganisationPhrases(words),
    shouted: isShouted(words) ? '1' : '0',
    givenNames: infos.map((info) => info.given),
    clusters: infos.map((info) => info.cluster),
    bands: groups.wordBands ? bandsOf(words, language) : NO_BANDS,
    rare: infos.map((info) => info.rare),
    initial: words.map((_, i) => i === 0 || OPENERS.has(words[i - 1])),
  };
}

/**
 * Features that do not depend on earlier decisions, so training can compute them once per token. This string form
 * is the definition; `staticFeatureHashes` computes the same hashes without building the strings.
 */
export function staticFeatures(view: SentenceView, i: number): string[] {
  const { lower, shapes, classes, places, initial, rare, organisations, shouted } = view;
  const w = lower[i];
  const at = (array: readonly string[], j: number, edge: string): string =>
    j < 0 ? edge : j >= array.length ? edge : array[j];
  const prev = at(lower, i - 1, '<s>');
  const next = at(lower, i + 1, '</s>');
  const features = [
    'b',
    `w=${w}`,
    `p2=${w.slice(0, 2)}`,
    `p3=${w.slice(0, 3)}`,
    `s1=${w.slice(-1)}`,
    `s2=${w.slice(-2)}`,
    `s3=${w.slice(-3)}`,
    `s4=${w.slice(-4)}`,
    `sh=${shapes[i]}`,
    `in=${initial[i] ? 1 : 0}|${shapes[i]}`,
    `w-1=${prev}`,
    `w+1=${next}`,
    `w-2=${at(lower, i - 2, '<s>')}`,
    `w+2=${at(lower, i + 2, '</s>')}`,
    `w-1w=${prev}|${w}`,
    `ww+1=${w}|${next}`,
    `sh-1=${at(shapes, i - 1, '<s>')}|${shapes[i]}`,
    `sh+1=${shapes[i]}|${at(shapes, i + 1, '</s>')}`,
    `sh3=${at(shapes, i - 1, '<s>')}|${shapes[i]}|${at(shapes, i + 1, '</s>')}`,
    `c=${classes[i]}`,
    `c-1=${at(classes, i - 1, '<s>')}`,
    `c+1=${at(classes, i + 1, '</s>')}`,
    `c+2=${at(classes, i + 2, '</s>')}`,
    `g=${places[i]}`,
    `g-1=${at(places, i - 1, '<s>')}`,
    `g+1=${at(places, i + 1, '</s>')}`,
    `cin=${classes[i]}|${initial[i] ? 1 : 0}`,
    `len=${Math.min(w.length, 8)}|${shapes[i]}`,
    // Neighbours' endings tell "Mikhailo Fedorov" (a surname in -ov) from an organisation without knowing either.
    `s3-1=${prev.slice(-3)}`,
    `s3+1=${next.slice(-3)}`,
    `r=${rare[i] ? 1 : 0}|${initial[i] ? 1 : 0}|${shapes[i]}`,
    `r-1=${i > 0 && rare[i - 1] ? 1 : 0}|r+1=${rare[i + 1] ? 1 : 0}|${shapes[i]}`,
    `o=${organisations[i]}`,
    `o-1=${at(organisations, i - 1, '<s>')}`,
    `o+1=${at(organisations, i + 1, '</s>')}`,
    `S=${shouted}|${shapes[i]}`,
    `Sr=${shouted}|${rare[i] ? 1 : 0}|${classes[i]}`,
    `Sw=${shouted}|${w}`,
  ];
  return features;
}

/**
 * Given-name features, for models trained with them (`NerWeights.givenNames`): a known given name, or a word after
 * one, in the word's shape. They carry across languages: "Giuseppe Conte" reads as a person in Italian though no
 * Italian was trained on. The word before a given name has no such feature: with it, the capitalised office
 * before a name ("del Consiglio Giorgia Meloni", "Partito Democratico di Elly Schlein") joined the name in Italian.
 */
export function givenNameFeatures(view: SentenceView, i: number): string[] {
  const { givenNames, shapes } = view;
  const flag = (j: number): string => (j >= 0 && j < givenNames.length && givenNames[j] ? '1' : '0');
  return [`n=${flag(i)}|${shapes[i]}`, `n-1=${flag(i - 1)}|${shapes[i]}`];
}

/**
 * Word-cluster features, for models trained with them (`NerWeights.wordClusters`): the clusters of the word and
 * its neighbours, and the word's in its shape. A name unseen in training still lands in the cluster of names that
 * occur between the same words ("shares of Rosneft" as "shares of Gazprom").
 */
export function wordClusterFeatures(view: SentenceView, i: number): string[] {
  const { clusters, shapes } = view;
  const at = (j: number, edge: string): string => (j < 0 || j >= clusters.length ? edge : clusters[j]);
  return [`k=${clusters[i]}|${shapes[i]}`, `k-1=${at(i - 1, '<s>')}`, `k+1=${at(i + 1, '</s>')}`];
}

/**
 * Word-band features, for models trained with them (`NerWeights.wordBands`): how common the word is in the text's
 * language, in its shape, and with whether it starts the sentence. A capitalised word common in general German
 * ("Haus", Zipf 5) is a noun, a capitalised one the lists do not know more likely a name. Not in the
 * committed model: they did not transfer to a language never trained on (docs/quality.md); nor did the neighbours'
 * bands, which were tried too.
 */
export function wordBandFeatures(view: SentenceView, i: number): string[] {
  const { bands, shapes, initial } = view;
  return [`f=${bands[i]}|${shapes[i]}`, `fi=${bands[i]}|${initial[i] ? 1 : 0}|${shapes[i]}`];
}

/** Features on the tagger's own previous decisions (greedy left-to-right decoding). */
export function historyFeatures(view: SentenceView, i: number, previous: string, beforePrevious: string): string[] {
  return [`t-1=${previous}`, `t-2=${beforePrevious}|${previous}`, `t-1w=${previous}|${view.lower[i]}`];
}

// Hash states after each feature's name, computed once: a feature's hash continues from its name's state.
const P = Object.fromEntries(
  [
    'b',
    'w=',
    'p2=',
    'p3=',
    's1=',
    's2=',
    's3=',
    's4=',
    'sh=',
    'in=0|',
    'in=1|',
    'w-1=',
    'w+1=',
    'w-2=',
    'w+2=',
    'w-1w=',
    'ww+1=',
    'sh-1=',
    'sh+1=',
    'sh3=',
    'c=',
    'c-1=',
    'c+1=',
    'c+2=',
    'g=',
    'g-1=',
    'g+1=',
    'cin=',
    'len=',
    's3-1=',
    's3+1=',
    'r=0|0|',
    'r=0|1|',
    'r=1|0|',
    'r=1|1|',
    'r-1=0|r+1=0|',
    'r-1=0|r+1=1|',
    'r-1=1|r+1=0|',
    'r-1=1|r+1=1|',
    'o=',
    'o-1=',
    'o+1=',
    'S=',
    'Sr=',
    'Sw=',
    'n=0|',
    'n=1|',
    'n-1=0|',
    'n-1=1|',
    'k=',
    'k-1=',
    'k+1=',
    'f=',
    'fi=',
    't-1=',
    't-2=',
    't-1w=',
  ].map((name) => [name, fnv1a(name)]),
);

const BAR = '|';

/** `staticFeatures(view, i).map(fnv1a)`, written into `out`, about ten times faster. */
export function staticFeatureHashes(view: SentenceView, i: number, out: Uint32Array): void {
  const { lower, shapes, classes, places, initial, rare, organisations, shouted } = view;
  const n = lower.length;
  const w = lower[i];
  const shape = shapes[i];
  const prev = i > 0 ? lower[i - 1] : '<s>';
  const next = i + 1 < n ? lower[i + 1] : '</s>';
  const prevShape = i > 0 ? shapes[i - 1] : '<s>';
  const nextShape = i + 1 < n ? shapes[i + 1] : '</s>';
  const cls = classes[i];
  const isInitial = initial[i] ? '1' : '0';
  out[0] = P['b'];
  out[1] = extend(P['w='], w);
  out[2] = extend(P['p2='], w.slice(0, 2));
  out[3] = extend(P['p3='], w.slice(0, 3));
  out[4] = extend(P['s1='], w.slice(-1));
  out[5] = extend(P['s2='], w.slice(-2));
  out[6] = extend(P['s3='], w.slice(-3));
  out[7] = extend(P['s4='], w.slice(-4));
  out[8] = extend(P['sh='], shape);
  out[9] = extend(P[`in=${isInitial}|`], shape);
  out[10] = extend(P['w-1='], prev);
  out[11] = extend(P['w+1='], next);
  out[12] = extend(P['w-2='], i > 1 ? lower[i - 2] : '<s>');
  out[13] = extend(P['w+2='], i + 2 < n ? lower[i + 2] : '</s>');
  out[14] = extend(extend(extend(P['w-1w='], prev), BAR), w);
  out[15] = extend(extend(extend(P['ww+1='], w), BAR), next);
  out[16] = extend(extend(extend(P['sh-1='], prevShape), BAR), shape);
  out[17] = extend(extend(extend(P['sh+1='], shape), BAR), nextShape);
  out[18] = extend(extend(extend(extend(extend(P['sh3='], prevShape), BAR), shape), BAR), nextShape);
  out[19] = extend(P['c='], cls);
  out[20] = extend(P['c-1='], i > 0 ? classes[i - 1] : '<s>');
  out[21] = extend(P['c+1='], i + 1 < n ? classes[i + 1] : '</s>');
  out[22] = extend(P['c+2='], i + 2 < n ? classes[i + 2] : '</s>');
  out[23] = extend(P['g='], places[i]);
  out[24] = extend(P['g-1='], i > 0 ? places[i - 1] : '<s>');
  out[25] = extend(P['g+1='], i + 1 < n ? places[i + 1] : '</s>');
  out[26] = extend(extend(extend(P['cin='], cls), BAR), isInitial);
  out[27] = extend(extend(extend(P['len='], String(Math.min(w.length, 8))), BAR), shape);
  out[28] = extend(P['s3-1='], prev.slice(-3));
  out[29] = extend(P['s3+1='], next.slice(-3));
  out[30] = extend(P[`r=${rare[i] ? 1 : 0}|${isInitial}|`], shape);
  out[31] = extend(P[`r-1=${i > 0 && rare[i - 1] ? 1 : 0}|r+1=${rare[i + 1] ? 1 : 0}|`], shape);
  out[32] = extend(P['o='], organisations[i]);
  out[33] = extend(P['o-1='], i > 0 ? organisations[i - 1] : '<s>');
  out[34] = extend(P['o+1='], i + 1 < n ? organisations[i + 1] : '</s>');
  out[35] = extend(extend(extend(P['S='], shouted), BAR), shape);
  out[36] = extend(extend(extend(extend(extend(P['Sr='], shouted), BAR), rare[i] ? '1' : '0'), BAR), cls);
  out[37] = extend(extend(extend(P['Sw='], shouted), BAR), w);
}

/** Number of hashes `staticFeatureHashes` writes. */
export const STATIC_FEATURE_COUNT = 38;

/** `givenNameFeatures(view, i).map(fnv1a)`, written into `out` from `at`. */
export function givenNameFeatureHashes(view: SentenceView, i: number, out: Uint32Array, at: number): void {
  const { givenNames, shapes } = view;
  out[at] = extend(P[givenNames[i] ? 'n=1|' : 'n=0|'], shapes[i]);
  out[at + 1] = extend(P[i > 0 && givenNames[i - 1] ? 'n-1=1|' : 'n-1=0|'], shapes[i]);
}

export const GIVEN_NAME_FEATURE_COUNT = 2;

/** `wordClusterFeatures(view, i).map(fnv1a)`, written into `out` from `at`. */
export function wordClusterFeatureHashes(view: SentenceView, i: number, out: Uint32Array, at: number): void {
  const { clusters, shapes } = view;
  out[at] = extend(extend(extend(P['k='], clusters[i]), BAR), shapes[i]);
  out[at + 1] = extend(P['k-1='], i > 0 ? clusters[i - 1] : '<s>');
  out[at + 2] = extend(P['k+1='], i + 1 < clusters.length ? clusters[i + 1] : '</s>');
}

export const WORD_CLUSTER_FEATURE_COUNT = 3;

/** `wordBandFeatures(view, i).map(fnv1a)`, written into `out` from `at`. */
export function wordBandFeatureHashes(view: SentenceView, i: number, out: Uint32Array, at: number): void {
  const { bands, shapes, initial } = view;
  const band = bands[i];
  out[at] = extend(extend(extend(P['f='], band), BAR), shapes[i]);
  out[at + 1] = extend(extend(extend(extend(extend(P['fi='], band), BAR), initial[i] ? '1' : '0'), BAR), shapes[i]);
}

export const WORD_BAND_FEATURE_COUNT = 2;

/** Which optional feature groups a model was trained with (`NerWeights`), so training and decoding agree. */
export interface FeatureGroups {
  readonly givenNames?: boolean;
  readonly wordClusters?: boolean;
  readonly wordBands?: boolean;
}

/** Number of hashes `tokenFeatureHashes` writes for these groups. */
export function tokenFeatureCount(groups: FeatureGroups): number {
  return (
    STATIC_FEATURE_COUNT +
    (groups.givenNames ? GIVEN_NAME_FEATURE_COUNT : 0) +
    (groups.wordClusters ? WORD_CLUSTER_FEATURE_COUNT : 0) +
    (groups.wordBands ? WORD_BAND_FEATURE_COUNT : 0)
  );
}

/** The static hashes, then those of each optional group the model has, into `out` (`tokenFeatureCount` long). */
export function tokenFeatureHashes(view: SentenceView, i: number, groups: FeatureGroups, out: Uint32Array): void {
  staticFeatureHashes(view, i, out);
  let at = STATIC_FEATURE_COUNT;
  if (groups.givenNames) {
    givenNameFeatureHashes(view, i, out, at);
    at += GIVEN_NAME_FEATURE_COUNT;
  }
  if (groups.wordClusters) {
    wordClusterFeatureHashes(view, i, out, at);
    at += WORD_CLUSTER_FEATURE_COUNT;
  }
  if (groups.wordBands) wordBandFeatureHashes(view, i, out, at);
}

/** `historyFeatures(...).map(fnv1a)` into `out`. */
export function historyFeatureHashes(
  view: SentenceView,
  i: number,
  previous: string,
  beforePrevious: string,
  out: Uint32Array,
): void {
  out[0] = extend(P['t-1='], previous);
  out[1] = extend(extend(extend(P['t-2='], beforePrevious), BAR), previous);
  out[2] = extend(extend(extend(P['t-1w='], previous), BAR), view.lower[i]);
}

export const HISTORY_FEATURE_COUNT = 3;
