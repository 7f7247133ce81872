import { articleCandidateSchema, exampleRawDocument, formatZodError, sourceSites } from '@inkstream/contracts';
import { splitDocument, UnprocessableDocumentError } from '@inkstream/extraction';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { toArticleCandidate } from './to-candidate';

// Property: whatever document the splitter accepts, every article candidate it builds satisfies the contract it
// publishes under. The documents: every page of the shared extraction dev sets (../shared/datasets, 533 pages in
// many languages and layouts) and the repository's samples. A candidate failing its schema would be a bug of the
// splitter (dead-lettered as invalid-output), so this test is what keeps that from happening.
const ROOT = join(__dirname, '..', '..', '..');
const DATASETS = process.env.INKSTREAM_DATASETS_DIR ?? join(ROOT, '..', 'shared', 'datasets');

function documents(): Array<{ name: string; content: string; url: string | null }> {
  const found: Array<{ name: string; content: string; url: string | null }> = [];
  for (const file of readdirSync(join(ROOT, 'samples'))) {
    found.push({ name: `samples/${file}`, content: readFileSync(join(ROOT, 'samples', file), 'utf8'), url: null });
  }
  const urls: Record<string, { url?: string }> = existsSync(join(DATASETS, 'extraction-snippets-dev', 'snippets.json'))
    ? JSON.parse(readFileSync(join(DATASETS, 'extraction-snippets-dev', 'snippets.json'), 'utf8'))
    : {};
  for (const set of ['extraction-dev', 'extraction-snippets-dev']) {
    const dir = join(DATASETS, set, 'html');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      const bytes = readFileSync(join(dir, file));
      const name = file.replace(/\.gz$/, '');
      found.push({
        name: `${set}/${name}`,
        content: (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
        url: urls[name]?.url ?? `https://pages.example/${name}`,
      });
    }
  }
  return found;
}

describe('split outputs are valid by construction', () => {
  it('every candidate of every dataset page and sample satisfies the article-candidate schema', () => {
    const all = documents();
    const failures: string[] = [];
    let candidates = 0;
    for (const document of all) {
      const raw = exampleRawDocument({
        url: document.url,
        content: document.content,
        contentType: null,
        source: {
          id: 'src-datasets',
          name: 'Datasets',
          domain: null,
          kind: 'page',
          sites: sourceSites(document.url),
        },
        sourceId: 'src-datasets',
      });
      let result: ReturnType<typeof splitDocument>;
      try {
        result = splitDocument({ content: raw.content, contentType: raw.contentType, url: raw.url });
      } catch (error) {
        if (error instanceof UnprocessableDocumentError) continue; // refused with a reason: not an output
        throw error;
      }
      result.articles.forEach((article, position) => {
        candidates += 1;
        const candidate = toArticleCandidate(raw, article, result.publisher, position, '2026-12-01T00:00:00.000Z');
        const parsed = articleCandidateSchema.safeParse(candidate);
        if (!parsed.success) failures.push(`${document.name} #${position}: ${formatZodError(parsed.error)}`);
      });
    }
    expect(failures).toEqual([]);
    // the corpus is really there (62 + 471 pages when ../shared/datasets exists; the samples always)
    expect(candidates).toBeGreaterThanOrEqual(all.length > 10 ? 400 : 2);
  }, 180_000);
});
