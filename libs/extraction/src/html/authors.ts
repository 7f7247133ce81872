import { collapseWhitespace } from '../text-normalise';
import { attr, elementsOf, isElement, textOf, type AnyNode, type Document, type Element } from './dom';

/** Who wrote the article, persons apart from agencies and organisations. */
export interface PageAuthors {
  /** Person names, in page order, each once. */
  persons: string[];
  /** News agencies and organisations credited (dpa, AFP, "Guardian staff"), the site itself left out. */
  organisations: string[];
  /** The site credited as its own author ("DER SPIEGEL"): all a page without a byline says about who wrote it. */
  site: string[];
}

/** Share buttons and URL slugs that sit where a byline is ("Twitter Facebook", "emma-mackenzie"). */
const NOT_A_NAME =
  /^(twitter|facebook|instagram|linkedin|whatsapp|telegram|e-?mail|share|teilen|x)\b|^[a-z0-9]+(-[a-z0-9]+)+$/i;

/** Wire agencies, by the short names bylines use; a byline naming one credits the agency, not a person. */
const AGENCY =
  /^(dpa|afp|ap|reuters|associated press|agence france-presse|ansa|efe|epd|kna|apa|sda|keystone-sda|anp|belga|tt|ntb|ritzau|pap|ctk|mti|tass|ria novosti|xinhua|kyodo|yonhap|anadolu( ajansı| agency)?|aa|dha|iha|pti|ians|ani|bernama|antara|sapa|afp deutschland|dpa-afx|bloomberg|upi|cnn wire)$/i;

/** Words that make a credit an organisation or a desk, in the languages of the sets and beyond. */
const ORGANISATION_WORD =
  /\b(news|newsroom|times|post|zeitung|nachrichten|redaktion|redaction|rédaction|redacción|redazione|staff|team|desk|media|medien|verlag|online|agency|agentur|press|presse|prensa|group|gruppe|network|magazine|magazin|tv|radio|journal|gazette|daily|weekly|tribune|herald|developer|admin|editor(ial)?s?|webmaster|webteam|contributors?|online-redaktion|gmbh|ag|eg|ltd|inc|llc|stiftung|foundation)\b|\be\.\s?v\.|\.(com|de|at|ch|org|net|co|uk|fr|es|it|tr|no|jp)\b|https?:/i;

/** "By", "Von", "Par", "Por", "Di", "Door", "Af", "Av", "Przez": what a byline opens with. */
const BY_PREFIX =
  /^(by|from|von|vom|par|por|di|da|door|af|av|przez|autor(in)?|author|(written|posted|published|article|reporting) by|(veröffentlicht|geschrieben) von|publié par|publicado por|text|texte)\s*:?\s+/i;

/** A role or place after a name ("Mathias Hagen / Journalist", "신현주 기자", "Jane Roe, Brussels"). */
const ROLE_TAIL = /\s*(\/|\||—|–)\s*[^/|—–]*$|\s+기자$/u;

/** Splits "A, B and C" / "A und B" / "A & B" / "A y B" / "A et B" into names. */
const LIST_SPLIT = /\s*(?:,|;|\s&\s|\s(?:and|und|et|y|e|en|og|och|i|und)\s)\s*/iu;

/** The site's own name as an author (publisher pages credit "Lesotho Times", "n-tv NACHRICHTEN"). */
function namesSite(name: string, siteKeys: readonly string[]): boolean {
  const s = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return siteKeys.some((k) => k.length >= 2 && (s === k || (k.length >= 3 && s.includes(k))));
}

function looksLikePerson(name: string): boolean {
  if (name.length < 2 || name.length > 60 || /\d/.test(name) || /[@()[\]{}<>]/.test(name)) return false;
  const words = name.split(/\s+/);
  return words.length <= 5 && words.every(nameWord);
}

/** Lower-case particles a person's name may hold ("Ursula von der Leyen", "Pedro da Silva"). */
const NAME_PARTICLE = /^(von|van|der|den|de|del|della|di|da|dos|du|la|le|bin|al|el|ten|ter|zu)$/;

/**
 * A word of a person's name: capitalised where its script has capitals ("d'Ancona", "al-Assad" too), or a particle.
 * "capital", "amw", "Posted on" and "Lars Fischer ist Chemiker" are a brand, initials and labels, not names.
 */
