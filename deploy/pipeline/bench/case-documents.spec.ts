import type { DocumentAccount } from '@inkstream/audit';
import { MAX_MESSAGE_BYTES } from '@inkstream/contracts';
import { splitText } from '@inkstream/extraction';
import { buildRawDocument, DEFAULT_RAW_DOCUMENT_LIMITS } from '@inkstream/fetching';
import { enrichArticle } from '@inkstream/nlp';
import { CASE_KINDS, expectedDeadLetters, judgeCases, planCases, type PlannedCase } from './case-documents';
import { generateArticles, usableSentences } from './corpus';

const words = (n: number, tag: string) => [...Array.from({ length: n }, (_, i) => `${tag}${i}`), '.'];
const pool = usableSentences(Array.from({ length: 300 }, (_, i) => words(12 + (i % 5), `w${i}x`)));
const articles = generateArticles(pool, 200);
const urlOf = (article: { key: string; sourceId: string }) =>
  `https://${article.sourceId}.bench.example/${article.key}`;
const plan = planCases(articles, pool, urlOf, { perKind: 2, seed: 1 });
const shareOf = (url: string) => articles.findIndex((article) => urlOf(article) === url) / articles.length;

function account(partial: Partial<DocumentAccount> & Pick<DocumentAccount, 'url' | 'sourceId' | 'status'>) {
  return {
    rawDocumentId: `raw-${partial.sourceId}`,
    partition: 0,
    offset: '0',
    publishedAt: 0,
    articles: [],
    duplicates: [],
    empty: null,
    deadLetters: [],
    storedTwice: false,
    notOwnersText: [],
    ...partial,
  } as DocumentAccount;
}

/** A stored article whose latest version came from `sourceId`'s document (as `account` names it). */
const article = (id: string, sourceId: string, urlIdentity: boolean) => ({
  id,
  url: null,
  title: '',
  rawDocumentId: `raw-${sourceId}`,
  version: 1,
  publishedVersion: 1,
  updatedAt: 0,
  contentOrigin: { fetchedFrom: null, sourceSites: [], urlIdentity },
});

