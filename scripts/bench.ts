// `npm run bench`: every benchmark, one after the other (they measure speed, so they must not share the CPU).
// Each writes its own section of docs/benchmarks.md with the date and machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const BENCHMARKS = ['libs/extraction/scripts/bench.ts', 'libs/dedup/scripts/bench.ts', 'libs/nlp/scripts/bench.ts'];
const only = process.argv.slice(2);

let failed = 0;
for (const script of BENCHMARKS) {
  if (only.length > 0 && !only.some((name) => script.includes(name))) continue;
  if (!existsSync(join(ROOT, script))) continue;
  console.log(`\n==> ${script}`);
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', script], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
