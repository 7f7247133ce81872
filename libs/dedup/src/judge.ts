import type { DedupDecision } from './dedup-decision';
import { rulesFor, type DedupPolicy, type DedupRules } from './dedup-policy';
import type { ArticleFingerprint } from './fingerprint';
import type { FingerprintLookup, IndexedArticle } from './fingerprint-index';
import { measureInnerOverlap, measureOverlap, unmatchedLead, type BoilerplateTest, type Overlap } from './overlap';

/** The article being decided: its identity and its fingerprint. */
export interface JudgedArticle {
  id: string;
  sourceId: string | null;
  fingerprint: ArticleFingerprint;
}

export interface NearMatch {
  article: IndexedArticle;
  overlap: Overlap;
}

export function boilerplateTest(
  lookup: Pick<FingerprintLookup, 'paragraphStories'>,
  rules: DedupRules,
): BoilerplateTest {
  return (key) => (lookup.paragraphStories.get(key) ?? 0) >= rules.boilerplateStories;
}

function overlapPasses(overlap: Overlap, rules: DedupRules): boolean {
  return overlap.containment >= rules.minContainment && overlap.sharedShingles >= rules.minSharedShingles;
}

/**
 * The inside of a shared frame. Around the same boilerplate, two different stories share next to none of their
 * distinctive shingles inside it; an edited copy whose unchanged paragraphs all fell into the frame keeps only its
 * edited paragraphs inside, which still share most of theirs: half the usual containment separates the two. When
 * the frame holds most of the text (three quarters or more of the shorter side's distinctive shingles), the
 * inside is one edited paragraph or so and may keep as little as one sentence of it; a different story in a
 * template still shares nothing inside, so a sixth of the usual containment is enough there.
 */
function innerPasses(inner: Overlap, whole: Overlap, rules: DedupRules): boolean {
  if (inner.containment >= rules.minContainment / 2 && inner.sharedShingles >= rules.minSharedShingles / 2) {
    return true;
  }
  const frameHoldsMost = inner.smallerShingles * 4 <= whole.smallerShingles;
  return (
    frameHoldsMost &&
    inner.containment >= rules.minContainment / 6 &&
    inner.sharedShingles >= rules.minSharedShingles / 4
  );
}

/** Whether every figure of the shorter text appears in the other (years excluded: see `numberKeys`). */
function sameFigures(shorter: ArticleFingerprint, other: ArticleFingerprint): boolean {
  const known = new Set(other.numberKeys);
  return shorter.numberKeys.every((key) => known.has(key));
}

/**
 * Verification of a candidate: enough of the smaller article's distinctive shingles are in the other, and, when
 * the two share identical trailing paragraphs, what lies inside that frame matches as well (unless both have
 * next to nothing inside it, as when a copy fixed one short paragraph); the shorter one's start is found in the
 * other; and a short text carries the same figures.
 */
export function verifyCopy(
  article: ArticleFingerprint,
  other: ArticleFingerprint,
  isBoilerplate: BoilerplateTest,
  rules: DedupRules,
): { overlap: Overlap; verified: boolean } {
  const overlap = measureOverlap(article, other, isBoilerplate);
  if (!overlapPasses(overlap, rules)) return { overlap, verified: false };
  // The shorter side is the one with less distinctive content: containment was measured against it.
  const [shorter, longer] = overlap.firstIsSmaller ? [article, other] : [other, article];
  if (overlap.smallerShingles < rules.shortTextShingles && !sameFigures(shorter, longer)) {
    return { overlap, verified: false };
  }
  const lead = unmatchedLead(shorter, longer, isBoilerplate);
  if (lead >= rules.minSharedShingles && lead >= overlap.smallerShingles * rules.maxUnmatchedLead) {
    return { overlap, verified: false };
  }
  const inner = measureInnerOverlap(article, other, isBoilerplate);
  // Inside the frame both have next to nothing (the same article but for a short paragraph), or one has nothing at
  // all: every paragraph of it stands in the other, in order, and the other adds or keeps one section more. A
  // different story in a template has a body of its own inside the frame.
  const sameFrameOnly =
    inner !== null && (inner.largerShingles < rules.minSharedShingles || inner.smallerShingles === 0);
  const verified = inner === null || sameFrameOnly || innerPasses(inner, overlap, rules);
  return { overlap, verified };
}

