import type { ArticleBlock } from '../types';
import { textWeight } from './main-content';

// What sites append after an article inside its container: "related" and "read also" lead-ins, author boxes,
// newsletter and subscription prompts, tag labels, copyright and licence lines. These are cut from the end of the
// body, never from its middle, and only while what is cut stays a small part of the text.

/** Lead-ins of appended reading lists and boxes, in the languages the pipeline sees most. */
const LEAD_IN =
  /^(related|read (also|more|next)|see also|more (on|from|about) (this|the)|further reading|you (may|might) also (like|enjoy)|about the author|(das|dies) könnte (dich|sie|euch) auch interessieren|lesen sie (auch|mehr|hier)|(auch|mehr) interessant|mehr zum thema|weitere (artikel|beiträge|informationen|infos|themen|news|nachrichten|links)|passend zum thema|über (den|die) autor(in)?|schlagworte|themen|à lire aussi|lire aussi|sur le même sujet|(voir|lire) (aussi|également)|te puede interesar|noticias relacionadas|lee también|contexto de la noticia|leggi anche|articoli correlati|potrebbe interessarti|weiterführende (informationen|links)|neueste (artikel|beiträge)|(keine |\d+ )?kommentare|(no |\d+ )?comments?|suggested citation|zitiervorschlag|(beitrags|titel)bild|bildquelle|der beitrag wurde am|this (entry|post) was posted|filed under|posted in|tags|s[ií]guenos|follow us)\b/iu;

/** Newsletter and paywall prompts: the words of the prompt itself, not of an article that mentions signing up. */
const PROMPT =
  /\b(newsletter|inbox|posteingang|already a subscriber|subscribe to (our|the)|to view the full story|registrieren sie sich|hazte miembro|suscríbete|lire la suite|pour accéder|support(ing)? our (work|journalism)|cancela cuando quieras)\b/iu;

const COPYRIGHT = /^(©|\(c\)\s|copyright\b|all rights reserved|dieser text wurde veröffentlicht unter)/iu;

/** The share of the body that a tail cut may remove at most: beyond it, the "tail" is the article. */
const MAX_TAIL_SHARE = 0.35;
/** A paragraph that reads as article text: long, and ending like a sentence. */
const isArticleProse = (block: ArticleBlock): boolean =>
  block.type === 'paragraph' && block.text.length >= 150 && /[.!?…"”»]$/u.test(block.text);

function isTailStart(block: ArticleBlock): boolean {
  const text = block.text;
  if (COPYRIGHT.test(text)) return true;
  if (text.length <= 120 && LEAD_IN.test(text)) return true;
  return text.length <= 300 && PROMPT.test(text);
}

/** Cuts appended furniture off the end of a body. */
export function trimTail(blocks: readonly ArticleBlock[]): ArticleBlock[] {
  const total = blocks.reduce((n, b) => n + textWeight(b.text), 0);
  let end = blocks.length;
  let tail = 0;
  // Article prose after a would-be cut point means the lead-in or prompt sat inside the article ("Lee también…"
  // between two paragraphs): nothing before two such paragraphs is cut (one may be a teaser's summary).
  let proseAfter = 0;
  for (let i = blocks.length - 1; i > 0; i--) {
    tail += textWeight(blocks[i].text);
    if (tail > total * MAX_TAIL_SHARE) break;
    if (isTailStart(blocks[i]) && proseAfter < 2) end = i;
    else if (isArticleProse(blocks[i])) proseAfter++;
  }
  const kept = blocks.slice(0, end);
  // A trailing heading or lead-in with nothing after it ("Related", "Weitere Informationen") announced a box
  // that was not extracted.
  while (kept.length > 1) {
    const last = kept[kept.length - 1];
    if (!(
      last.type === 'heading' ||
      (last.text.length <= 120 && LEAD_IN.test(last.text)) ||
      /^.{1,100}:$/u.test(last.text)
    ))
      break;
    kept.pop();
  }
  return kept;
}

/** A short line without sentence punctuation: a label ("Artikel", "Anzeige"), a kicker or a category. */
const isLabel = (block: ArticleBlock): boolean =>
  block.type === 'paragraph' && block.text.length <= 30 && !/[.!?…:;"”»)\d]$/u.test(block.text);

/** Drops labels printed above the first sentence of the body. */
export function trimHead(blocks: readonly ArticleBlock[]): ArticleBlock[] {
  let start = 0;
  while (start < Math.min(2, blocks.length - 1) && isLabel(blocks[start])) start++;
  return blocks.slice(start);
}

/**
 * Reading-list lead-ins inside the body ("Lesen Sie auch:", "Read more"): their link lists are dropped as link
 * lists, the lead-in line stays unless dropped here. Short lines only, never a sentence.
 */
export function dropLeadIns(blocks: readonly ArticleBlock[]): ArticleBlock[] {
  return blocks.filter((b) => !(b.text.length <= 60 && LEAD_IN.test(b.text) && !/[.!?…]$/u.test(b.text)));
}
