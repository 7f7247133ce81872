import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

// `npm run typecheck` (which `npm test` runs) type-checks the files its tsconfigs include; a TypeScript file outside
// all of them is only transpiled, so its type errors would never fail a check.
const root = join(__dirname, '../../..');

function typecheckProjects(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return [...scripts.typecheck.matchAll(/tsc -p (\S+)/g)].map((match) => match[1]);
}

function filesOf(project: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, project), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${project}`);
  return parsed.fileNames.map((file) => relative(root, file));
}

describe('type-check coverage', () => {
  it('npm run typecheck runs the root tsconfig and the dashboard', () => {
    expect(typecheckProjects()).toEqual(['tsconfig.json', 'services/gateway/dashboard/tsconfig.json']);
  });

  it('every TypeScript file in the repository is in a tsconfig that npm run typecheck checks', () => {
    const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file && !file.endsWith('.d.ts'));
    const covered = new Set(typecheckProjects().flatMap(filesOf));
    expect(tracked.filter((file) => !covered.has(file))).toEqual([]);
  });
});
