import { InvalidOutputError } from '@inkstream/errors';
import { InvalidMessageError } from '@inkstream/errors';
import { decodeMessage, encodeMessage, messageKey } from './codec';
import { exampleArticleCandidate, exampleEnrichedArticle, exampleRawDocument } from './examples';
import { Headers } from './headers';
import { deadLetterTopic, parseDeadLetterTopic, Topics, withPrefix } from './topics';

describe('message codec', () => {
  it('round-trips a valid message with trace, version and source headers', () => {
    const article = exampleEnrichedArticle();
    const encoded = encodeMessage(Topics.enrichedArticles, article);
    expect(encoded.key).toBe(article.id);
    expect(encoded.headers).toMatchObject({
      [Headers.traceId]: article.traceId,
      [Headers.schemaVersion]: '2',
      [Headers.sourceId]: article.sourceId,
      [Headers.messageType]: 'enriched-article',
    });
    expect(decodeMessage(Topics.enrichedArticles, Buffer.from(encoded.value))).toEqual(article);
  });

  it('keys raw documents by URL so one page stays ordered while a busy source spreads over partitions', () => {
    const raw = exampleRawDocument();
    expect(messageKey(Topics.rawDocuments, raw)).toBe('file:///samples/arabnews-nato-ukraine-page.txt');
    expect(encodeMessage(Topics.rawDocuments, raw).key).toBe(raw.url);
    expect(messageKey(Topics.rawDocuments, { ...raw, url: 'https://a.example/2' })).not.toBe(
      messageKey(Topics.rawDocuments, { ...raw, url: 'https://a.example/1' }),
    );
    expect(messageKey(Topics.rawDocuments, { ...raw, url: null })).toBe(raw.id);
  });

  it('round-trips the example candidate, its text fields derived from its blocks', () => {
    const candidate = exampleArticleCandidate([
      { type: 'heading', text: 'Concessions' },
      { type: 'paragraph', text: 'One.' },
      { type: 'paragraph', text: 'Two.' },
    ]);
    expect(candidate).toMatchObject({ paragraphs: ['One.', 'Two.'], headings: ['Concessions'], body: 'One.\nTwo.' });
    const encoded = encodeMessage(Topics.articleCandidates, candidate);
    expect(decodeMessage(Topics.articleCandidates, Buffer.from(encoded.value))).toEqual(candidate);
  });

  it('rejects malformed JSON with the topic named', () => {
    expect(() => decodeMessage(Topics.rawDocuments, Buffer.from('{not json'))).toThrow(
      /malformed JSON for raw-document on news\.raw\.v1/,
    );
  });

  it('rejects an unknown schema version, naming the supported ones', () => {
    const value = JSON.stringify({ ...exampleRawDocument(), schemaVersion: 7 });
    expect(() => decodeMessage(Topics.rawDocuments, value)).toThrow(/unknown schemaVersion 7 .*supported: 1/);
  });

  it('reads a version-1 article message (before authors) as version 2 with no authors, on every article topic', () => {
    const { authors: _authors, ...v1 } = { ...exampleEnrichedArticle(), schemaVersion: 1 };
    const read = decodeMessage(Topics.enrichedArticles, JSON.stringify(v1));
    expect(read).toEqual({ ...exampleEnrichedArticle(), authors: [] });
    expect(read.byline).toBe(exampleEnrichedArticle().byline);
    for (const topic of [Topics.articleCandidates, Topics.uniqueArticles, Topics.cleanArticles]) {
      expect(() => decodeMessage(topic, JSON.stringify({ schemaVersion: 3 }))).toThrow(/supported: 2, 1\)/);
    }
    // Version 2 requires the list: a producer that forgets it is refused, not silently defaulted.
    const { authors: _missing, ...withoutAuthors } = exampleEnrichedArticle();
    expect(() => decodeMessage(Topics.enrichedArticles, JSON.stringify(withoutAuthors))).toThrow(/authors: Required/);
  });

  it('names the failing field of an invalid message', () => {
    const value = JSON.stringify({ ...exampleEnrichedArticle(), title: 42 });
    let caught: unknown;
    try {
      decodeMessage(Topics.enrichedArticles, value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidMessageError);
    expect((caught as Error).message).toMatch(/title: Expected string, received number/);
  });

  it('rejects an empty value', () => {
    expect(() => decodeMessage(Topics.cleanArticles, null)).toThrow(/empty clean-article/);
  });

  it('refuses to produce an invalid message', () => {
    const broken = { ...exampleRawDocument(), fetchedAt: 'yesterday' };
    expect(() => encodeMessage(Topics.rawDocuments, broken)).toThrow(
      /refusing to produce invalid raw-document.*fetchedAt/,
    );
    // the stage's own output is at fault, not its input: a distinct error class (dead-lettered as invalid-output)
    expect(() => encodeMessage(Topics.rawDocuments, broken)).toThrow(InvalidOutputError);
  });
});

describe('topic names', () => {
  it('builds and parses per-group dead-letter topics', () => {
    const dlq = deadLetterTopic(Topics.enrichedArticles, 'inkstream.store');
    expect(dlq).toBe('news.enriched.v1.inkstream.store.dlq');
    expect(parseDeadLetterTopic(dlq)).toEqual({ topic: 'news.enriched.v1', group: 'inkstream.store' });
    expect(parseDeadLetterTopic(Topics.enrichedArticles)).toBeNull();
  });

  it('applies a prefix only when one is set', () => {
    expect(withPrefix('', Topics.cleanArticles)).toBe('news.clean.v1');
    expect(withPrefix('t42.', Topics.cleanArticles)).toBe('t42.news.clean.v1');
  });
});
