// The images run what `npm run build` (scripts/build.ts) leaves in dist/: this builds into a scratch directory and
// checks that every file a Dockerfile target copies or starts exists, that the compiled code requires no
// @inkstream/* alias (the images carry no workspace links) and no dev-only tool, and that each target stays lean.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { buildDist, REPO_ROOT } from '../../scripts/build';

const BUILTIN = new Set(builtinModules);
const SERVICES = ['fetcher', 'splitter', 'deduplicator', 'enricher', 'store', 'gateway'];
const dockerfile = readFileSync(join(REPO_ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8');

function stage(name: string): string {
  const found = dockerfile.split(/^FROM /m).find((block) => new RegExp(`^\\S+ AS ${name}\\n`).test(block));
  if (!found) throw new Error(`no Dockerfile stage ${name}`);
  return found;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

describe('npm run build and the Dockerfile targets', () => {
  let out: string;
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'inkstream-build-')), 'dist');
    await buildDist(out);
  }, 120_000);
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('compiles to JavaScript that requires no alias, no TypeScript file and no build tool', () => {
    const compiled = [...files(out)].filter((file) => file.endsWith('.js'));
    expect(compiled.length).toBeGreaterThan(100);
    for (const file of compiled) {
      const code = readFileSync(file, 'utf8');
      const rel = relative(out, file);
      expect({ rel, alias: /require\("@inkstream\//.test(code) }).toEqual({ rel, alias: false });
      expect({ rel, ts: /require\("[^"]+\.ts"\)/.test(code) }).toEqual({ rel, ts: false });
      // At module level (column 0 in swc's output); the gateway's esbuild fallback for source checkouts is a lazy
      // require inside a function, never reached when the pre-bundled dashboard is there.
      const tool = /^\S.*require\("(esbuild|@swc\/[^"]+|typescript)"\)/m.test(code);
      expect({ rel, tool }).toEqual({ rel, tool: false });
    }
    expect([...files(out)].filter((file) => file.endsWith('.spec.js'))).toEqual([]);
  });

  it.each(SERVICES)('gives the %s target a compiled entry and a non-root user', (name) => {
    const target = stage(name);
    const entry = /^CMD \["node", "([^"]+)"\]$/m.exec(target)?.[1];
    expect(entry).toBe(`dist/services/${name}/src/main.js`);
    expect(existsSync(join(out, '..', entry!))).toBe(true);
    expect(target).toContain(`COPY --from=build /src/dist/services/${name} ./dist/services/${name}`);
  });

  it('ships production dependencies only, as a numeric non-root user, with a health check', () => {
    const runtime = stage('runtime');
    expect(runtime).toContain('COPY --from=production-dependencies /src/node_modules ./node_modules');
    expect(stage('production-dependencies')).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/^USER 1000:1000$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    // Only the build stage installs dev dependencies and runs the build.
    expect(stage('build')).toContain('RUN npm run build');
    expect(dockerfile.match(/npm ci --no-audit/g)).toHaveLength(1);
  });

  it('declares as production dependencies exactly the packages the compiled code requires', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // Loaded by Nest itself (NestFactory picks the HTTP adapter) rather than required by our code.
    const loadedByFramework = new Set(['@nestjs/platform-express']);
    const required = new Set<string>();
    for (const file of [...files(out)].filter((path) => path.endsWith('.js'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) {
        const name = match[1].startsWith('@') ? match[1].split('/').slice(0, 2).join('/') : match[1].split('/')[0];
        if (!match[1].startsWith('node:') && !BUILTIN.has(name)) required.add(name);
      }
    }
    const declared = Object.keys(manifest.dependencies);
    // A dev tool in `dependencies` bloats every image; a runtime package only in devDependencies breaks it.
    expect(declared.filter((name) => !required.has(name) && !loadedByFramework.has(name))).toEqual([]);
    expect([...required].filter((name) => !manifest.dependencies[name] && name !== 'esbuild').sort()).toEqual([]);
  });

  it('pre-bundles the dashboard and the CLI for the gateway image', () => {
    expect(readFileSync(join(out, 'services/gateway/dashboard/dashboard.js'), 'utf8')).toContain('data-action');
    expect(existsSync(join(out, 'services/gateway/dashboard/index.html'))).toBe(true);
    expect(statSync(join(out, 'tools/cli/bin/inkstream')).mode & 0o111).not.toBe(0);
    expect(stage('gateway')).toContain('COPY --from=build /src/dist/tools/cli ./dist/tools/cli');
  });
});
