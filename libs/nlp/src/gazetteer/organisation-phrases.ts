// Known organisation names (companies, broadcasters, newspapers, agencies, parties, sports clubs) as token
// sequences. The list is built from openly licensed data by libs/nlp/scripts/build-organisations.ts; the committed
// JSON is imported like code so the library stays free of file I/O.

interface OrganisationList {
  readonly source: string;
  readonly licence: string;
  readonly names: readonly string[];
}

interface OrganisationIndex {
  readonly phrases: ReadonlySet<string>;
  readonly firstWords: ReadonlySet<string>;
  readonly maxTokens: number;
}

let cached: OrganisationIndex | undefined;

function organisationIndex(): OrganisationIndex {
  if (cached) return cached;
  const list = require('../model/organisations.model.json') as OrganisationList;
  const phrases = new Set<string>();
  let maxTokens = 1;
  for (const name of list.names) {
    const key = name.split(/\s+/u).filter(Boolean).join(' ');
    phrases.add(key);
    maxTokens = Math.max(maxTokens, key.split(' ').length);
  }
  cached = { phrases, firstWords: new Set([...phrases].map((p) => p.split(' ')[0])), maxTokens };
  return cached;
}

/** Whether a word may open a name: capitalised, all capitals, or a digit ("49ers"); lower-case text never does. */
function mayOpenName(word: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(word);
}

/**
 * Per token, "B"/"I" inside the longest known organisation name starting at a capitalised word, "" elsewhere.
 * Case-insensitive beyond the first letter, so shouted headlines ("MANCHESTER CITY BEAT …") match too.
 */
export function markOrganisationPhrases(words: readonly string[]): string[] {
  const { phrases, firstWords, maxTokens } = organisationIndex();
  const marks = new Array<string>(words.length).fill('');
  for (let i = 0; i < words.length; i++) {
    if (!mayOpenName(words[i])) continue;
    const first = words[i].toLowerCase();
    if (!firstWords.has(first)) continue;
    let key = first;
    let longest = phrases.has(key) ? 1 : 0;
    for (let length = 2; length <= maxTokens && i + length <= words.length; length++) {
      key = `${key} ${words[i + length - 1].toLowerCase()}`;
      if (phrases.has(key)) longest = length;
    }
    if (longest === 0) continue;
    marks[i] = 'B';
    for (let j = i + 1; j < i + longest; j++) marks[j] = 'I';
    i += longest - 1;
  }
  return marks;
}
