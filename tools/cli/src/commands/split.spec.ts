import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildProgram } from '../main';
import { runSplit } from './split';

const sample = readFileSync(
  join(__dirname, '../../../../libs/extraction/src/text-dump/__fixtures__/arabnews-nato-ukraine-page.txt'),
  'utf8',
);
const prose = (n: number): string =>
  `Paragraph ${n} of the page says enough, with commas and detail, to be read as the article's own prose.`;

describe('inkstream split', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inkstream-split-'));
  const textFile = join(dir, 'sample.txt');
  const gzFile = join(dir, 'page.html.gz');
  const binFile = join(dir, 'image.bin');
  writeFileSync(textFile, sample);
  writeFileSync(
    gzFile,
    gzipSync(
      `<html lang="en"><head><title>A page</title></head><body><article><h1>A page</h1>${[1, 2, 3]
        .map((n) => `<p>${prose(n)}</p>`)
        .join('')}</article></body></html>`,
    ),
  );
  writeFileSync(binFile, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));

  async function run(files: string[], url?: string): Promise<{ code: number; lines: Record<string, unknown>[] }> {
    const lines: Record<string, unknown>[] = [];
    const code = await runSplit({ files, url }, { writeLine: (line) => lines.push(JSON.parse(line)) });
    return { code, lines };
  }

  it('prints one JSON line per file with the agreed article fields, main article first', async () => {
    const { code, lines } = await run([textFile, gzFile]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.file)).toEqual([textFile, gzFile]);
    const articles = lines[0].articles as Array<Record<string, unknown>>;
    expect(articles.map((a) => a.title)).toEqual([
      'NATO leaders will vow to pour weapons into Ukraine for another year, but membership is off the table',
      'Ukraine hosts talks with security allies in Kyiv',
    ]);
    expect(Object.keys(articles[0]).sort()).toEqual(
      [
        'body',
        'byline',
        'dateline',
        'headings',
        'id',
        'language',
        'paragraphs',
        'publishedAt',
        'standfirst',
        'title',
        'url',
      ].sort(),
    );
    expect(articles[0].body).toBe((articles[0].paragraphs as string[]).join('\n'));
    expect(articles[1]).toMatchObject({ dateline: 'Kyiv', headings: ['Concessions', 'New cabinet appointees'] });
    expect((lines[1].articles as Array<Record<string, unknown>>)[0]).toMatchObject({
      title: 'A page',
      language: 'en',
      paragraphs: [1, 2, 3].map(prose),
    });
  });

  it('writes an error line for an unreadable or binary file, continues, and exits non-zero', async () => {
    const missing = join(dir, 'missing.html');
    const { code, lines } = await run([missing, binFile, textFile]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ file: missing, error: expect.stringContaining('ENOENT') });
    expect(lines[1]).toMatchObject({ file: binFile, error: expect.stringMatching(/^binary: /) });
    expect((lines[2].articles as unknown[]).length).toBe(2);
  });

  it('reports a corrupt .gz file as an error line', async () => {
    const corrupt = join(dir, 'corrupt.html.gz');
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
    const { code, lines } = await run([corrupt]);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ file: corrupt, error: expect.any(String) });
  });

  it('uses --url for a single-article document', async () => {
    const single = join(dir, 'single.txt');
    writeFileSync(single, `${prose(1)}\n${prose(2)}\n`);
    const { lines } = await run([single], 'https://example.com/story');
    expect((lines[0].articles as Array<Record<string, unknown>>)[0].url).toBe('https://example.com/story');
  });

  it('is registered on the inkstream program', () => {
    expect(buildProgram().commands.map((c) => c.name())).toContain('split');
  });
});
