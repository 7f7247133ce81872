// CPU of a process tree from /proc: what the benchmarks charge to each service and to the stack's processes.
import { readdirSync, readFileSync } from 'node:fs';
import { cpuTicksFromStat, parentPidFromStat } from './measure';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
export const CLK_TCK = 100;

/** CPU ticks of a process and of every live descendant (PostgreSQL's backends), reaped children included. */
export function treeCpuTicks(rootPid: number): number {
  const stats = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.set(Number(entry), readFileSync(`/proc/${entry}/stat`, 'utf8'));
    } catch {
      // exited while we looked
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) {
    const parent = parentPidFromStat(stat);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const stat = stats.get(pid);
    if (stat) ticks += cpuTicksFromStat(stat);
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks;
}
