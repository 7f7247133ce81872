import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOREIGN_DOCUMENT_BLOCK, languageOfCorpus, loadForeignCorpus } from './ner-data-multilingual';

describe('loadForeignCorpus', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ner-multilingual-'));
    mkdirSync(join(dir, 'pt-uner-bosque'));
    const sentence = 'A\tO\nPetrobras\tB-ORG\nde\tO\nSão\tB-LOC\nPaulo\tI-LOC\nCopa\tB-MISC\n.\tO\n\n';
    const longDocument = Array.from({ length: FOREIGN_DOCUMENT_BLOCK + 1 }, () => sentence).join('');
    writeFileSync(
      join(dir, 'pt-uner-bosque', 'train.conll'),
      `-DOCSTART-\tO\n\n${sentence}-DOCSTART-\tO\n\n${longDocument}`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps PER/ORG/LOC, leaves MISC outside any entity, and names the corpus', () => {
    const [first] = loadForeignCorpus('pt-uner-bosque', dir);
    expect(first.words).toEqual(['A', 'Petrobras', 'de', 'São', 'Paulo', 'Copa', '.']);
    expect(first.tags).toEqual(['O', 'B-ORG', 'O', 'B-LOC', 'I-LOC', 'O', 'O']);
    expect(first.source).toBe('pt-uner-bosque');
    expect(languageOfCorpus(first.source)).toBe('pt');
  });

  it('starts a document at each -DOCSTART- and every 50 sentences within one', () => {
    const documents = loadForeignCorpus('pt-uner-bosque', dir).map((s) => s.document);
    expect(documents).toEqual([0, ...Array<number>(FOREIGN_DOCUMENT_BLOCK).fill(1), 2]);
  });
});