/** The closest verified near-copy among `others`, or null; ties go to the earliest seen. */
export function closestCopy(
  fingerprint: ArticleFingerprint,
  others: readonly IndexedArticle[],
  isBoilerplate: BoilerplateTest,
  rules: DedupRules,
): { best: NearMatch | null; bestScore: number } {
  let best: NearMatch | null = null;
  let bestScore = 0;
  for (const other of others) {
    const { overlap, verified } = verifyCopy(fingerprint, other.fingerprint, isBoilerplate, rules);
    bestScore = Math.max(bestScore, overlap.containment);
    if (!verified) continue;
    const better =
      best === null ||
      overlap.containment > best.overlap.containment ||
      (overlap.containment === best.overlap.containment && other.seenAt < best.article.seenAt);
    if (better) best = { article: other, overlap };
  }
  return { best, bestScore };
}

/**
 * The duplicate decision, pure: what the index returned in, a verdict out. Order of evidence: same canonical URL
 * (same text: a duplicate; changed text: an update of that article), then the exact content hash, then verified
 * near-copies. Only articles seen within the window count for text matches, so an old story re-run is new.
 */
export function judge(
  article: JudgedArticle,
  lookup: FingerprintLookup,
  policy: DedupPolicy,
  now: number,
): DedupDecision {
  const rules = rulesFor(policy, article.sourceId);
  const unique = (method: DedupDecision['method'], similarity: number): DedupDecision => ({
    articleId: article.id,
    verdict: 'unique',
    duplicateOf: null,
    updates: null,
    similarity,
    method,
    clusterId: article.id,
  });
  const duplicate = (of: IndexedArticle, method: DedupDecision['method'], similarity: number): DedupDecision => ({
    articleId: article.id,
    verdict: 'duplicate',
    duplicateOf: of.clusterId,
    updates: null,
    similarity,
    method,
    clusterId: of.clusterId,
  });
  if (rules.disabled) return unique('disabled', 0);

  const { fingerprint } = article;
  const sameUrl = lookup.sameUrl;
  if (sameUrl) {
    if (sameUrl.fingerprint.contentHash === fingerprint.contentHash) return duplicate(sameUrl, 'url', 1);
    const overlap = measureOverlap(fingerprint, sameUrl.fingerprint, () => false);
    // Another source publishing that URL (an aggregator, a syndication partner) has a copy of the article, not a
    // new version of it: recorded as a duplicate, never an update (article ownership, libs/extraction).
    // (Same id: both sources own the URL's site, so it is that article; the store decides who may write it.)
    const otherSource = article.sourceId !== null && sameUrl.sourceId !== null && article.sourceId !== sameUrl.sourceId;
    if (otherSource && article.id !== sameUrl.id) {
      return duplicate(sameUrl, 'url', overlap.containment);
    }
    return {
      articleId: article.id,
      verdict: 'update',
      duplicateOf: null,
      updates: sameUrl.id,
      similarity: overlap.containment,
      method: 'url',
      clusterId: sameUrl.clusterId,
    };
  }

  const recent = (other: IndexedArticle) => now - other.seenAt <= rules.windowMs;
  if (lookup.sameContent && recent(lookup.sameContent)) return duplicate(lookup.sameContent, 'content-hash', 1);

  const candidates = lookup.candidates.filter((candidate) => candidate.id !== article.id && recent(candidate));
  const { best, bestScore } = closestCopy(fingerprint, candidates, boilerplateTest(lookup, rules), rules);
  if (best) return duplicate(best.article, 'near-duplicate', best.overlap.containment);
  return unique('none', bestScore);
}
