import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeMessage } from '../codec';
import { exampleEnrichedArticle, exampleRawDocument } from '../examples';
import { Topics } from '../topics';
import { asyncApiDocument } from './asyncapi';
import { publishedContractFiles } from './artifacts';
import { messageJsonSchema } from './json-schemas';

const PUBLISHED_DIR = join(__dirname, '..', '..', 'published');

describe('published contracts', () => {
  it('are committed exactly as the zod schemas generate them (run `npm run contracts:generate` after a change)', () => {
    const expected = publishedContractFiles();
    const committedSchemas = readdirSync(join(PUBLISHED_DIR, 'json-schema')).map((name) => `json-schema/${name}`);
    expect(['asyncapi.json', ...committedSchemas].sort()).toEqual(Object.keys(expected).sort());
    for (const [path, text] of Object.entries(expected)) {
      expect({ path, text: readFileSync(join(PUBLISHED_DIR, path), 'utf8') }).toEqual({ path, text });
    }
  });

  it('AsyncAPI document is valid for the AsyncAPI parser, with no errors or warnings', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument()));
    const problems = diagnostics.filter((diagnostic) => diagnostic.severity <= 1);
    expect(problems.map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`)).toEqual([]);
    expect(
      document
        ?.channels()
        .all()
        .map((channel) => channel.address()),
    ).toEqual(expect.arrayContaining([...Object.values(Topics), '{topic}.{group}.dlq']));
  });

  describe('JSON Schemas accept what the producers write and refuse what the consumers refuse', () => {
    const validatorFor = (topic: Parameters<typeof messageJsonSchema>[0]) => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      return ajv.compile(messageJsonSchema(topic));
    };

    it('a raw document as the fetcher encodes it', () => {
      const encoded = encodeMessage(Topics.rawDocuments, exampleRawDocument());
      const validate = validatorFor(Topics.rawDocuments);
      expect(validate(JSON.parse(encoded.value))).toBe(true);
    });

    it('an enriched article, and not one whose id is empty or whose publishedAt is not a date', () => {
      const validate = validatorFor(Topics.enrichedArticles);
      const valid = JSON.parse(encodeMessage(Topics.enrichedArticles, exampleEnrichedArticle()).value);
      expect(validate(valid)).toBe(true);
      expect(validate({ ...valid, id: '' })).toBe(false);
      expect(validate({ ...valid, publishedAt: 'yesterday' })).toBe(false);
    });

    it('a message with a field added later still validates (the compatibility rule: add only, optional)', () => {
      const validate = validatorFor(Topics.enrichedArticles);
      const valid = JSON.parse(encodeMessage(Topics.enrichedArticles, exampleEnrichedArticle()).value);
      expect(validate({ ...valid, addedInALaterRelease: ['x'] })).toBe(true);
    });
  });
});
