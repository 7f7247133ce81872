import type { ArticleCandidate } from '@inkstream/contracts';
import { removeRepeatedParagraphs } from '@inkstream/dedup';

export interface CleanedCandidate {
  candidate: ArticleCandidate;
  /** blocks (paragraphs and the subheads that went with them) removed as repeats */
  repeatedParagraphsRemoved: number;
}

/**
 * Removes what an article repeats of itself (templates and scrapers often emit a body twice), before it is judged:
 * a body carrying itself twice would otherwise look like another story. Works on the blocks, so subheads go with
 * their repeated block, then derives paragraphs, headings and body from what is kept, as the extractor does.
 */
export function withoutRepeatedParagraphs(candidate: ArticleCandidate): CleanedCandidate {
  const blocks =
    candidate.blocks.length > 0
      ? candidate.blocks
      : candidate.paragraphs.map((text) => ({ type: 'paragraph' as const, text }));
  const { removed } = removeRepeatedParagraphs(blocks.map((block) => block.text));
  if (removed.length === 0) return { candidate, repeatedParagraphsRemoved: 0 };
  const gone = new Set(removed);
  const kept = blocks.filter((_, index) => !gone.has(index));
  const paragraphs = kept.filter((block) => block.type === 'paragraph').map((block) => block.text);
  return {
    candidate: {
      ...candidate,
      blocks: candidate.blocks.length > 0 ? kept : [],
      paragraphs,
      headings:
        candidate.blocks.length > 0
          ? kept.filter((block) => block.type === 'heading').map((block) => block.text)
          : candidate.headings,
      body: paragraphs.join('\n'),
    },
    repeatedParagraphsRemoved: removed.length,
  };
}
