import type { Scored } from './keywords';
import type { AnalysedText } from './text/analysed-text';

// Lexicon-based coarse topics: each topic is a list of word stems; a token counts when it starts with a stem.
// Deliberately simple and explainable; a trained classifier would need labelled news we do not have.
const TOPIC_STEMS: Readonly<Record<string, readonly string[]>> = {
  politics: [
    'elect',
    'vote',
    'voter',
    'parliament',
    'senat',
    'congress',
    'president',
    'minister',
    'govern',
    'cabinet',
    'party',
    'parties',
    'politic',
    'campaign',
    'lawmaker',
    'legislat',
    'diplomat',
    'summit',
    'coalition',
    'opposition',
    'referendum',
    'ballot',
    'sanction',
    'treaty',
    'alliance',
    'negotiat',
    'envoy',
    'administration',
  ],
  conflict: [
    'war',
    'wars',
    'militar',
    'troop',
    'soldier',
    'army',
    'weapon',
    'missile',
    'drone',
    'attack',
    'strike',
    'invasion',
    'invad',
    'battle',
    'fighting',
    'combat',
    'killed',
    'airstrike',
    'shelling',
    'ceasefire',
    'cease-fire',
    'rebel',
    'insurgen',
    'militant',
    'terror',
    'bomb',
    'ammunition',
    'frontline',
    'front-line',
    'offensive',
    'occup',
    'defense',
    'defence',
    'artillery',
    'casualt',
    'wounded',
  ],
  economy: [
    'econom',
    'inflation',
    'gdp',
    'growth',
    'market',
    'trade',
    'tariff',
    'budget',
    'tax',
    'bank',
    'currency',
    'interest rate',
    'recession',
    'unemploy',
    'investment',
    'investor',
    'stock',
    'export',
    'import',
    'debt',
    'fiscal',
    'price',
    'fund',
    'spending',
    'billion',
    'million',
    'oil',
    'finance',
    'financial',
  ],
  business: [
    'compan',
    'corporat',
    'firm',
    'ceo',
    'profit',
    'revenue',
    'earnings',
    'shares',
    'merger',
    'acquisition',
    'startup',
    'customer',
    'retail',
    'brand',
    'industry',
    'industri',
    'manufactur',
  ],
  sport: [
    'match',
    'goal',
    'league',
    'tournament',
    'championship',
    'cup',
    'coach',
    'player',
    'team',
    'season',
    'score',
    'olympic',
    'football',
    'soccer',
    'tennis',
    'cricket',
    'basketball',
    'rugby',
    'athlet',
    'medal',
    'victory',
    'defeat',
    'striker',
    'stadium',
    'race',
    'racing',
  ],
  technology: [
    'technolog',
    'software',
    'internet',
    'digital',
    'comput',
    'smartphone',
    'artificial intelligence',
    'algorithm',
    'cyber',
    'hacker',
    'data',
    'online',
    'app',
    'apps',
    'chip',
    'semiconductor',
    'robot',
    'startup',
    'platform',
  ],
  health: [
    'health',
    'hospital',
    'doctor',
    'patient',
    'disease',
    'virus',
    'vaccin',
    'pandemic',
    'covid',
    'medic',
    'cancer',
    'infect',
    'outbreak',
    'nurse',
    'treatment',
    'drug',
    'mental',
  ],
  science: [
    'scien',
    'research',
    'study',
    'studies',
    'laborator',
    'experiment',
    'physic',
    'chemi',
    'biolog',
    'astronom',
    'space',
    'nasa',
    'planet',
    'species',
    'genetic',
    'discover',
    'universit',
  ],
  environment: [
    'climate',
    'emission',
    'carbon',
    'pollut',
    'environment',
    'wildlife',
    'forest',
    'drought',
    'flood',
    'renewable',
    'solar',
    'warming',
    'weather',
    'storm',
    'hurricane',
    'wildfire',
    'earthquake',
  ],
  crime: [
    'police',
    'arrest',
    'court',
    'judge',
    'trial',
    'prosecut',
    'crime',
    'criminal',
    'murder',
    'corruption',
    'fraud',
    'investigat',
    'prison',
    'jail',
    'convict',
    'charged',
    'lawsuit',
    'raid',
  ],
  culture: [
    'film',
    'movie',
    'music',
    'album',
    'art',
    'artist',
    'museum',
    'festival',
    'book',
    'novel',
    'theater',
    'theatre',
    'actor',
    'actress',
    'celebrit',
    'fashion',
    'culture',
    'cultural',
    'religio',
    'church',
  ],
};

const MIN_SCORE = 0.15;
// Saturation: a topic whose words make up ~3% of the article scores about 0.8.
const SATURATION = 50;

const STEMS: readonly { stem: string; topic: string }[] = Object.entries(TOPIC_STEMS).flatMap(([topic, stems]) =>
  stems.map((stem) => ({ stem, topic })),
);
const PAIR_STEMS = STEMS.filter(({ stem }) => stem.includes(' '));
const WORD_STEMS_BY_INITIAL = new Map<string, { stem: string; topic: string }[]>();
for (const entry of STEMS) {
  if (entry.stem.includes(' ')) continue;
  const list = WORD_STEMS_BY_INITIAL.get(entry.stem[0]) ?? [];
  list.push(entry);
  WORD_STEMS_BY_INITIAL.set(entry.stem[0], list);
}

function matches(stem: string, target: string): boolean {
  return stem.length <= 4 ? target === stem || target === `${stem}s` : target.startsWith(stem);
}

// Words repeat across articles, so each word's topics are worked out once; the cap bounds a long-running
// service's memory (a full cache starts again).
const WORD_TOPICS = new Map<string, readonly string[]>();
const WORD_TOPICS_CAP = 50_000;

function topicsOfWord(word: string): readonly string[] {
  let topics = WORD_TOPICS.get(word);
  if (topics === undefined) {
    const found = new Set<string>();
    for (const { stem, topic } of WORD_STEMS_BY_INITIAL.get(word[0]) ?? []) if (matches(stem, word)) found.add(topic);
    topics = [...found];
    if (WORD_TOPICS.size >= WORD_TOPICS_CAP) WORD_TOPICS.clear();
    WORD_TOPICS.set(word, topics);
  }
  return topics;
}

/** Coarse topics (politics, conflict, economy, sport, …) scored 0–1 by the density of each topic's words. */
export function classifyTopics(doc: AnalysedText): Scored[] {
  const hits = new Map<string, number>();
  let words = 0;
  const lower = doc.tokens.map((token) => token.text.toLowerCase());
  for (let i = 0; i < lower.length; i++) {
    const word = lower[i];
    if (!/^\p{L}/u.test(word)) continue;
    words++;
    const wordTopics = topicsOfWord(word);
    for (const topic of wordTopics) hits.set(topic, (hits.get(topic) ?? 0) + 1);
    if (i + 1 >= lower.length) continue;
    const pair = `${word} ${lower[i + 1]}`;
    // A two-word stem counts once per word, like any other, and not again for a topic the word already scored.
    const counted: string[] = [];
    for (const { stem, topic } of PAIR_STEMS) {
      if (wordTopics.includes(topic) || counted.includes(topic) || !matches(stem, pair)) continue;
      counted.push(topic);
      hits.set(topic, (hits.get(topic) ?? 0) + 1);
    }
  }
  return [...hits]
    .map(([topic, count]) => ({
      value: topic,
      score: Math.round((1 - Math.exp((-SATURATION * count) / Math.max(words, 1))) * 1000) / 1000,
    }))
    .filter((topic) => topic.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1));
}
