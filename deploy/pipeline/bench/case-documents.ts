// Documents with one right outcome, published among the resilience run's corpus while its faults strike: squats
// (another site's feed putting its own text under an outlet's URL, before and after the outlet publishes), legitimate
// sharing (a publisher's feed and sitemap as two sources, two drop sources over one folder, a folder ingested again
// under another source id) and output over the message limit (a small document whose enriched article Kafka would
// refuse). The faults must not change any of those outcomes; `judgeCases` says, per case, whether the audit found it.
import type { DocumentAccount } from '@inkstream/audit';
import { seededRandom } from '@inkstream/measure';
import type { RawDocumentInput } from '@inkstream/fetching';
import { detokenise, type BenchArticle } from './corpus';

export const CASE_KINDS = [
  'squat-before-publish',
  'squat-after-publish',
  'feed-and-sitemap',
  'overlapping-drop-folders',
  'reingest-under-another-source',
  'oversized-output',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** What the case's documents must become, by the audit of the run. */
export type CaseExpectation =
  /** The squatter's text is stored under its own scoped id; the outlet's article is its own (stored, not a duplicate). */
  | { kind: 'squat'; squatUrl: string; squatSourceId: string; outletSourceId: string }
  /** One article and the other document recorded as its duplicate: never two articles, never a dead letter. */
  | { kind: 'shared'; url: string; sourceIds: [string, string] }
  /** Refused by the stage whose output is too large, as a permanent dead letter that says so. */
  | { kind: 'refused-as-too-large'; url: string; sourceId: string; group: string };

export interface CaseDocument {
  kind: CaseKind;
  instance: number;
  /** When to publish it, as a share of the corpus's publishing period (0 … 1). */
  at: number;
  input: Omit<RawDocumentInput, 'fetchedAt' | 'traceId'>;
}

export interface PlannedCase {
  kind: CaseKind;
  instance: number;
  expectation: CaseExpectation;
}

export interface CasePlan {
  documents: CaseDocument[];
  cases: PlannedCase[];
}

/**
 * Paragraphs of figures: small to send (a few hundred KB, under every input limit), but the enricher lists each
 * figure with its context, which takes its output over MAX_MESSAGE_BYTES. The numbers differ per instance, so two
 * instances are not near-copies of each other (one would become the other's duplicate and never reach the enricher).
 */
export const OVERSIZED_PARAGRAPHS = 2400;

/** The stage that adds what takes the figures document over the limit (consumer group, as dead letters name it). */
const ENRICHER_GROUP = 'inkstream.enricher';

function figuresDocument(instance: number): string {
  const paragraphs = Array.from({ length: OVERSIZED_PARAGRAPHS }, (_, index) => {
    const n = index * 7 + instance * 100_003;
    return (
      `Revenue rose ${(n % 97) + 1}.${n % 10}% to $${n}.5 million in quarter ${n % 4}, while costs fell ` +
      `${(n % 13) + 1}.${n % 7}% to €${n * 3}.2 billion.`
    );
  });
  return `Quarterly figures, series ${instance}\n\n${paragraphs.join('\n\n')}\n`;
}

/** A story of its own, from the corpus's sentence pool (not a near-copy of any corpus article). */
function freshText(pool: readonly string[][], rng: () => number, title: string): string {
  const sentences = Array.from({ length: 12 }, () => detokenise(pool[Math.floor(rng() * pool.length)]));
  const paragraphs = [0, 3, 6, 9].map((start) => sentences.slice(start, start + 3).join(' '));
  return `${title}\n\n${paragraphs.join('\n\n')}\n`;
}

/**
 * The first original at or after `share` of the corpus that no corpus article copies: a near-copy decided first (on
 * another partition, after a kill) would make the original its duplicate, and the case would judge the dedup order,
 * not the rule it is about.
 */
function originalAt(articles: readonly BenchArticle[], share: number): [BenchArticle, number] {
  const copied = new Set(articles.map((article) => article.copyOf));
  for (let index = Math.floor(share * articles.length); index < articles.length; index += 1) {
    const article = articles[index];
    if (article.copyOf === null && !copied.has(article.key)) return [article, index / articles.length];
  }
  throw new Error(`no uncopied original article after ${share} of the corpus`);
}

/**
 * `perKind` instances of every case, spread over the run. `articles` is the corpus in publishing order and
 * `urlOf` gives a corpus article's URL, so a squat can name an outlet's article published before or after it.
 */
export function planCases(
  articles: readonly BenchArticle[],
  pool: readonly string[][],
  urlOf: (article: BenchArticle) => string,
  options: { perKind: number; seed: number },
): CasePlan {
  const rng = seededRandom(options.seed * 31 + 7);
  const documents: CaseDocument[] = [];
  const cases: PlannedCase[] = [];
  const spread = (instance: number) => (instance + 0.5) / options.perKind;
  for (let instance = 0; instance < options.perKind; instance += 1) {
    // Each squat names an outlet's article published well after it (before publish) or well before it (after).
    const [later, laterAt] = originalAt(articles, 0.45 + 0.5 * spread(instance) * 0.9);
    const [earlier, earlierAt] = originalAt(articles, 0.05 + 0.4 * spread(instance) * 0.9);
    for (const [kind, outlet, at] of [
      ['squat-before-publish', later, Math.max(0, laterAt - 0.35)],
      ['squat-after-publish', earlier, Math.min(1, earlierAt + 0.3)],
    ] as const) {
      const squatSourceId = `squatter-${kind === 'squat-before-publish' ? 'before' : 'after'}-${instance}`;
      documents.push({
        kind,
        instance,
        at,
        input: {
          source: {
            id: squatSourceId,
            name: squatSourceId,
            kind: 'feed',
            url: `https://squatter.example/${instance}.xml`,
          },
          url: urlOf(outlet),
          itemKey: urlOf(outlet),
          content: freshText(pool, rng, `${outlet.title}: the real story`),
          contentType: 'text/plain; charset=utf-8',
        },
      });
      cases.push({
        kind,
        instance,
        expectation: {
          kind: 'squat',
          squatUrl: urlOf(outlet),
          squatSourceId,
          outletSourceId: outlet.sourceId,
        },
      });
    }

    // The outlet's sitemap, a second source registered for the same site, delivers a page its feed delivered.
    const [shared, sharedAt] = originalAt(articles, 0.1 + 0.7 * spread(instance));
    const sitemapSourceId = `${shared.sourceId}-sitemap-${instance}`;
    documents.push({
      kind: 'feed-and-sitemap',
      instance,
      at: Math.min(1, sharedAt + 0.1),
      input: {
        source: {
          id: sitemapSourceId,
          name: sitemapSourceId,
          kind: 'sitemap',
          url: `https://${shared.sourceId}.bench.example/sitemap.xml`,
        },
        url: urlOf(shared),
        fetchedFrom: urlOf(shared),
        itemKey: urlOf(shared),
        content: shared.text,
        contentType: 'text/plain; charset=utf-8',
      },
    });
    cases.push({
      kind: 'feed-and-sitemap',
      instance,
      expectation: { kind: 'shared', url: urlOf(shared), sourceIds: [shared.sourceId, sitemapSourceId] },
    });

    // One file seen by two drop sources at once (overlapping folders), and a folder ingested again much later
    // under another source id: file: URLs are nobody's site, so each text is scoped to its source and the two
    // meet in the deduplicator.
    for (const [kind, gap] of [
      ['overlapping-drop-folders', 0.01],
      ['reingest-under-another-source', 0.4],
    ] as const) {
      const url = `file:///srv/inkstream/${kind}/${instance}/story.txt`;
      const content = freshText(pool, rng, `Dropped story ${kind} ${instance}`);
      const first = Math.min(0.55, 0.05 + 0.5 * spread(instance));
      const sourceIds: [string, string] = [`${kind}-a-${instance}`, `${kind}-b-${instance}`];
      sourceIds.forEach((sourceId, index) =>
        documents.push({
          kind,
          instance,
          at: first + index * gap,
          input: {
            source: { id: sourceId, name: sourceId, kind: 'drop', url: `file:///srv/inkstream/${kind}/` },
            url,
            itemKey: url,
            content,
            contentType: 'text/plain; charset=utf-8',
          },
        }),
      );
      cases.push({ kind, instance, expectation: { kind: 'shared', url, sourceIds } });
    }

    const figuresUrl = `https://figures.bench.example/series/${instance}`;
    const figuresSourceId = `figures-${instance}`;
    documents.push({
      kind: 'oversized-output',
      instance,
      at: 0.15 + 0.7 * spread(instance),
      input: {
        source: { id: figuresSourceId, name: figuresSourceId, kind: 'drop', url: 'https://figures.bench.example/' },
        url: figuresUrl,
        itemKey: figuresUrl,
        content: figuresDocument(instance),
        contentType: 'text/plain; charset=utf-8',
      },
    });
    cases.push({
      kind: 'oversized-output',
      instance,
      expectation: { kind: 'refused-as-too-large', url: figuresUrl, sourceId: figuresSourceId, group: ENRICHER_GROUP },
    });
  }
  documents.sort((a, b) => a.at - b.at);
  return { documents, cases };
}

export interface CaseVerdict {
  kind: CaseKind;
  instance: number;
  /** Null when the case held; else what the audit found instead. */
  failure: string | null;
}

const accountsOf = (accounts: readonly DocumentAccount[], url: string, sourceId: string) =>
  accounts.filter((account) => account.url === url && account.sourceId === sourceId);

function judgeSquat(accounts: readonly DocumentAccount[], expected: Extract<CaseExpectation, { kind: 'squat' }>) {
  const [squat] = accountsOf(accounts, expected.squatUrl, expected.squatSourceId);
  const [outlet] = accountsOf(accounts, expected.squatUrl, expected.outletSourceId);
  if (!squat || !outlet) return `the audit did not read back ${squat ? "the outlet's" : "the squatter's"} document`;
  if (squat.status !== 'stored') return `the squatter's document is ${squat.status}, expected stored under its own id`;
  if (outlet.status !== 'stored')
    return `the outlet's document is ${outlet.status}, expected stored as its own article`;
  const squatArticle = squat.articles[0];
  const outletArticle = outlet.articles[0];
  if (squatArticle.contentOrigin?.urlIdentity !== false) return "the squatter's text holds the outlet's URL identity";
  if (outletArticle.contentOrigin?.urlIdentity !== true) return "the outlet's article lost its URL identity";
  if (outletArticle.id === squatArticle.id) return "the squatter's text and the outlet's share one article id";
  if (outletArticle.rawDocumentId !== outlet.rawDocumentId) {
    return `the outlet's article holds the text of ${outletArticle.rawDocumentId}, not the outlet's document`;
  }
  return null;
}

function judgeShared(accounts: readonly DocumentAccount[], expected: Extract<CaseExpectation, { kind: 'shared' }>) {
  const found = expected.sourceIds.map((sourceId) => accountsOf(accounts, expected.url, sourceId)[0]);
  if (found.some((account) => account === undefined)) return 'the audit did not read back both documents';
  const statuses = found.map((account) => account.status).sort();
  if (statuses.join() !== 'duplicate,stored') {
    const described = found.map(
      (account) =>
        `${account.sourceId} ${account.status} (${account.rawDocumentId}; articles ${account.articles.map((entry) => `${entry.id} v${entry.version}`).join(', ') || 'none'}; ` +
        `duplicate of ${account.duplicates.map((entry) => entry.duplicateOf).join(', ') || 'none'})`,
    );
    return `the two documents are ${statuses.join(' and ')}: ${described.join(' / ')}`;
  }
  const stored = found.find((account) => account.status === 'stored') as DocumentAccount;
  const duplicate = found.find((account) => account.status === 'duplicate') as DocumentAccount;
  if (duplicate.duplicates[0]?.duplicateOf !== stored.articles[0]?.id) {
    return `the duplicate is recorded against ${duplicate.duplicates[0]?.duplicateOf}, not the stored article`;
  }
  return null;
}

function judgeTooLarge(
  accounts: readonly DocumentAccount[],
  expected: Extract<CaseExpectation, { kind: 'refused-as-too-large' }>,
) {
  const [account] = accountsOf(accounts, expected.url, expected.sourceId);
  if (!account) return 'the audit did not read back the document';
  if (account.status !== 'dead-letter') return `the document is ${account.status}, expected a dead letter`;
  const said = account.deadLetters.map((entry) => `${entry.group}: ${entry.error}`).join('; ');
  const letter = account.deadLetters.find((entry) => /too large/i.test(entry.error));
  if (!letter) return `dead-lettered without a size reason: ${said}`;
  if (letter.group !== expected.group) return `refused by ${letter.group}, expected ${expected.group}: ${said}`;
  if (letter.kind !== 'permanent-error') return `dead-lettered as ${letter.kind}, expected permanent-error`;
  return null;
}

/** Per planned case, whether the audit of the run found its one right outcome. */
export function judgeCases(cases: readonly PlannedCase[], accounts: readonly DocumentAccount[]): CaseVerdict[] {
  return cases.map(({ kind, instance, expectation }) => ({
    kind,
    instance,
    failure:
      expectation.kind === 'squat'
        ? judgeSquat(accounts, expectation)
        : expectation.kind === 'shared'
          ? judgeShared(accounts, expectation)
          : judgeTooLarge(accounts, expectation),
  }));
}

/** The raw documents the plan expects to be dead-lettered: not findings, so not charged to a fault. */
export function expectedDeadLetters(cases: readonly PlannedCase[]): Set<string> {
  return new Set(
    cases.flatMap(({ expectation }) => (expectation.kind === 'refused-as-too-large' ? [expectation.url] : [])),
  );
}
