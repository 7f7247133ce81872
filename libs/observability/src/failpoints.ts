/**
 * Named crash points for fault-injection tests (e.g. "killed after writing, before committing"). Inert unless the
 * process was started with INKSTREAM_FAILPOINTS naming the point: production never sets it.
 */
export function failpoint(name: string, env: NodeJS.ProcessEnv = process.env): void {
  const armed = env.INKSTREAM_FAILPOINTS?.split(',').map((entry) => entry.trim());
  if (armed?.includes(name)) process.kill(process.pid, 'SIGKILL');
}
