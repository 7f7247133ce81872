import { Command } from 'commander';
import { registerEnrichCommand, runEnrich, type EnrichIo } from './enrich';

const ARTICLE =
  'KYIV: Ukrainian President Volodymyr Zelensky met NATO Secretary-General Jens Stoltenberg in Kyiv on Tuesday. ' +
  '“We need more air defense,” Zelensky said. Stoltenberg promised 40 billion euros.';

function fakeIo(files: Record<string, string>, stdin = ''): EnrichIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    readFile: async (path) => {
      if (!(path in files)) throw new Error('ENOENT: no such file');
      return files[path];
    },
    readStdin: async () => stdin,
    writeLine: (line) => lines.push(line),
    writeError: (message) => errors.push(message),
  };
}

describe('inkstream enrich', () => {
  it('prints one JSON object per file with entities whose offsets index into the text', async () => {
    const io = fakeIo({ 'a.txt': ARTICLE, 'b.txt': 'Short.' });
    expect(await runEnrich(['a.txt', 'b.txt'], {}, io)).toBe(0);
    expect(io.lines).toHaveLength(2);
    const result = JSON.parse(io.lines[0]);
    expect(result.language).toBe('en');
    const zelensky = result.entities.find((entity: { name: string }) => entity.name === 'Volodymyr Zelensky');
    expect(zelensky.type).toBe('PERSON');
    for (const mention of zelensky.mentions) expect(ARTICLE.slice(mention.start, mention.end)).toBe(mention.text);
    expect(result.places[0]).toEqual({ name: 'Kyiv', country: 'UA' });
    expect(result.quotes[0]).toEqual(expect.objectContaining({ speaker: 'Volodymyr Zelensky' }));
    expect(result.figures).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'money', currency: 'EUR' })]),
    );
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining(['keywords', 'topics', 'summary', 'wordCount', 'enrichmentVersion']),
    );
  });

  it('reads stdin when no file is given', async () => {
    const io = fakeIo({}, ARTICLE);
    expect(await runEnrich([], {}, io)).toBe(0);
    expect(JSON.parse(io.lines[0]).wordCount).toBeGreaterThan(20);
  });

  it('keeps each JSONL id and reports bad lines without stopping', async () => {
    const input = [
      JSON.stringify({ id: 'x1', text: ARTICLE }),
      'not json',
      JSON.stringify({ id: 'x2', text: 'Angela Merkel visited Paris.', publishedAt: '2024-01-01T00:00:00Z' }),
    ].join('\n');
    const io = fakeIo({ 'in.jsonl': input });
    expect(await runEnrich(['in.jsonl'], { jsonl: true }, io)).toBe(1);
    expect(io.lines.map((line) => JSON.parse(line).id)).toEqual(['x1', 'x2']);
    expect(io.errors).toEqual([expect.stringContaining('line 2: not JSON')]);
  });

  it('resolves relative dates against --published-at', async () => {
    const io = fakeIo({ 'a.txt': ARTICLE });
    await runEnrich(['a.txt'], { publishedAt: '2024-07-05T12:00:00Z' }, io);
    const dates = JSON.parse(io.lines[0]).figures.filter((figure: { kind: string }) => figure.kind === 'date');
    expect(dates).toEqual([expect.objectContaining({ text: 'Tuesday', date: '2024-07-02' })]);
  });

  it('fails with exit code 1 on a missing file and still enriches the others', async () => {
    const io = fakeIo({ 'a.txt': ARTICLE });
    expect(await runEnrich(['missing.txt', 'a.txt'], {}, io)).toBe(1);
    expect(io.lines).toHaveLength(1);
    expect(io.errors[0]).toContain('missing.txt');
  });

  it('registers an `enrich` command with --jsonl and --published-at', () => {
    const program = new Command();
    registerEnrichCommand(program);
    const command = program.commands.find((candidate) => candidate.name() === 'enrich');
    expect(command?.options.map((option) => option.long)).toEqual(['--jsonl', '--json', '--published-at']);
  });

  it('refuses a binary file (exit 1, nothing invented) and still enriches the others', async () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('utf8');
    const io = fakeIo({ 'photo.jpg': binary, 'a.txt': ARTICLE });
    expect(await runEnrich(['photo.jpg', 'a.txt'], {}, io)).toBe(1);
    expect(io.lines).toHaveLength(1);
    expect(io.errors.join('\n')).toMatch(/photo\.jpg: document looks binary/);
  });
});
