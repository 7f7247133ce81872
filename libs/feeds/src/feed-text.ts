import { decodeHTML } from 'entities';

const TAG = /<\/?[a-zA-Z][^<>]*>/g;
/** Tags that separate words when rendered; every other tag (em, b, a, span…) sits inside a word run. */
const BLOCK_TAG = /^<\/?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|hr|section|article)\b/i;

/**
 * Plain text from a field that may carry markup or entities (RSS titles often do, escaped once or twice).
 * Only things that look like tags are removed, so "x < y" survives. Empty results become null.
 */
export function toPlainText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = decodeHTML(value.replace(TAG, (tag) => (BLOCK_TAG.test(tag) ? ' ' : '')))
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? null : text;
}

/** Trimmed text, whitespace runs collapsed, for fields that are plain text by definition (Atom type="text"). */
export function collapseText(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** Trimmed markup kept as given; empty becomes null. */
export function nonEmpty(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}