describe('case documents of the resilience run', () => {
  it('plans every case kind per instance, in publishing order, the same for the same seed', () => {
    expect(plan.cases.map(({ kind }) => kind).sort()).toEqual([...CASE_KINDS, ...CASE_KINDS].sort());
    expect(plan.documents.map(({ at }) => at)).toEqual([...plan.documents.map(({ at }) => at)].sort((a, b) => a - b));
    expect(planCases(articles, pool, urlOf, { perKind: 2, seed: 1 })).toEqual(plan);
  });

  it("times each squat before or after the outlet's own article, on an original nobody copies", () => {
    for (const { kind, instance, expectation } of plan.cases) {
      if (expectation.kind !== 'squat') continue;
      const squat = plan.documents.find((document) => document.kind === kind && document.instance === instance);
      const outletShare = shareOf(expectation.squatUrl);
      if (kind === 'squat-before-publish') expect(squat?.at).toBeLessThan(outletShare);
      else expect(squat?.at).toBeGreaterThan(outletShare);
      const outlet = articles.find((entry) => urlOf(entry) === expectation.squatUrl);
      expect(articles.some((entry) => entry.copyOf === outlet?.key)).toBe(false);
      expect(squat?.input.source.url).toMatch(/^https:\/\/squatter\.example\//);
    }
  });

  it('gives the oversized case a document every input limit takes, whose enriched article is over the message limit', () => {
    const oversized = plan.documents.filter((document) => document.kind === 'oversized-output');
    expect(new Set(oversized.map((document) => document.input.content)).size).toBe(oversized.length);
    const [document] = oversized;
    const raw = buildRawDocument(
      { ...document.input, fetchedAt: new Date(), traceId: 'trace' },
      DEFAULT_RAW_DOCUMENT_LIMITS,
    );
    expect(Buffer.byteLength(JSON.stringify(raw))).toBeLessThan(MAX_MESSAGE_BYTES);
    const [split] = splitText(document.input.content).articles;
    const body = split.paragraphs.join('\n');
    // What the splitter and deduplicator send (the extracted article: body, paragraphs and blocks, plus a little
    // metadata) fits with room; with the enrichment added it does not, with room too.
    const candidateBytes = Buffer.byteLength(JSON.stringify(split));
    expect(candidateBytes).toBeLessThan(MAX_MESSAGE_BYTES * 0.9);
    const enrichment = enrichArticle({
      text: body,
      title: split.title,
      standfirst: null,
      dateline: null,
      publishedAt: null,
      fetchedAt: new Date().toISOString(),
      language: null,
    } as Parameters<typeof enrichArticle>[0]);
    expect(candidateBytes + Buffer.byteLength(JSON.stringify(enrichment))).toBeGreaterThan(MAX_MESSAGE_BYTES * 1.1);
    expect(expectedDeadLetters(plan.cases)).toEqual(new Set(oversized.map((entry) => entry.input.url)));
  });

  describe('judging the audit', () => {
    const squat: PlannedCase = {
      kind: 'squat-before-publish',
      instance: 0,
      expectation: { kind: 'squat', squatUrl: 'u', squatSourceId: 'sq', outletSourceId: 'out' },
    };
    const shared: PlannedCase = {
      kind: 'feed-and-sitemap',
      instance: 0,
      expectation: { kind: 'shared', url: 'u', sourceIds: ['feed', 'sitemap'] },
    };
    const tooLarge: PlannedCase = {
      kind: 'oversized-output',
      instance: 0,
      expectation: { kind: 'refused-as-too-large', url: 'f', sourceId: 'figures', group: 'inkstream.enricher' },
    };
    const letter = (kind: string, error: string) => ({
      rawDocumentId: 'raw',
      traceId: null,
      group: 'inkstream.enricher',
      originalTopic: 'news.unique.v1',
      originalPartition: 0,
      originalOffset: '1',
      kind,
      error,
    });

    it('holds a squat when both are stored and only the outlet holds the URL', () => {
      const accounts = [
        account({ url: 'u', sourceId: 'sq', status: 'stored', articles: [article('scoped', 'sq', false)] }),
        account({ url: 'u', sourceId: 'out', status: 'stored', articles: [article('own', 'out', true)] }),
      ];
      expect(judgeCases([squat], accounts)[0].failure).toBeNull();
    });

    it("fails a squat that holds the URL, or an outlet recorded as the squatter's duplicate", () => {
      const holding = [
        account({ url: 'u', sourceId: 'sq', status: 'stored', articles: [article('own', 'sq', true)] }),
        account({ url: 'u', sourceId: 'out', status: 'stored', articles: [article('own', 'out', true)] }),
      ];
      expect(judgeCases([squat], holding)[0].failure).toMatch(/holds the outlet's URL identity/);
      const overwritten = [
        account({ url: 'u', sourceId: 'sq', status: 'stored', articles: [article('scoped', 'sq', false)] }),
        account({ url: 'u', sourceId: 'out', status: 'stored', articles: [article('own', 'sq', true)] }),
      ];
      expect(judgeCases([squat], overwritten)[0].failure).toMatch(/holds the text of raw-sq/);
      const swallowed = [
        account({ url: 'u', sourceId: 'sq', status: 'stored', articles: [article('scoped', 'sq', false)] }),
        account({ url: 'u', sourceId: 'out', status: 'duplicate' }),
      ];
      expect(judgeCases([squat], swallowed)[0].failure).toMatch(/outlet's document is duplicate/);
    });

    it('holds sharing as one article plus a duplicate of it, and fails two articles or a dead letter', () => {
      const stored = account({ url: 'u', sourceId: 'feed', status: 'stored', articles: [article('a', 'feed', true)] });
      const duplicate = (duplicateOf: string) =>
        account({
          url: 'u',
          sourceId: 'sitemap',
          status: 'duplicate',
          duplicates: [{ id: 'd', url: 'u', title: 'T', rawDocumentId: 'r', duplicateOf, method: 'url' }],
        });
      expect(judgeCases([shared], [stored, duplicate('a')])[0].failure).toBeNull();
      expect(judgeCases([shared], [stored, duplicate('b')])[0].failure).toMatch(/recorded against b/);
      const twice = account({
        url: 'u',
        sourceId: 'sitemap',
        status: 'stored',
        articles: [article('b', 'sitemap', false)],
      });
      expect(judgeCases([shared], [stored, twice])[0].failure).toMatch(/stored and stored/);
      const refused = account({ url: 'u', sourceId: 'sitemap', status: 'dead-letter' });
      expect(judgeCases([shared], [stored, refused])[0].failure).toMatch(/dead-letter and stored/);
    });

    it("holds an oversized output only as the enricher's permanent dead letter that names the size", () => {
      const refused = (kind: string, error: string) =>
        account({ url: 'f', sourceId: 'figures', status: 'dead-letter', deadLetters: [letter(kind, error)] });
      expect(
        judgeCases([tooLarge], [refused('permanent-error', 'output message too large: 1003 bytes')])[0].failure,
      ).toBeNull();
      expect(judgeCases([tooLarge], [refused('retries-exhausted', 'message too large')])[0].failure).toMatch(
        /as retries-exhausted/,
      );
      expect(judgeCases([tooLarge], [refused('permanent-error', 'boom')])[0].failure).toMatch(/without a size reason/);
      const early = account({
        url: 'f',
        sourceId: 'figures',
        status: 'dead-letter',
        deadLetters: [{ ...letter('permanent-error', 'output message too large'), group: 'inkstream.splitter' }],
      });
      expect(judgeCases([tooLarge], [early])[0].failure).toMatch(/refused by inkstream.splitter/);
      expect(judgeCases([tooLarge], [account({ url: 'f', sourceId: 'figures', status: 'stored' })])[0].failure).toMatch(
        /is stored/,
      );
    });
  });
});