function nameWord(word: string): boolean {
  return (
    word.toLowerCase() === word.toUpperCase() ||
    NAME_PARTICLE.test(word) ||
    /^(?:\p{Ll}{1,3}['’-])?[\p{Lu}\p{Lt}]/u.test(word)
  );
}

/** One credit, cleaned: prefix and role removed, entity-free, whitespace collapsed. */
export function cleanCredit(raw: string): string {
  let name = collapseWhitespace(raw).trim();
  name = name.replace(BY_PREFIX, '');
  name = name.replace(ROLE_TAIL, '').trim();
  return name.replace(/^[,;:\s]+|[,;:\s]+$/g, '');
}

/** Credits of one source string, split when it lists several names. */
export function splitCredits(raw: string): string[] {
  const text = cleanCredit(raw);
  if (text === '' || /^https?:/i.test(text)) return [];
  return text
    .split(LIST_SPLIT)
    .map(cleanCredit)
    .filter((n) => n !== '' && !BY_PREFIX.test(`${n} x`) && !NOT_A_NAME.test(n));
}

/** "Brazil, Rachel" (library-catalogue order, as dc.creator and citation_author write it) → "Rachel Brazil". */
export function catalogueName(raw: string): string {
  const m = /^([^,\s]+(?:\s[^,\s]+)?),\s*([^,]+)$/u.exec(raw.trim());
  return m ? `${m[2].trim()} ${m[1]}` : raw;
}

const COMMENT_CONTAINER =
  /(?:^|[\s_-])(comments?|commentlist|disqus|discussion|replies|respond|reply|reviews?)(?=$|[\s_-])/i;

/** Teasers of other stories carry their own bylines ("teaser-footer__author"): none of them wrote this article. */
const TEASER_CONTAINER = /(?:^|[\s_-])(teasers?|related|recommendations?|more-stories|read-more)(?=$|[\s_-])/i;

function creditsSomeoneElse(el: Element): boolean {
  for (let node: Element | null = el, depth = 0; node && depth < 40; depth++) {
    const names = `${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`;
    if (COMMENT_CONTAINER.test(names) || TEASER_CONTAINER.test(names)) return true;
    node = node.parent && node.parent.type === 'tag' ? node.parent : null;
  }
  return false;
}

const BYLINE_CLASS =
  /(?:^|[\s_-])(byline|author|authors|author-?name|autor|autoren|auteur|firma|signature)(?=$|[\s_-])/i;

/** Byline credits the page shows: rel=author links, itemprop=author, elements classed as the byline; never in comments. */
export function domCredits(doc: Document): string[] {
  const found: string[] = [];
  for (const el of elementsOf(doc)) {
    if (el.name === 'script' || el.name === 'style' || el.name === 'meta' || el.name === 'link') continue;
    const rel = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
    const isRel = el.name === 'a' && rel.includes('author');
    const isProp = (attr(el, 'itemprop') ?? '') === 'author';
    const isClass = BYLINE_CLASS.test(`${el.attribs.class ?? ''}`);
    if (!isRel && !isProp && !isClass) continue;
    if (creditsSomeoneElse(el)) continue;
    const nameEl = isProp ? elementsOf(el, (e) => attr(e, 'itemprop') === 'name')[0] : undefined;
    const text = collapseWhitespace(textOf(nameEl ?? el)).trim();
    if (text === '' || text.length > 120) continue;
    // Several linked names run together in the text ("Birgit BaumannAnna Fink"): the links keep them apart.
    const links = nameEl ? [] : elementsOf(el, (e) => e.name === 'a').map((a) => collapseWhitespace(textOf(a)).trim());
    if (links.filter((l) => l !== '').length >= 2) found.push(...links.filter((l) => l !== ''));
    else found.push(text);
    if (found.length >= 12) break;
  }
  return found;
}

/** A label that opens a credit line: "By", "Von", "Autorin/Autor", "Written by", "Auteur :". */
const CREDIT_LABEL =
  /^(?:by|von|par|por|door|af|av|przez|written by|reporting by|autor(?:in)?(?:\s*\/\s*autor(?:in)?)?|author|auteur|autore|autora)\s*:?\s+(?=\p{Lu})/iu;

/** Every word capitalised but name particles: "der Leyen besucht Kiew" after a "Von" is a sentence, not a name. */
function capitalisedName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length >= 2 && words.every(nameWord);
}

const CREDIT_LINE_MAX = 80;

/** The first word a credit label can start with ("Autorin/Autor" sits in a <strong> of its own). */
const LABEL_START =
  /^\s*(by|von|par|por|door|af|av|przez|written|reporting|posted|published|article|veröffentlicht|geschrieben|publié|publicado|autor|author|auteur|autore|autora)/i;

/** The first text below a node that is not only whitespace, or "". */
function firstText(node: AnyNode): string {
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as AnyNode;
    if (current.type === 'text') {
      if (current.data.trim() !== '') return current.data;
    } else if (
      'children' in current &&
      !(isElement(current) && (current.name === 'script' || current.name === 'style'))
    )
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
  }
  return '';
}

