/**
 * The server side of a run: every process's /metrics, scraped before the run, when the
 * played window opens and closes, and after the clients have left; and a local process's
 * CPU and memory from /proc when its pid is given. Per process, because a cluster is as
 * good as its busiest process.
 */
import type { LoadTestServer } from "./args.ts";
import { describeError, LoadTestError } from "./errors.ts";
import { histPercentile, readMetrics, type Prom } from "./prom.ts";
import { sampleProc, type ProcSample } from "./proc.ts";
import type { Stats } from "./stats.ts";

export const STATS_SOURCE =
  "/metrics: room tick and event-loop lag histograms (p50/p99 are bucket upper bounds), process CPU seconds and resident memory; with --server-pid, CPU and RSS come from /proc/PID instead";

/** One process's figures over the run. */
export interface ProcessFigures {
  /** Event-loop p99 over the whole run, and over the played window. */
  readonly loopP99: number | null;
  readonly loopP99Played: number | null;
  readonly cpu: number | null;
  readonly rss: number | null;
  readonly rssMax: number | null;
  readonly rooms: number;
}

export class ServerWatch {
  /** Scrapes of every process, in `servers` order. A failed scrape leaves the one before in place. */
  before: Prom[] = [];
  start: Prom[] = [];
  during: Prom[] = [];
  after: Prom[] = [];
  beforeAt = 0;
  afterAt = 0;
  private readonly procStart: (ProcSample | null)[];
  private readonly procEnd: (ProcSample | null)[];
  private readonly rssMax: number[];

  constructor(readonly servers: readonly LoadTestServer[]) {
    this.procStart = servers.map(() => null);
    this.procEnd = servers.map(() => null);
    this.rssMax = servers.map(() => 0);
  }

  private readAll(): Promise<Prom[]> {
    return Promise.all(this.servers.map((x) => readMetrics(x.url)));
  }

  /** The first scrape: a server that does not answer stops the run. */
  async readBefore(): Promise<void> {
    this.before = await this.readAll();
    this.start = this.during = this.after = this.before;
    this.beforeAt = this.afterAt = performance.now();
  }

  async readStart(stats: Stats): Promise<void> {
    await this.read(stats, (p) => (this.start = p));
  }

  async readDuring(stats: Stats): Promise<void> {
    await this.read(stats, (p) => (this.during = this.after = p));
  }

  async readAfter(stats: Stats): Promise<void> {
    await this.read(stats, (p) => {
      this.after = p;
      this.afterAt = performance.now();
    });
  }

  private async read(stats: Stats, keep: (p: Prom[]) => void): Promise<void> {
    try {
      keep(await this.readAll());
    } catch (err) {
      stats.error(`reading /metrics: ${describeError(err)}`);
    }
  }

  /** The played window opens: CPU and memory of each process with a pid. */
  openWindow(): void {
    this.servers.forEach((x, i) => {
      if (x.pid === null) return;
      this.procStart[i] = sampleProc(x.pid);
      if (!this.procStart[i])
        throw new LoadTestError(`Cannot read /proc/${x.pid}: is --server-pid the server's process id on this machine?`);
      this.rssMax[i] = this.procStart[i]!.rssMb;
    });
  }

  /** Once a second during the window: the largest resident memory so far. */
  sampleMemory(): void {
    this.servers.forEach((x, i) => {
      if (x.pid !== null) this.rssMax[i] = Math.max(this.rssMax[i]!, sampleProc(x.pid)?.rssMb ?? 0);
    });
  }

  closeWindow(): void {
    this.servers.forEach((x, i) => {
      if (x.pid === null) return;
      this.procEnd[i] = sampleProc(x.pid);
      this.rssMax[i] = Math.max(this.rssMax[i]!, this.procEnd[i]?.rssMb ?? 0);
    });
  }

  perProcess(): ProcessFigures[] {
    return this.servers.map((x, i) => {
      const before = this.before[i]!;
      const after = this.after[i]!;
      const d = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
      const ps = this.procStart[i];
      const pe = this.procEnd[i];
      const cpu =
        ps && pe
          ? ((pe.cpuSeconds - ps.cpuSeconds) / ((pe.at - ps.at) / 1000)) * 100
          : after.has("process_cpu_seconds_total") && this.afterAt > this.beforeAt
            ? (d("process_cpu_seconds_total") / ((this.afterAt - this.beforeAt) / 1000)) * 100
            : null;
      const rss = pe
        ? pe.rssMb
        : after.has("process_resident_memory_bytes")
          ? after.get("process_resident_memory_bytes")! / 1024 / 1024
          : null;
      return {
        loopP99: histPercentile(before, after, 99, "overcommit_event_loop_lag_ms"),
        loopP99Played: histPercentile(this.start[i]!, this.during[i]!, 99, "overcommit_event_loop_lag_ms"),
        cpu,
        rss,
        rssMax: x.pid !== null && this.rssMax[i]! > 0 ? this.rssMax[i]! : null,
        rooms: this.during[i]!.get("overcommit_rooms") ?? 0,
      };
    });
  }
}
