// A CPU profile of part of a bench's own process: `--cpu-prof` on the command line would profile the whole run, and
// in the dedup bench the fill (the same fingerprinting and rules, in memory) would drown the window measured.
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

export interface CpuProfiler {
  /** profiles from now until `stop` (again after each stop) */
  start(): Promise<void>;
  /** stops; what was sampled since `start` is the profile `close` writes */
  stop(): Promise<void>;
  /** writes the last window's profile to `file` (.cpuprofile, as Chrome DevTools and speedscope read it) */
  close(): Promise<void>;
}

export function cpuProfiler(file: string): CpuProfiler {
  const session = new Session();
  session.connect();
  let last: object | null = null;
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    async stop() {
      ({ profile: last } = await session.post('Profiler.stop'));
    },
    async close() {
      if (last) writeFileSync(file, JSON.stringify(last));
      session.disconnect();
    },
  };
}
