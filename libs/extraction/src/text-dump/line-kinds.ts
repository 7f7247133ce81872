import { collapseWhitespace } from '../text-normalise';

/** What one non-empty line of a plain-text dump is, judged on the line alone. */
export type LineKind =
  | { kind: 'share-label' }
  | { kind: 'url'; url: string }
  | { kind: 'copyright'; text: string }
  | { kind: 'subhead'; text: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'headline'; text: string }
  | { kind: 'paragraph'; text: string };

/** Labels of share widgets and page chrome that scrapers leave on a line of their own. */
const SHARE_LABEL =
  /^(short\s*url|short\s*link|share( this( article| story)?)?( on)?|share via|copy link|link copied|facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|print|follow us|advertisement|advertising|sponsored|read more|related( articles| stories| news)?|most (popular|read)|comments?|\d+\s+comments?)\s*:?$/i;
const URL_LINE = /^(https?:\/\/[^\s]+|www\.[^\s]+\.[a-z]{2,}[^\s]*)$/i;
const COPYRIGHT = /^(©|\(c\)\s|copyright\b)|all rights reserved/i;
/** "- Concessions -", "— New cabinet appointees —": a subhead fenced by dashes. */
const FENCED_SUBHEAD = /^[-–—]+\s*(.+?)\s*[-–—]+$/;
const BULLET = /^(?:[-–—•*▪●·]|\d{1,2}[.)])\s+(.+)$/;
/** Sentence-final punctuation, possibly followed by closing quotes or brackets. */
const TERMINAL = /[.!?:;…,]["'”’»)\]]*$/;

export function classifyLine(raw: string): LineKind {
  const line = collapseWhitespace(raw);
  if (SHARE_LABEL.test(line)) return { kind: 'share-label' };
  if (URL_LINE.test(line)) return { kind: 'url', url: /^www\./i.test(line) ? `https://${line}` : line };
  if (COPYRIGHT.test(line) && line.length < 300) return { kind: 'copyright', text: line };
  const fenced = line.length <= 160 ? FENCED_SUBHEAD.exec(line) : null;
  if (fenced && fenced[1].length <= 120 && !/[-–—]\s/.test(fenced[1])) return { kind: 'subhead', text: fenced[1] };
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: 'bullet', text: bullet[1] };
  if (looksLikeHeadline(line)) return { kind: 'headline', text: line };
  return { kind: 'paragraph', text: line };
}

/** Short, no sentence-final punctuation, starts with a capital or a digit: a headline or a subhead. */
function looksLikeHeadline(line: string): boolean {
  if (line.length > 180 || TERMINAL.test(line)) return false;
  const words = line.split(' ').length;
  // Reported speech is a sentence that lost its full stop, not a headline.
  if (/\b(said|says|told|according to)\b/i.test(line)) return false;
  return words <= 24 && /^["'“‘]?[\p{Lu}\p{N}]/u.test(line);
}

/**
 * A headline-like line inside running text is a subhead when it is short; headlines of the next article are
 * longer ("Ukraine hosts talks with security allies in Kyiv" has eight words, "New cabinet appointees" three).
 */
export function isShortSubhead(text: string): boolean {
  return text.split(' ').length < 5 || text.length < 30;
}
