/**
 * Process-wide counters, a tick-time histogram, the event loop's lag and the process's CPU
 * and memory, rendered in the Prometheus text format at /metrics. Rooms report into it;
 * nothing here knows about Colyseus.
 *
 * Event-loop lag: a timer that should fire every 20 ms records how late it fires, into a
 * cumulative histogram, so a reader (the load test) gets the percentiles of any window
 * from two scrapes.
 */
export const TICK_BUCKETS_MS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
// 30 and 40 resolve the approach to the 50 ms capacity target (npm run loadtest -- --find-capacity).
export const LOOP_BUCKETS_MS = [1, 2, 5, 10, 20, 30, 40, 50, 75, 100, 250, 500, 1000] as const;
const LOOP_PROBE_MS = 20;

/** Appends to a sample list that keeps its latest 10,000–20,000 entries. */
function pushBounded(samples: number[], v: number): void {
  if (samples.length >= 20_000) samples.splice(0, 10_000);
  samples.push(v);
}

export class Metrics {
  rooms = 0;
  clients = 0;
  commands = 0;
  readonly refusals = new Map<string, number>();
  ticks = 0;
  tickMsSum = 0;
  readonly tickBuckets = new Array<number>(TICK_BUCKETS_MS.length).fill(0);
  /** The latest tick times (ms), for percentiles in benchmarks; bounded. */
  readonly tickSamples: number[] = [];
  /** The same ticks less the time the thread waited for a CPU (config measureTickCpu). */
  readonly tickCpuSamples: number[] = [];
  soloRuns = 0;
  soloRefused = 0;
  loopSamples = 0;
  loopLagSum = 0;
  readonly loopBuckets = new Array<number>(LOOP_BUCKETS_MS.length).fill(0);
  private loopTimer: ReturnType<typeof setInterval> | null = null;

  /** Starts measuring the event loop's lag (stop() ends it). */
  watchEventLoop(): void {
    if (this.loopTimer) return;
    let expected = performance.now() + LOOP_PROBE_MS;
    this.loopTimer = setInterval(() => {
      const now = performance.now();
      const lag = Math.max(0, now - expected);
      expected = now + LOOP_PROBE_MS;
      this.loopSamples++;
      this.loopLagSum += lag;
      for (let k = 0; k < LOOP_BUCKETS_MS.length; k++) if (lag <= LOOP_BUCKETS_MS[k]!) this.loopBuckets[k]!++;
    }, LOOP_PROBE_MS);
    this.loopTimer.unref();
  }

  stop(): void {
    if (this.loopTimer) clearInterval(this.loopTimer);
    this.loopTimer = null;
  }

  refused(code: string): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  tick(ms: number, ownMs?: number): void {
    this.ticks++;
    this.tickMsSum += ms;
    pushBounded(this.tickSamples, ms);
    if (ownMs !== undefined) pushBounded(this.tickCpuSamples, ownMs);
    for (let k = 0; k < TICK_BUCKETS_MS.length; k++) if (ms <= TICK_BUCKETS_MS[k]!) this.tickBuckets[k]!++;
  }

  render(): string {
    const l: string[] = [];
    const gauge = (name: string, help: string, v: number) =>
      l.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${v}`);
    const counter = (name: string, help: string, v: number) =>
      l.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${v}`);
    gauge("overcommit_rooms", "Classroom rooms alive in this process.", this.rooms);
    gauge("overcommit_clients", "Clients connected to classroom rooms.", this.clients);
    counter("overcommit_commands_total", "Player and instructor commands received.", this.commands);
    l.push(
      "# HELP overcommit_refusals_total Commands and messages refused, by code.",
      "# TYPE overcommit_refusals_total counter",
    );
    for (const [code, n] of [...this.refusals].sort()) l.push(`overcommit_refusals_total{code="${code}"} ${n}`);
    l.push(
      "# HELP overcommit_room_tick_ms Server time per room tick (all clusters of a room), milliseconds.",
      "# TYPE overcommit_room_tick_ms histogram",
    );
    TICK_BUCKETS_MS.forEach((b, k) => l.push(`overcommit_room_tick_ms_bucket{le="${b}"} ${this.tickBuckets[k]}`));
    l.push(
      `overcommit_room_tick_ms_bucket{le="+Inf"} ${this.ticks}`,
      `overcommit_room_tick_ms_sum ${this.tickMsSum.toFixed(3)}`,
      `overcommit_room_tick_ms_count ${this.ticks}`,
    );
    l.push(
      "# HELP overcommit_event_loop_lag_ms How late a 20 ms timer fires: the event loop's lag, milliseconds.",
      "# TYPE overcommit_event_loop_lag_ms histogram",
    );
    LOOP_BUCKETS_MS.forEach((b, k) => l.push(`overcommit_event_loop_lag_ms_bucket{le="${b}"} ${this.loopBuckets[k]}`));
    l.push(
      `overcommit_event_loop_lag_ms_bucket{le="+Inf"} ${this.loopSamples}`,
      `overcommit_event_loop_lag_ms_sum ${this.loopLagSum.toFixed(3)}`,
      `overcommit_event_loop_lag_ms_count ${this.loopSamples}`,
    );
    const cpu = process.cpuUsage();
    counter(
      "process_cpu_seconds_total",
      "CPU time this process has used, seconds.",
      Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
    );
    const mem = process.memoryUsage();
    gauge("process_resident_memory_bytes", "Resident memory of this process, bytes.", mem.rss);
    // The JS heap in use: what a leak of rooms grows (RSS also holds freed pages V8 keeps).
    gauge("process_heap_used_bytes", "V8 heap in use by this process, bytes.", mem.heapUsed);
    counter("overcommit_solo_runs_verified_total", "Solo runs re-simulated and recorded.", this.soloRuns);
    counter("overcommit_solo_runs_refused_total", "Solo runs refused (bad or tampered replays).", this.soloRefused);
    return `${l.join("\n")}\n`;
  }
}
