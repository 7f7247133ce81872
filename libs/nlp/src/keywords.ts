import type { Lexicon } from './ner/lexicon';
import type { AnalysedText } from './text/analysed-text';
import { isStopword } from './text/stopwords';
import { isCalendarWord } from './gazetteer/calendar-words';

/** A keyword or topic with a 0–1 score relative to the article's best. */
export interface Scored {
  readonly value: string;
  readonly score: number;
}

const MAX_PHRASE_WORDS = 3;
const TOP_KEYWORDS = 10;

const capital = (word: string): boolean => /^\p{Lu}/u.test(word);

function isContentWord(word: string): boolean {
  return /^\p{L}[\p{L}\p{M}'’-]*$/u.test(word) && word.length > 2 && !isStopword(word) && !isCalendarWord(word);
}

/**
 * Keyphrases by RAKE-style candidate runs (content words between stopwords and punctuation) scored by in-article
 * frequency times rarity against the training corpus's word counts (an IDF stand-in).
 */
export function extractKeywords(doc: AnalysedText, lexicon: Lexicon, limit = TOP_KEYWORDS): Scored[] {
  const rarity = (word: string): number =>
    Math.log((lexicon.totalTokens + 1) / ((lexicon.counts.get(word.toLowerCase()) ?? 0) + 1));
  const phrases = new Map<string, { count: number; forms: Map<string, number>; weight: number }>();
  const addRun = (words: string[], initial: boolean): void => {
    for (let start = 0; start < words.length; start += MAX_PHRASE_WORDS) {
      const chunk = words.slice(start, start + MAX_PHRASE_WORDS);
      const key = chunk.join(' ').toLowerCase();
      let entry = phrases.get(key);
      if (!entry) {
        // The weight depends on the words' lower case only, that is on the key: computed once per phrase.
        const weight =
          (chunk.reduce((sum, word) => sum + rarity(word), 0) / chunk.length) * (1 + 0.3 * (chunk.length - 1));
        entry = { count: 0, forms: new Map<string, number>(), weight };
        phrases.set(key, entry);
      }
      entry.count++;
      // Sentence-initial capitals say nothing about the word, so such a form only counts when no other was seen.
      const form = chunk.join(' ');
      const vote = initial && start === 0 ? 0.001 : 1;
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + vote);
    }
  };
  for (const sentence of doc.sentences) {
    let run: string[] = [];
    let runInitial = false;
    for (let i = sentence.firstToken; i <= sentence.lastToken; i++) {
      const word = i < sentence.lastToken ? doc.tokens[i].text : '';
      // A run breaks where a lower-case word meets a name: "replace" + "Denys Shmygal", not one phrase.
      const startsName = run.length > 0 && capital(word) && !capital(run[run.length - 1]);
      // …and where a multi-word name meets a lower-case word: "Steve Witkoff" + "boasted".
      const endsName = run.length > 1 && !capital(word) && capital(run[run.length - 1]) && capital(run[run.length - 2]);
      if (startsName || endsName) {
        addRun(run, runInitial);
        run = [];
      }
      if (i < sentence.lastToken && !doc.inHeading[i] && isContentWord(word)) {
        if (run.length === 0) runInitial = i === sentence.firstToken;
        run.push(word);
        continue;
      }
      if (run.length > 0) addRun(run, runInitial);
      run = [];
    }
  }
  const scored = [...phrases.values()]
    .map((entry) => {
      const [best, votes] = [...entry.forms].sort((a, b) => b[1] - a[1])[0];
      const lower = best.toLowerCase();
      const form = votes >= 1 ? best : lexicon.commonWords.has(lower) || best === best.toUpperCase() ? lower : best;
      return { value: form, raw: Math.log2(1 + entry.count) * entry.weight };
    })
    .sort((a, b) => b.raw - a.raw || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
  const top = scored[0]?.raw ?? 1;
  return scored.map(({ value, raw }) => ({ value, score: Math.round((raw / top) * 1000) / 1000 }));
}
