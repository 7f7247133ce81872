import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// `npm test` runs the unit suite as `nx run-many -t test`: one jest run per project that has a test target. A unit
// spec outside every such project would never run, and a test target over a project with no spec fails jest.
const root = join(__dirname, '../../..');

const gitFiles = (pattern: string): string[] =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', pattern], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);

const projects = gitFiles('*project.json').map((file) => {
  const project = JSON.parse(readFileSync(join(root, file), 'utf8')) as { targets?: Record<string, unknown> };
  return { root: `${dirname(file)}/`, hasTest: 'test' in (project.targets ?? {}) };
});
const unitSpecs = gitFiles('*.spec.ts').filter((file) => !file.endsWith('.int.spec.ts') && !/\/test\//.test(file));
const ownerOf = (file: string) =>
  projects.filter((project) => file.startsWith(project.root)).sort((a, b) => b.root.length - a.root.length)[0];

describe('Nx test targets', () => {
  it('every unit spec belongs to a project with a test target', () => {
    expect(unitSpecs.filter((file) => !ownerOf(file)?.hasTest)).toEqual([]);
  });

  it('every project with a test target has a unit spec', () => {
    const withSpecs = new Set(unitSpecs.map((file) => ownerOf(file)?.root));
    expect(projects.filter((project) => project.hasTest && !withSpecs.has(project.root))).toEqual([]);
  });
});
