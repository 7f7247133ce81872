// Builds the labelled deduplication set from real article bodies: every story gets its original plus copies
// altered the way syndication, wire services and page templates alter them, and hard negatives come from sites
// that wrap different stories in the same long boilerplate, from same-topic articles already in the data, and
// from short templated briefs. Deterministic for a seed, so figures are comparable run to run.
import { seededRandom, type Random } from '@inkstream/measure';

export interface BaseArticle {
  key: string;
  title: string;
  body: string;
  url: string;
}

export type Alteration =
  | 'original'
  | 'syndication'
  | 'light-edit'
  | 'truncation'
  | 'reorder'
  | 'embedded'
  | 'url-variant'
  | 'update'
  | 'syndicated-edit'
  | 'syndicated-truncation'
  | 'brief'
  | 'brief-copy';

export interface LabelledArticle {
  id: string;
  title: string;
  body: string;
  url: string;
  sourceId: string;
  /** the true story: copies of one story share it */
  story: string;
  alteration: Alteration;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const paragraphsOf = (body: string): string[] =>
  body
    .split(/\n+/u)
    .map((line) => line.trim())
    .filter(Boolean);
const sentencesOf = (paragraph: string): string[] => paragraph.split(/(?<=[.!?。])\s+/u).filter(Boolean);

interface Site {
  name: string;
  domain: string;
  header: string[];
  footer: string[];
}

const SITE_NAMES = [
  'Daily Ledger',
  'Metro Courier',
  'Coastal Tribune',
  'Valley Dispatch',
  'Northern Herald',
  'Capital Observer',
  'Harbor Gazette',
  'Prairie Post',
  'Summit Times',
  'Riverside Chronicle',
];

function makeSite(random: Random, name: string, withHeader: boolean): Site {
  const domain = `${name.toLowerCase().replace(/\s+/gu, '')}.example`;
  const header = withHeader
    ? shuffle(random, [
        `${name} | News, Sport, Business, Opinion, Lifestyle and Weather for the whole region`,
        'Home News Politics Business Sport Entertainment Opinion Lifestyle Travel Video',
        `Subscribe to ${name} for unlimited access to award-winning journalism from just one dollar a week.`,
      ]).slice(0, between(random, 1, 3))
    : [];
  const footerPool = [
    `Sign up for the ${name} newsletter to get the day's most important stories, analysis and opinion delivered straight to your inbox every morning, free of charge. You can unsubscribe at any time.`,
    `© ${between(random, 2019, 2026)} ${name} Media Group. All rights reserved. This material may not be published, broadcast, rewritten or redistributed in whole or in part without prior written permission.`,
    `Follow ${name} on Facebook, X, Instagram and LinkedIn for breaking news alerts, live coverage and behind-the-scenes stories from our newsroom.`,
    `Have a news tip or a story we should cover? Contact the ${name} newsroom by email or call our tip line; we protect the confidentiality of our sources.`,
    `Our journalism depends on readers like you. Support independent local reporting by becoming a member of ${name} today and get exclusive newsletters, events and an ad-free experience.`,
    'We use cookies and similar technologies to improve your experience, personalise content and ads, provide social media features and analyse our traffic. By continuing to use this site you agree to our privacy policy and terms of use.',
    'Comments are moderated and may take some time to appear. Please keep the discussion civil and on topic; abusive comments will be removed and repeat offenders banned.',
  ];
  return { name, domain, header, footer: shuffle(random, footerPool).slice(0, between(random, 2, 5)) };
}

const wrap = (site: Site, paragraphs: readonly string[]): string =>
  [...site.header, ...paragraphs, ...site.footer].join('\n');

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '')
    .slice(0, 60) || 'story';

const ADDED_SENTENCES = [
  'The company did not immediately respond to a request for comment.',
  'Officials said more details would be released later this week.',
  'This story has been updated with additional reporting.',
  'Representatives for the group declined to comment on the matter.',
  'Analysts said the move had been widely expected.',
];

