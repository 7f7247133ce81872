import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measuredOn, seededRandom, writeDocSection } from './index';

describe('measurement helpers', () => {
  it('give one seeded random stream: the same seed, the same numbers in [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const draws = [a(), a(), a()];
    expect(draws).toEqual([b(), b(), b()]);
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(2)()).not.toBe(draws[0]);
  });

  it('rewrite only their own marked section of a shared document, appending it the first time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'measure-'));
    const file = join(dir, 'figures.md');
    try {
      writeFileSync(file, '# Figures\n');
      writeDocSection(file, 'a', 'first A');
      writeDocSection(file, 'b', 'only B');
      writeDocSection(file, 'a', 'second A');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('<!-- section:a -->\nsecond A\n<!-- /section:a -->');
      expect(text).toContain('only B');
      expect(text).not.toContain('first A');
      expect(text.indexOf('section:a')).toBeLessThan(text.indexOf('section:b'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(measuredOn()).toMatch(/^Measured \d{4}-\d{2}-\d{2}T.* on .*, \d+ × .*, \d+ GiB, Node v/);
  });
  it('find the shared datasets beside the clone, never at one machine’s path', () => {
    const saved = { shared: process.env.INKSTREAM_SHARED_DIR, datasets: process.env.INKSTREAM_DATASETS_DIR };
    delete process.env.INKSTREAM_SHARED_DIR;
    delete process.env.INKSTREAM_DATASETS_DIR;
    try {
      jest.isolateModules(() => {
        const dirs = require('./datasets-dir') as typeof import('./datasets-dir');
        const clone = join(__dirname, '..', '..', '..');
        expect(dirs.SHARED_DIR).toBe(join(clone, '..', 'shared'));
        expect(dirs.DATASETS_DIR).toBe(join(clone, '..', 'shared', 'datasets'));
      });
      process.env.INKSTREAM_SHARED_DIR = '/data/inkstream-shared';
      jest.isolateModules(() => {
        const dirs = require('./datasets-dir') as typeof import('./datasets-dir');
        expect(dirs.DATASETS_DIR).toBe('/data/inkstream-shared/datasets');
      });
    } finally {
      for (const [key, value] of [
        ['INKSTREAM_SHARED_DIR', saved.shared],
        ['INKSTREAM_DATASETS_DIR', saved.datasets],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
