import {
  enrichedArticleSchema,
  exampleEnrichedArticle,
  formatZodError,
  type UniqueArticle,
} from '@inkstream/contracts';
import { splitDocument, UnprocessableDocumentError } from '@inkstream/extraction';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { toEnrichedArticle } from './to-enriched';

// Property: whatever unique article the enricher gets, the enriched article it builds satisfies the contract it
// publishes under (places with ISO country codes, offsets, scores, …). The texts: every reference body of the
// shared extraction dev set, every article the splitter finds in the 533 dataset pages (many languages, menus,
// tables, code, CJK) and the repository's samples, plus a few degenerate ones. An enrichment failing its own
// schema is a bug of the enricher (dead-lettered as invalid-output), never the input's fault.
const ROOT = join(__dirname, '..', '..', '..');
const DATASETS = process.env.INKSTREAM_DATASETS_DIR ?? join(ROOT, '..', 'shared', 'datasets');

interface Text {
  name: string;
  title: string;
  body: string;
  standfirst?: string | null;
  dateline?: string | null;
  language?: string | null;
  publishedAt?: string | null;
}

function readText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function texts(): Text[] {
  const found: Text[] = [
    { name: 'empty', title: '', body: '' },
    { name: 'punctuation', title: '!!!', body: '… — “” ¡¿ 123 456 %%% $$$' },
    { name: 'one word', title: 'X', body: 'Paris' },
    { name: 'emoji', title: '🎉', body: '🎉🎉 Party in Berlin 🎉 on Friday with €5 million 🎉' },
  ];
  const pages: Array<{ name: string; content: string }> = [];
  for (const file of readdirSync(join(ROOT, 'samples'))) {
    pages.push({ name: `samples/${file}`, content: readText(join(ROOT, 'samples', file)) });
  }
  const truthFile = join(DATASETS, 'extraction-dev', 'ground-truth.json');
  if (existsSync(truthFile)) {
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<
      string,
      { articleBody?: string; headline?: string }
    >;
    for (const [id, entry] of Object.entries(truth)) {
      found.push({ name: `ground-truth/${id}`, title: entry.headline ?? '', body: entry.articleBody ?? '' });
    }
  }
  for (const set of ['extraction-dev', 'extraction-snippets-dev']) {
    const dir = join(DATASETS, set, 'html');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort())
      pages.push({ name: `${set}/${file}`, content: readText(join(dir, file)) });
  }
  // The NER training corpora (wikigold, Broad Twitter Corpus, WNUT 2017): CoNLL tokens joined back into text,
  // a document per -DOCSTART- or per 25 sentences.
  const nerDir = join(DATASETS, 'ner-train');
  for (const file of existsSync(nerDir) ? conllFiles(nerDir) : []) {
    conllDocuments(readText(file)).forEach((body, index) =>
      found.push({ name: `${file.slice(nerDir.length + 1)} #${index}`, title: '', body }),
    );
  }
  for (const page of pages) {
    try {
      const { articles } = splitDocument({ content: page.content, contentType: null, url: null });
      articles.forEach((article, position) =>
        found.push({
          name: `${page.name} #${position}`,
          title: article.title ?? '',
          body: article.body,
          standfirst: article.standfirst,
          dateline: article.dateline,
          language: article.language,
          publishedAt: Number.isNaN(Date.parse(article.publishedAt ?? ''))
            ? null
            : new Date(article.publishedAt as string).toISOString(),
        }),
      );
    } catch (error) {
      if (!(error instanceof UnprocessableDocumentError)) throw error;
    }
  }
  return found;
}

function conllFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return conllFiles(path);
      return /\.(conll|conll\.txt|annotated)$/.test(entry.name) ? [path] : [];
    });
}

function conllDocuments(text: string): string[] {
  const documents: string[] = [];
  let sentences: string[] = [];
  let tokens: string[] = [];
  const endSentence = () => {
    if (tokens.length > 0) sentences.push(tokens.join(' '));
    tokens = [];
  };
  const endDocument = () => {
    endSentence();
    if (sentences.length > 0) documents.push(sentences.join('\n'));
    sentences = [];
  };
  for (const line of text.split('\n')) {
    const token = line.split(/\s+/)[0] ?? '';
    if (token === '-DOCSTART-') endDocument();
    else if (token === '') {
      endSentence();
      if (sentences.length >= 25) endDocument();
    } else tokens.push(token);
  }
  endDocument();
  return documents;
}

describe('enriched outputs are valid by construction', () => {
  it('every dataset text, split article and sample enriches to a valid enriched article', () => {
    const { enrichment: _drop, ...base } = exampleEnrichedArticle();
    const all = texts();
    const failures: string[] = [];
    for (const text of all) {
      const paragraphs = text.body.split('\n').filter((line) => line.trim() !== '');
      const article: UniqueArticle = {
        ...base,
        title: text.title,
        standfirst: text.standfirst ?? null,
        paragraphs,
        body: paragraphs.join('\n'),
        dateline: text.dateline ?? null,
        language: text.language ?? null,
        publishedAt: text.publishedAt ?? null,
      };
      const enriched = toEnrichedArticle(article, '2026-12-01T00:00:00.000Z');
      const parsed = enrichedArticleSchema.safeParse(enriched);
      if (!parsed.success) failures.push(`${text.name}: ${formatZodError(parsed.error)}`);
    }
    expect(failures).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(existsSync(DATASETS) ? 500 : 5);
  }, 600_000);
});