function typo(random: Random, word: string): string {
  if (word.length < 5) return word;
  const i = between(random, 1, word.length - 3);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/** Typo fixes, changed words, an added and a removed sentence: the edits a copy desk makes. */
function lightEdit(random: Random, paragraphs: readonly string[]): string[] {
  const result = [...paragraphs];
  const edits = between(random, 3, 8);
  for (let n = 0; n < edits; n++) {
    const p = Math.floor(random() * result.length);
    const kind = random();
    if (kind < 0.5) {
      const words = result[p].split(' ');
      const w = Math.floor(random() * words.length);
      words[w] = kind < 0.25 ? typo(random, words[w]) : pick(random, result.join(' ').split(' '));
      result[p] = words.join(' ');
    } else if (kind < 0.75) {
      const sentences = sentencesOf(result[p]);
      sentences.splice(between(random, 0, sentences.length), 0, pick(random, ADDED_SENTENCES));
      result[p] = sentences.join(' ');
    } else {
      const sentences = sentencesOf(result[p]);
      if (sentences.length > 1) sentences.splice(Math.floor(random() * sentences.length), 1);
      result[p] = sentences.join(' ');
    }
  }
  return result;
}

/** Wire truncation: the first 40-70% of the text, cut at a word, then a "read more" line. */
function truncate(random: Random, paragraphs: readonly string[], site: Site): string[] {
  const text = paragraphs.join('\n');
  let cut = Math.floor(text.length * (0.4 + random() * 0.3));
  while (cut < text.length && !/\s/u.test(text[cut])) cut++;
  return [...paragraphsOf(text.slice(0, cut).trim() + ' …'), `Read more at ${site.domain}`];
}

function reorder(random: Random, paragraphs: readonly string[]): string[] {
  if (paragraphs.length < 2) return [...paragraphs];
  if (paragraphs.length < 4) return [...paragraphs].reverse();
  const result = [...paragraphs];
  const moves = between(random, 1, 3);
  for (let n = 0; n < moves; n++) {
    const from = Math.floor(random() * result.length);
    const length = between(random, 1, Math.max(1, Math.floor(result.length / 4)));
    const block = result.splice(from, length);
    result.splice(Math.floor(random() * (result.length + 1)), 0, ...block);
  }
  return result;
}

/** Different paragraph breaks, as another site's CMS makes them: some neighbours merged into one. */
function rewrap(random: Random, paragraphs: readonly string[]): string[] {
  const result: string[] = [];
  for (const paragraph of paragraphs) {
    if (result.length > 0 && random() < 0.3) result[result.length - 1] += ` ${paragraph}`;
    else result.push(paragraph);
  }
  return result;
}

function teaser(base: BaseArticle): string {
  const words = (paragraphsOf(base.body)[0] ?? '').split(' ').slice(0, 25);
  return `${base.title}: ${words.join(' ')}… Read more`;
}

function embedInPage(random: Random, paragraphs: readonly string[], others: BaseArticle[], site: Site): string[] {
  const furniture = ['Top stories', 'Most read', 'Latest news'];
  const teasers = others.map(teaser);
  const before = teasers.slice(0, between(random, 1, 2));
  const after = teasers.slice(before.length);
  return [
    ...site.header,
    furniture[0],
    ...before,
    ...paragraphs,
    furniture[1],
    ...after,
    'Share this article: Facebook X WhatsApp Email',
    ...site.footer,
  ];
}

const BRIEF_TEMPLATES = [
  (r: Random) =>
    `Shares of ${pick(r, ['Acme Corp', 'Globex', 'Initech', 'Umbrella Holdings', 'Stark Industries', 'Wayne Enterprises'])} ${pick(r, ['rose', 'fell', 'climbed', 'slipped'])} ${between(r, 1, 9)}.${between(r, 0, 9)} percent to ${between(r, 10, 300)}.${between(r, 10, 99)} dollars in early trading on ${pick(r, ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} after the company reported ${pick(r, ['quarterly earnings', 'revenue', 'subscriber numbers'])} that ${pick(r, ['beat', 'missed', 'matched'])} analyst expectations.`,
  (r: Random) =>
    `${pick(r, ['Police', 'Firefighters', 'Emergency crews'])} were called to ${pick(r, ['Elm Street', 'Harbour Road', 'Station Avenue', 'Mill Lane', 'Queen Street'])} in ${pick(r, ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Greenville'])} at about ${between(r, 1, 12)}:${between(r, 10, 59)} ${pick(r, ['a.m.', 'p.m.'])} on ${pick(r, ['Saturday', 'Sunday', 'Monday'])} after reports of a ${pick(r, ['house fire', 'collision involving two cars', 'gas leak', 'burst water main'])}. ${pick(r, ['No one was injured.', 'One person was taken to hospital.', 'Two people were treated at the scene.'])}`,
  (r: Random) =>
    `${pick(r, ['Rovers', 'United', 'City', 'Athletic', 'Wanderers'])} beat ${pick(r, ['Albion', 'Town', 'County', 'Rangers', 'Villa'])} ${between(r, 1, 5)}-${between(r, 0, 3)} on ${pick(r, ['Saturday', 'Sunday', 'Wednesday'])} with goals from ${pick(r, ['Silva', 'Okafor', 'Jensen', 'Moreau', 'Kowalski'])} and ${pick(r, ['Haddad', 'Tanaka', 'Ruiz', 'Novak', 'Byrne'])}, moving up to ${pick(r, ['third', 'fifth', 'seventh', 'second'])} place in the table with ${between(r, 20, 60)} points from ${between(r, 15, 30)} games.`,
  (r: Random) =>
    `The weather service issued a ${pick(r, ['yellow', 'amber', 'red'])} warning for ${pick(r, ['heavy rain', 'strong winds', 'snow and ice', 'thunderstorms'])} across ${pick(r, ['the north', 'the south-west', 'coastal areas', 'the capital region'])} from ${pick(r, ['Monday', 'Tuesday', 'Friday'])} evening, with up to ${between(r, 20, 90)} millimetres expected in places and travel disruption likely.`,
];

export interface LabelledSetOptions {
  seed: number;
  briefs: number;
}

/** The labelled set, in arrival order. */
export function buildLabelledSet(bases: readonly BaseArticle[], options: LabelledSetOptions): LabelledArticle[] {
  const random = seededRandom(options.seed);
  const sites = SITE_NAMES.map((name, i) => makeSite(random, name, i % 3 !== 2));
  const documents: LabelledArticle[] = [];
  let serial = 0;
  const add = (doc: Omit<LabelledArticle, 'id'>) =>
    documents.push({ ...doc, id: `a${String(serial++).padStart(4, '0')}` });

  // Most originals appear on one of the template sites: different stories there share long boilerplate.
  const shuffledBases = shuffle(random, bases);
  shuffledBases.forEach((base, index) => {
    const story = base.key;
    const paragraphs = paragraphsOf(base.body);
    const home = index % 5 === 4 ? null : sites[index % sites.length];
    const originalBody = home ? wrap(home, paragraphs) : paragraphs.join('\n');
    const originalUrl = home ? `https://www.${home.domain}/news/${slug(base.title)}` : base.url;
    add({
      title: base.title,
      body: originalBody,
      url: originalUrl,
      sourceId: home?.domain ?? new URL(base.url).hostname,
      story,
      alteration: 'original',
    });
    const elsewhere = () =>
      pick(
        random,
        sites.filter((site) => site !== home),
      );
    const others = () =>
      shuffle(
        random,
        bases.filter((other) => other.key !== base.key),
      ).slice(0, between(random, 2, 4));
    const copyUrl = (site: Site) =>
      `https://${site.domain}/${between(random, 2019, 2026)}/${slug(base.title)}-${serial}`;
    const kinds = shuffle<Alteration>(random, [
      'syndication',
      'light-edit',
      'truncation',
      'reorder',
      'embedded',
      'syndicated-edit',
      'syndicated-truncation',
      'url-variant',
      'update',
    ]).slice(0, between(random, 2, 4));
    for (const alteration of kinds) {
      const site = elsewhere();
      const copy = (body: string, url = copyUrl(site), title = `${base.title} (${site.name})`) =>
        add({ title, body, url, sourceId: site.domain, story, alteration });
      switch (alteration) {
        case 'syndication':
          copy(
            wrap(site, rewrap(random, paragraphs)),
            undefined,
            `${site.name}: ${base.title.split(' ').slice(0, 6).join(' ')}`,
          );
          break;
        case 'light-edit':
          copy(lightEdit(random, paragraphs).join('\n'));
          break;
        case 'truncation':
          copy(truncate(random, paragraphs, site).join('\n'));
          break;
        case 'reorder':
          copy(reorder(random, paragraphs).join('\n'));
          break;
        case 'embedded':
          copy(
            embedInPage(random, paragraphs, others(), site).join('\n'),
            `https://${site.domain}/live/page-${serial}`,
          );
          break;
        case 'syndicated-edit':
          copy(wrap(site, lightEdit(random, rewrap(random, paragraphs))));
          break;
        case 'syndicated-truncation':
          copy(wrap(site, truncate(random, paragraphs, site)));
          break;
        case 'url-variant':
          add({
            title: base.title,
            body: originalBody,
            url: variantUrl(random, originalUrl),
            sourceId: home?.domain ?? new URL(base.url).hostname,
            story,
            alteration,
          });
          break;
        case 'update': {
          const updated = [
            ...lightEdit(random, paragraphs),
            'Update: this article has been updated with new information.',
          ];
          add({
            title: base.title,
            body: home ? wrap(home, updated) : updated.join('\n'),
            url: originalUrl,
            sourceId: home?.domain ?? new URL(base.url).hostname,
            story,
            alteration,
          });
          break;
        }
      }
    }
  });

  // Short templated briefs: same wording, different facts, so different stories; a few are copied verbatim.
  for (let n = 0; n < options.briefs; n++) {
    const body = pick(random, BRIEF_TEMPLATES)(random);
    const site = pick(random, sites);
    const story = `brief-${n}`;
    add({
      title: `Brief ${n}`,
      body,
      url: `https://${site.domain}/briefs/${n}`,
      sourceId: site.domain,
      story,
      alteration: 'brief',
    });
    if (random() < 0.2) {
      const other = pick(random, sites);
      add({
        title: `In brief ${n}`,
        body,
        url: `https://${other.domain}/wire/${n}`,
        sourceId: other.domain,
        story,
        alteration: 'brief-copy',
      });
    }
  }
  return shuffle(random, documents);
}

function variantUrl(random: Random, url: string): string {
  const parsed = new URL(url);
  switch (between(random, 0, 3)) {
    case 0:
      return `${parsed.origin}${parsed.pathname}?utm_source=twitter&utm_medium=social&fbclid=IwAR${between(random, 1000, 9999)}`;
    case 1:
      return `${parsed.protocol}//m.${parsed.hostname.replace(/^www\./u, '')}${parsed.pathname}${parsed.search}`;
    case 2:
      return `${parsed.origin}${parsed.pathname.replace(/\/?$/u, '/amp')}${parsed.search}`;
    default:
      return `${parsed.origin}${parsed.pathname}${parsed.search}${parsed.search ? '&' : '?'}amp=1#comments`;
  }
}
