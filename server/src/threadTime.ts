/**
 * How long the calling thread has waited, runnable, for a CPU: the scheduler's `run_delay`
 * from /proc/thread-self/schedstat (Linux), in milliseconds, or null where there is none.
 *
 * A room tick's wall time includes the moments the OS gave the CPU to another thread or
 * process. Subtracting the wait accumulated during the tick leaves the time the tick spent
 * running or blocked in its own system calls — the server's own cost of the tick, which
 * is what the room benchmark's tick figures report. `run_delay` is brought up to date each
 * time the thread is switched in, so two reads around a tick, made while it runs, bracket
 * every wait in between exactly. (The same file's run time, by contrast, is only brought
 * up to date on scheduler ticks: it is not used.)
 */
import { readFileSync } from "node:fs";

const FILE = "/proc/thread-self/schedstat";
let available: boolean | null = null;

export function runQueueWaitMs(): number | null {
  if (available === false) return null;
  try {
    const wait = Number(readFileSync(FILE, "latin1").split(" ")[1]);
    available = Number.isFinite(wait);
    return available ? wait / 1e6 : null;
  } catch {
    available = false;
    return null;
  }
}
