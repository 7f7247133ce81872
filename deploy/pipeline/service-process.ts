import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceProcess {
  name: string;
  url: string;
  logFile: string;
  child: ChildProcess;
  exited: Promise<number | string | null>;
}

/**
 * Runs one service as its own Node process (as in production: a crash of one does not take the others down), with
 * its JSON log lines in a file per service so the terminal stays readable.
 */
export function startServiceProcess(options: {
  root: string;
  name: string;
  port: number;
  host: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  echo: boolean;
}): ServiceProcess {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [
      // Where the time goes, per service: V8 CPU profiles written on a clean exit (node refuses --cpu-prof in
      // NODE_OPTIONS, so the runner passes it).
      ...(options.env.INKSTREAM_CPU_PROF_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${options.env.INKSTREAM_CPU_PROF_DIR}`]
        : []),
      '-r',
      '@swc-node/register',
      join('services', options.name, 'src', 'main.ts'),
    ],
    {
      cwd: options.root,
      env: { ...options.env, HTTP_PORT: String(options.port), HTTP_HOST: options.host },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream?.pipe(log, { end: false });
    if (options.echo) stream?.pipe(process.stdout, { end: false });
  }
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ?? code);
    }),
  );
  return { name: options.name, url: `http://${options.host}:${options.port}`, logFile, child, exited };
}

/** A service process that exited before it was healthy, with its exit code or signal. */
export class StartupExitError extends Error {
  constructor(
    readonly service: string,
    readonly exit: number | string | null,
    logFile: string,
  ) {
    super(`${service} exited (${exit}) during startup; see ${logFile}`);
  }
}

/** Polls /health until it answers 200, the process exits, or time runs out (then the error says which). */
export async function waitHealthy(service: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | null | undefined;
  void service.exited.then((code) => (exitedWith = code));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitedWith !== undefined) {
      throw new StartupExitError(service.name, exitedWith, service.logFile);
    }
    try {
      const response = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${service.name} not healthy after ${timeoutMs} ms (${last}); see ${service.logFile}`);
}

/** SIGTERM (the service finishes in-flight work and commits), then SIGKILL if it does not exit in time. */
export async function stopServiceProcess(service: ServiceProcess, timeoutMs: number): Promise<string> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return 'already stopped';
  service.child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  if ((await Promise.race([service.exited, timer])) !== 'timeout') return 'stopped';
  service.child.kill('SIGKILL');
  await service.exited;
  return 'killed after timeout';
}
