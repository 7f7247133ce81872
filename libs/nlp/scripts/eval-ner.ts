// Scores the committed NER model on the held-out split (every 10th sentence, never trained on) and writes the
// per-type figures to docs/quality.md, section `ner`:   npm run eval:ner
import { measuredOn, writeDocSection } from '../../../scripts/doc-section';
import { defaultLexicon, defaultTagger } from '../src/ner/default-tagger';
import { loadGmb, loadWikigold, splitCorpus } from './ner-data';
import { formatScores, pipelinePredictor, scorePredictions, scoreTagger } from './ner-evaluate';

function main(): void {
  const tagger = defaultTagger();
  const gmb = splitCorpus(loadGmb()).heldOut;
  const wikigold = splitCorpus(loadWikigold()).heldOut;
  const gmbScores = scoreTagger(tagger, gmb);
  const wikigoldScores = scoreTagger(tagger, wikigold);
  const combined = scoreTagger(tagger, [...gmb, ...wikigold]);
  const pipeline = scorePredictions(pipelinePredictor(tagger, defaultLexicon()), [...gmb, ...wikigold]);
  const markdown = [
    '## Named-entity recognition (`libs/nlp`)',
    '',
    'Entity-level scores (exact span and type; PER/ORG/LOC in news conventions: nationality adjectives, dates,',
    'events and works are not entities) of the statistical tagger alone (`NerTagger`, the committed',
    '`libs/nlp/src/model/ner.model.json`), on the held-out split: every 10th sentence of each corpus, never trained',
    'on. The last table runs the whole entity pipeline of `enrichArticle` (tagger + title, gazetteer, dateline and',
    'consistency rules) on each held-out sentence as text; its article-level work (surname linking, canonical',
    'names) shows on whole articles and is covered by the acceptance tests.',
    '',
    formatScores(`Held-out, both corpora (${gmb.length + wikigold.length} sentences)`, combined),
    '',
    formatScores(`Held-out GMB (${gmb.length} sentences; Voice of America news, tool-bootstrapped tags)`, gmbScores),
    '',
    formatScores(`Held-out wikigold (${wikigold.length} sentences; Wikipedia, hand-annotated)`, wikigoldScores),
    '',
    formatScores('Held-out, both corpora, full entity pipeline (`recognizeEntities`) per sentence', pipeline),
    '',
    'Reproduce: `npm run train:ner` (deterministic: fixed seed and corpus order), then `npm run eval:ner`.',
    '',
    measuredOn(),
  ].join('\n');
  writeDocSection('docs/quality.md', 'ner', markdown);
  console.log(markdown);
}

main();
