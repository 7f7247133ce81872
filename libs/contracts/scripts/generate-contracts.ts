// `npm run contracts:generate`: writes the published contracts (AsyncAPI 3 document and one JSON Schema per message)
// into libs/contracts/published from the zod schemas. CI fails when the committed files differ from what this writes.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { publishedContractFiles } from '../src/published/artifacts';

const OUT = join(__dirname, '..', 'published');
const files = publishedContractFiles();
// Files of message types that no longer exist must not linger as if still published.
rmSync(join(OUT, 'json-schema'), { recursive: true, force: true });
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(OUT, path)), { recursive: true });
  writeFileSync(join(OUT, path), text);
}
process.stdout.write(`wrote ${Object.keys(files).length} files to ${OUT}: ${readdirSync(OUT).join(', ')}\n`);
