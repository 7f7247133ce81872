// Benchmarks and evaluations each own one marked section of a shared markdown file, so several scripts can
// refresh docs/benchmarks.md or docs/quality.md without overwriting each other's figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, totalmem } from 'node:os';

export function writeDocSection(file: string, key: string, markdown: string): void {
  const begin = `<!-- section:${key} -->`;
  const end = `<!-- /section:${key} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? current.slice(0, start) + block + current.slice(stop + end.length)
      : `${current.trimEnd()}${current ? '\n\n' : ''}${block}\n`;
  writeFileSync(file, next);
}

/** One line naming when and where a figure was measured: figures without it are not comparable. */
export function measuredOn(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `Measured ${new Date().toISOString()} on ${platform()}/${arch()}, ${cpus().length} × ${cpu}, ${gib} GiB, Node ${process.version}.`;
}
