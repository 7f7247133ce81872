import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foreignPostgres } from './cluster';

describe('the PostgreSQL answering on the stack port', () => {
  const root = mkdtempSync(join(tmpdir(), 'inkstream-pg-identity-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is ours when it serves our data directory, however the path is spelled', () => {
    symlinkSync(root, join(root, 'link'));
    expect(foreignPostgres(55432, root, join(root, 'link'))).toBeNull();
    expect(foreignPostgres(55432, `${root}/`, root)).toBeNull();
  });

  it("is refused, naming the port variable, when another stack's server holds the port", () => {
    expect(foreignPostgres(55432, '/other/checkout/.cache/stack/postgres/data', root)).toMatch(
      /127\.0\.0\.1:55432 is answered by another PostgreSQL \(data directory \/other\/checkout.*INKSTREAM_POSTGRES_PORT/,
    );
  });
});