/** The text below a node, null once it is longer than `max`: every container of the page is asked, cheaply. */
function textUpTo(node: AnyNode, max: number): string | null {
  let text = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0 && text.length <= max) {
    const current = stack.pop() as AnyNode;
    if (current.type === 'text') text += current.data;
    else if ('children' in current && !(isElement(current) && (current.name === 'script' || current.name === 'style')))
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
  }
  return text.length > max ? null : text;
}

/**
 * Credit lines the page shows without marking them up as a byline: a short element that opens with a label ("By",
 * "Autorin/Autor") followed by capitalised names. Lines in comments or teasers of other stories are not read.
 */
export function labelledCredits(doc: Document): string[] {
  const found: string[] = [];
  for (const el of elementsOf(doc, (e) => /^(p|li|div|span|dd|address|em|small)$/.test(e.name))) {
    // Most elements are ruled out by their first words alone, before their text is gathered.
    if (!LABEL_START.test(firstText(el))) continue;
    // Raw text may be mostly indentation: the bound on it is loose, the one on the collapsed line tight.
    const text = collapseWhitespace(textUpTo(el, CREDIT_LINE_MAX * 8) ?? '').trim();
    if (text === '') continue;
    if (text.length > CREDIT_LINE_MAX || !CREDIT_LABEL.test(text) || creditsSomeoneElse(el)) continue;
    const names = splitCredits(text.replace(CREDIT_LABEL, ''));
    if (names.length > 0 && names.every(capitalisedName)) found.push(...names);
    if (found.length >= 6) break;
  }
  return found;
}

/** Past a paragraph this long the article text has begun: a byline stands before it. */
const ARTICLE_PARAGRAPH = 150;

/**
 * A byline set as a bold paragraph of its own before the article's first long paragraph ("<p><strong>Jane
 * Roe/John Doe</strong></p>"), names only: small sites' editors write it so.
 */
export function leadCredits(doc: Document): string[] {
  for (const p of elementsOf(doc, (e) => e.name === 'p')) {
    const text = collapseWhitespace(textUpTo(p, ARTICLE_PARAGRAPH * 4) ?? ' '.repeat(ARTICLE_PARAGRAPH + 1));
    if (text.length > ARTICLE_PARAGRAPH) return [];
    const bold = p.children.filter(isElement);
    if (text === '' || text.length > CREDIT_LINE_MAX || bold.length !== 1 || !/^(strong|b)$/.test(bold[0].name))
      continue;
    if (collapseWhitespace(textOf(bold[0])) !== text || creditsSomeoneElse(p)) continue;
    const names = text.split(/\s*\/\s*/).flatMap(splitCredits);
    if (names.length > 0 && names.every((n) => capitalisedName(n) && n.split(/\s+/).length <= 4)) return names;
  }
  return [];
}

/**
 * The authors a byline alone names (a feed item's author, a text dump's "By" line), as a page's metadata gives them:
 * its persons, else the agencies and organisations it credits.
 */
export function bylineAuthors(byline: string | null): string[] {
  if (!byline) return [];
  const credits = readAuthors([[byline]], []);
  return credits.persons.length > 0 ? credits.persons : credits.organisations;
}

/**
 * Persons and organisations from the page's credits, the first source that credits anyone but the site winning:
 * JSON-LD authors, then meta author tags, then the visible byline, labelled credit lines and a bold lead byline. A
 * source that credits an agency ("dpa" as the JSON-LD author) outranks names a later, vaguer source finds in the page.
 */
export function readAuthors(sources: readonly (readonly string[])[], siteKeys: readonly string[]): PageAuthors {
  const organisations: string[] = [];
  const site: string[] = [];
  const seenOrg = new Set<string>();
  for (const source of sources) {
    const persons: string[] = [];
    const seen = new Set<string>();
    for (const raw of source) {
      for (const name of splitCredits(raw)) {
        const key = name.toLowerCase();
        if (namesSite(name, siteKeys)) {
          if (!seenOrg.has(key) && site.length === 0) site.push(name);
          continue;
        }
        if (AGENCY.test(name) || ORGANISATION_WORD.test(name) || !looksLikePerson(name)) {
          const credited = AGENCY.test(name) || ORGANISATION_WORD.test(name);
          if (credited && !seenOrg.has(key) && name.length <= 80 && !/https?:|[()\d]/.test(name)) {
            seenOrg.add(key);
            organisations.push(name);
          }
          continue;
        }
        if (!seen.has(key)) {
          seen.add(key);
          persons.push(name);
        }
      }
    }
    if (persons.length > 0 || organisations.length > 0) return { persons, organisations, site };
  }
  return { persons: [], organisations, site };
}
