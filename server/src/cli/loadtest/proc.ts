/** CPU time and resident memory of a local server process, read from /proc (Linux). */
import { readFileSync } from "node:fs";

export interface ProcSample {
  readonly cpuSeconds: number;
  readonly rssMb: number;
  readonly at: number;
}

/** Null when the process cannot be read (not on this machine, gone, not Linux). */
export function sampleProc(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ", fields[0] is state (field 3): utime is field 14, stime field 15.
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return { cpuSeconds: ticks / 100, rssMb: rssKb / 1024, at: performance.now() };
  } catch {
    return null;
  }
}
