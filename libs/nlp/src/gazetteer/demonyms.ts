import { findCountry } from './countries';

// Nationality words that the suffix rule below misses or would get wrong.
const DEMONYMS = new Set([
  'arab',
  'arabs',
  'serb',
  'serbs',
  'croat',
  'croats',
  'kurd',
  'kurds',
  'thai',
  'swiss',
  'greek',
  'greeks',
  'turk',
  'turks',
  'czech',
  'czechs',
  'slovak',
  'french',
  'dutch',
  'welsh',
  'irish',
  'scots',
  'briton',
  'britons',
  'dane',
  'danes',
  'pole',
  'poles',
  'finn',
  'finns',
  'swede',
  'swedes',
  'jew',
  'jews',
  'filipino',
  'filipinos',
  'sikh',
  'uzbek',
  'uzbeks',
  'kazakh',
  'kazakhs',
  'tajik',
  'tajiks',
  'pashtun',
  'pashtuns',
  'baluch',
  'hutu',
  'tutsi',
  'basque',
  'catalan',
  'flemish',
  'malagasy',
  'shiite',
  'shiites',
  'sunni',
  'sunnis',
  'muslim',
  'muslims',
  'christian',
  'christians',
  'catholic',
  'catholics',
  'hindu',
  'hindus',
  'buddhist',
  'buddhists',
  'european',
  'europeans',
  'african',
  'africans',
  'asian',
  'asians',
  'latino',
  'western',
  'eastern',
  'soviet',
  'yankee',
]);

const DEMONYM_SUFFIX = /(?:ians?|eans?|ese|ish|is?|ans?|ots?|iotes?)$/u;

/** Only the listed nationality and group words: safe to apply to any name, unlike the suffix rule below. */
export function isListedDemonym(word: string): boolean {
  return DEMONYMS.has(word.toLowerCase());
}

/**
 * True for nationality and group adjectives ("Iraqi", "Ukrainian", "Chinese"). News NER conventions tag countries
 * as locations but not these, so GMB's `gpe` is split on this test. Country names ending alike ("Japan", "Oman")
 * are excluded by checking the country gazetteer first.
 */
export function isDemonym(word: string): boolean {
  const lower = word.toLowerCase();
  if (DEMONYMS.has(lower)) return true;
  if (findCountry(word) !== undefined) return false;
  return /^\p{Lu}/u.test(word) && DEMONYM_SUFFIX.test(lower);
}
