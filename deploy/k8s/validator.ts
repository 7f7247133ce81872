// Builds the manifest validator (deploy/k8s/validate, Go) once per version of its sources and runs it. The binary
// is cached in the checkout's ignored .cache/ under a hash of go.mod, go.sum and the .go files, as libs/embedded-stack
// caches its builds: the first run on a fresh clone downloads the modules from the Go module proxy and compiles
// (a minute or two); every later run, until the validator's sources change, only renders and decodes (a second).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const K8S_DIR = join(REPO_ROOT, 'deploy', 'k8s');
export const VALIDATOR_SRC = join(K8S_DIR, 'validate');
export const ALERT_RULES = join(REPO_ROOT, 'deploy', 'prometheus', 'alerts.yml');

/** Every directory the validator renders: the base and each overlay. */
export function kustomizeDirs(): string[] {
  const overlays = join(K8S_DIR, 'overlays');
  return [
    join(K8S_DIR, 'base'),
    ...readdirSync(overlays, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(overlays, entry.name))
      .sort(),
  ];
}

export function validatorInputsHash(): string {
  const hash = createHash('sha256');
  const inputs = readdirSync(VALIDATOR_SRC)
    .filter((name) => name === 'go.mod' || name === 'go.sum' || name.endsWith('.go'))
    .sort();
  for (const name of inputs)
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(VALIDATOR_SRC, name)));
  return hash.digest('hex').slice(0, 16);
}

/** Path of the validator binary for the current sources, building it first when it is not cached. */
export function ensureValidator(cacheDir = join(REPO_ROOT, '.cache', 'k8s-validate')): string {
  const binary = join(cacheDir, `validate-${validatorInputsHash()}`);
  if (existsSync(binary)) return binary;
  mkdirSync(cacheDir, { recursive: true });
  // Built under a scratch name and renamed, so an interrupted build never leaves a binary that looks complete.
  const scratch = `${binary}.tmp-${process.pid}`;
  const build = spawnSync('go', ['build', '-trimpath', '-o', scratch, '.'], {
    cwd: VALIDATOR_SRC,
    encoding: 'utf8',
    // Static, and no VCS stamping (a fresh clone's .git says nothing the validator needs).
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  if (build.error) throw new Error(`go not found (Go 1.26+ builds deploy/k8s/validate): ${build.error.message}`);
  if (build.status !== 0) throw new Error(`go build of deploy/k8s/validate failed:\n${build.stderr}`);
  renameSync(scratch, binary);
  // Binaries of earlier validator sources are never used again.
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith('validate-') && join(cacheDir, name) !== binary && !name.includes('.tmp-')) {
      rmSync(join(cacheDir, name), { force: true });
    }
  }
  return binary;
}

export interface ValidatorRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function runValidator(args: string[], binary = ensureValidator()): ValidatorRun {
  const run = spawnSync(binary, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** The rendered objects of one kustomize directory, after the validator accepted every one of them. */
export function renderObjects(dir: string, binary = ensureValidator()): Array<Record<string, unknown>> {
  const run = runValidator(['-json', relative(REPO_ROOT, dir)], binary);
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Array<Record<string, unknown>>;
}

// `node -r @swc-node/register deploy/k8s/validator.ts`: the CI step (scripts/test.sh) — the alert rules, the base
// and every overlay.
if (require.main === module) {
  const started = Date.now();
  const run = runValidator([
    '-rules',
    relative(REPO_ROOT, ALERT_RULES),
    ...kustomizeDirs().map((dir) => relative(REPO_ROOT, dir)),
  ]);
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  process.stdout.write(`[k8s] validated in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exitCode = run.status;
}
