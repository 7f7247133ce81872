import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstallLine, DEBIAN_PACKAGES } from './extensions';
import { EXTENSION_SOURCES, treeSha256 } from './sources';

describe('pinned extension sources', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'inkstream-tree-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function tree(name: string, files: Record<string, string>): string {
    const dir = join(root, name);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it('hashes the files, not the folder they were extracted into (vendored and upstream archives agree)', () => {
    const files = { Makefile: 'all:\n', 'src/a.c': 'int a;\n' };
    expect(treeSha256(tree('pg_cron-v1.6.7', files), 'all')).toBe(treeSha256(tree('pg_cron-1.6.7', files), 'all'));
  });

  it('notices a changed or added file', () => {
    const base = treeSha256(tree('a', { 'src/a.c': 'int a;\n' }), 'all');
    expect(treeSha256(tree('b', { 'src/a.c': 'int b;\n' }), 'all')).not.toBe(base);
    expect(treeSha256(tree('c', { 'src/a.c': 'int a;\n', 'src/evil.c': '' }), 'all')).not.toBe(base);
  });

  it('hashes only the included top-level entries (the vendored DocumentDB archive is a subset of its tag)', () => {
    const subset = tree('subset', { 'pg_documentdb/x.c': '1' });
    const full = tree('full', { 'pg_documentdb/x.c': '1', 'docs/readme.md': 'more upstream files' });
    expect(treeSha256(full, ['pg_documentdb'])).toBe(treeSha256(subset, ['pg_documentdb']));
  });

  it('pins every archive by archive hash and tree hash', () => {
    for (const source of EXTENSION_SOURCES) {
      expect(source.archiveSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(source.treeSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(source.url).toMatch(/^https:\/\/github\.com\/.+\.tar\.gz$/);
    }
  });

  it('prints the exact apt-get line for missing packages', () => {
    expect(aptInstallLine(DEBIAN_PACKAGES)).toBe(
      'apt-get update && apt-get install -y --no-install-recommends postgresql-15 postgresql-server-dev-15 ' +
        'postgresql-15-rum postgresql-15-postgis-3 libbson-dev libpcre2-dev libintelrdfpmath-dev libkrb5-dev ' +
        'build-essential pkg-config',
    );
  });
});
