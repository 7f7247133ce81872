import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main';
import { runDedup } from './dedup';

const paragraphs = [
  'The city council approved a new budget on Tuesday after a long debate over school funding, road repairs and the cost of running the public library system.',
  'Council members voted seven to two in favour of the plan, which raises spending on schools by four percent and sets aside money for repaving the main streets.',
  'The mayor said the budget balanced the needs of families with the city’s limited revenue, and promised a review of library opening hours before the summer.',
  'Opponents said the plan relied on optimistic tax forecasts and warned that the city could face a shortfall if the local economy slowed next year.',
];
const body = paragraphs.join('\n');
const line = (record: Record<string, unknown>) => JSON.stringify(record);

async function run(lines: string[]): Promise<{ code: number; out: Record<string, unknown>[] }> {
  const out: Record<string, unknown>[] = [];
  const code = await runDedup(lines, { writeLine: (text) => out.push(JSON.parse(text)) }, { now: 0 });
  return { code, out };
}

describe('inkstream dedup', () => {
  it('prints one line per article in input order, tracing every copy to its original', async () => {
    const { code, out } = await run([
      line({ id: 'a', title: 'Budget passes', body, url: 'https://news.example/budget' }),
      line({
        id: 'b',
        title: 'Council backs budget',
        body: `${body}\nRead more local news.`,
        url: 'https://other.example/x',
      }),
      line({ id: 'c', title: 'Budget passes', body, url: 'https://m.news.example/budget?utm_source=x' }),
      line({ id: 'd', title: 'Another story', body: 'A different short text about the weather this weekend.' }),
    ]);
    expect(code).toBe(0);
    expect(out).toEqual([
      { id: 'a', verdict: 'unique', duplicateOf: null, similarity: 0, method: 'none', clusterId: 'a' },
      { id: 'b', verdict: 'duplicate', duplicateOf: 'a', similarity: 1, method: 'near-duplicate', clusterId: 'a' },
      { id: 'c', verdict: 'duplicate', duplicateOf: 'a', similarity: 1, method: 'url', clusterId: 'a' },
      { id: 'd', verdict: 'unique', duplicateOf: null, similarity: 0, method: 'none', clusterId: 'd' },
    ]);
  });

  it('reports a bad line with its number and goes on', async () => {
    const { code, out } = await run([
      'not json',
      '',
      line({ id: 7, body }),
      line({ id: 'x' }),
      line({ id: 'ok', body }),
    ]);
    expect(code).toBe(1);
    expect(out).toEqual([
      { line: 1, error: expect.stringContaining('JSON') },
      { line: 3, error: '"id" must be a string' },
      { line: 4, error: '"body" is required' },
      expect.objectContaining({ id: 'ok', verdict: 'unique' }),
    ]);
  });

  it('reads a JSONL file from the command line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'inkstream-dedup-')), 'articles.jsonl');
    writeFileSync(file, `${line({ id: 'a', body })}\n${line({ id: 'b', body })}\n`);
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['node', 'inkstream', 'dedup', file])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(written.map((text) => JSON.parse(text))).toMatchObject([
      { id: 'a', duplicateOf: null },
      { id: 'b', duplicateOf: 'a', method: 'content-hash' },
    ]);
  });
});
