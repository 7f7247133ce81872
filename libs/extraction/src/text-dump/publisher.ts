import type { Publisher } from '../types';
import { hostOf } from '../url-parts';

/** Top-level domains that are words and so part of a publisher's name ("arab.news" is "Arab News"). */
const WORD_TLDS = new Set(['news', 'media', 'tv', 'radio', 'press', 'today', 'times', 'online', 'live', 'info']);
/** Second-level labels under a country code that are not part of the name ("bbc.co.uk" is "Bbc"). */
const GENERIC_SLD = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'ne', 'or']);

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A readable publisher name from a domain: "arab.news" → "Arab News", "www.theguardian.com" → "Theguardian". */
export function publisherNameFromDomain(domain: string): string {
  const labels = domain.split('.');
  const tld = labels.pop() ?? '';
  while (labels.length > 1 && GENERIC_SLD.has(labels[labels.length - 1])) labels.pop();
  const name = labels.pop() ?? tld;
  const words = name.split('-').map(capitalise);
  if (WORD_TLDS.has(tld)) words.push(capitalise(tld));
  return words.join(' ');
}

/** The publisher a dump names: the domain of its own links (short links first) and its copyright footer. */
export function publisherFrom(urls: string[], copyrights: string[]): Publisher | null {
  const domain = urls.map(hostOf).find((host): host is string => host !== null) ?? null;
  const copyright = copyrights[copyrights.length - 1] ?? null;
  if (!domain && !copyright) return null;
  return { name: domain ? publisherNameFromDomain(domain) : copyrightHolder(copyright), domain, copyright };
}

/** "© 2026 SAUDI RESEARCH & PUBLISHING COMPANY, All Rights Reserved …" → "SAUDI RESEARCH & PUBLISHING COMPANY". */
export function copyrightHolder(copyright: string | null): string | null {
  if (!copyright) return null;
  const m = /^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^,.|]+)/i.exec(copyright);
  const holder = m?.[1]?.trim();
  return holder ? holder : null;
}
