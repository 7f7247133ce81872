// `npm run build`: compiles the services, the libraries they use and the CLI to plain JavaScript in dist/, for the
// container images (deploy/docker/Dockerfile), which then need neither TypeScript tooling nor dev dependencies.
// swc with the repo's .swcrc is what `@swc-node/register` and jest run in development, so the output behaves the
// same; the @inkstream/* aliases from tsconfig.base.json are rewritten to relative paths at compile time, so the
// compiled tree resolves its own files without the npm workspace links. Type checking stays `npm run typecheck`.
import { transformFile, type Options } from '@swc/core';
import { build as esbuild } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { dashboardBundleOptions, PREBUILT_DASHBOARD_SCRIPT } from '@inkstream/gateway';

export const REPO_ROOT = resolve(__dirname, '..');

/** What production runs. libs/testing and deploy/ are test and development tooling, not shipped. */
export const SOURCE_DIRS = [
  'libs/audit/src',
  'libs/config/src',
  'libs/contracts/src',
  'libs/dedup/src',
  'libs/dedup-mongo/src',
  'libs/errors/src',
  'libs/extraction/src',
  'libs/feeds/src',
  'libs/fetching/src',
  'libs/messaging/src',
  'libs/nlp/src',
  'libs/observability/src',
  'libs/persistence/src',
  'libs/runtime/src',
  'services/deduplicator/src',
  'services/enricher/src',
  'services/fetcher/src',
  'services/gateway/src',
  'services/splitter/src',
  'services/store/src',
  'tools/cli/src',
];

export interface BuildResult {
  outDir: string;
  compiled: number;
  copied: number;
}

export async function buildDist(outDir = join(REPO_ROOT, 'dist'), root = REPO_ROOT): Promise<BuildResult> {
  rmSync(outDir, { recursive: true, force: true });
  const swcOptions = swcOptionsFor(root);
  let compiled = 0;
  let copied = 0;
  const missingAliases = aliasTargetsOutside(root);
  if (missingAliases.length > 0) {
    throw new Error(`tsconfig.base.json aliases outside the build (add them to SOURCE_DIRS): ${missingAliases}`);
  }
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(join(root, dir))) {
      const target = join(outDir, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      if (file.endsWith('.ts')) {
        if (file.endsWith('.spec.ts')) continue;
        const output = await transformFile(file, { ...swcOptions, filename: file });
        writeFileSync(target.replace(/\.ts$/, '.js'), output.code);
        compiled += 1;
      } else if (file.endsWith('.json')) {
        // Data the code requires at run time (the NER model).
        cpSync(file, target);
        copied += 1;
      }
    }
  }
  await buildDashboard(
    join(root, 'services', 'gateway', 'dashboard'),
    join(outDir, 'services', 'gateway', 'dashboard'),
  );
  writeCliBin(join(outDir, 'tools', 'cli', 'bin', 'inkstream'));
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ private: true, type: 'commonjs' }, null, 2)}\n`);
  return { outDir, compiled, copied };
}

function swcOptionsFor(root: string): Options {
  const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8')) as Options & { $schema?: string };
  delete swcrc.$schema;
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return {
    ...swcrc,
    swcrc: false,
    // Stack traces in production point at the compiled lines; inline maps would only grow the image.
    sourceMaps: false,
    jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths },
  };
}

/** An alias whose target is not compiled would be rewritten to a path that does not exist in dist/. */
function aliasTargetsOutside(root: string): string[] {
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  // Test, development and measurement tooling: never shipped, never imported by what is.
  const notShipped = ['@inkstream/testing', '@inkstream/embedded-stack', '@inkstream/measure'];
  return Object.entries(compilerOptions.paths)
    .filter(([alias]) => !notShipped.includes(alias))
    .filter(([, [target]]) => !SOURCE_DIRS.some((dir) => target.startsWith(`${dir}/`)))
    .map(([alias]) => alias);
}

async function buildDashboard(sourceDir: string, targetDir: string): Promise<void> {
  mkdirSync(targetDir, { recursive: true });
  cpSync(join(sourceDir, 'index.html'), join(targetDir, 'index.html'));
  // The gateway serves this file instead of bundling the script with esbuild at start.
  await esbuild({ ...dashboardBundleOptions(sourceDir), outfile: join(targetDir, PREBUILT_DASHBOARD_SCRIPT) });
}

/**
 * tools/cli/bin/inkstream.js runs the TypeScript through swc's require hook; the compiled CLI (shipped in the gateway
 * image, for `inkstream reenrich` and `inkstream stats` inside the cluster) starts the compiled main directly.
 */
function writeCliBin(target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const script = [
    '#!/usr/bin/env node',
    '// Generated by scripts/build.ts: the compiled `inkstream` CLI.',
    "process.stdout.on('error', (error) => {",
    "  if (error.code === 'EPIPE') process.exit(0);",
    '  throw error;',
    '});',
    "require('../src/main.js')",
    '  .main(process.argv)',
    '  .then((code) => {',
    '    process.exitCode = code;',
    '  });',
    '',
  ].join('\n');
  writeFileSync(target, script, { mode: 0o755 });
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) throw new Error(`build source missing: ${dir}`);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

if (require.main === module) {
  const started = Date.now();
  buildDist().then(
    (result) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `[build] ${result.compiled} files compiled, ${result.copied} copied into ${relative(REPO_ROOT, result.outDir)}/ (${seconds} s)\n`,
      );
    },
    (error: Error) => {
      process.stderr.write(`[build] failed: ${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
