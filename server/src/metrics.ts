/**
 * Process-wide counters and a tick-time histogram, rendered in the Prometheus text format
 * at /metrics. Rooms report into it; nothing here knows about Colyseus.
 */
export const TICK_BUCKETS_MS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

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
  soloRuns = 0;
  soloRefused = 0;

  refused(code: string): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  tick(ms: number): void {
    this.ticks++;
    this.tickMsSum += ms;
    if (this.tickSamples.length >= 20_000) this.tickSamples.splice(0, 10_000);
    this.tickSamples.push(ms);
    for (let k = 0; k < TICK_BUCKETS_MS.length; k++) if (ms <= TICK_BUCKETS_MS[k]!) this.tickBuckets[k]!++;
  }

  render(): string {
    const l: string[] = [];
    const gauge = (name: string, help: string, v: number) => l.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${v}`);
    const counter = (name: string, help: string, v: number) => l.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${v}`);
    gauge("overcommit_rooms", "Classroom rooms alive in this process.", this.rooms);
    gauge("overcommit_clients", "Clients connected to classroom rooms.", this.clients);
    counter("overcommit_commands_total", "Player and instructor commands received.", this.commands);
    l.push("# HELP overcommit_refusals_total Commands and messages refused, by code.", "# TYPE overcommit_refusals_total counter");
    for (const [code, n] of [...this.refusals].sort()) l.push(`overcommit_refusals_total{code="${code}"} ${n}`);
    l.push("# HELP overcommit_room_tick_ms Server time per room tick (all clusters of a room), milliseconds.", "# TYPE overcommit_room_tick_ms histogram");
    TICK_BUCKETS_MS.forEach((b, k) => l.push(`overcommit_room_tick_ms_bucket{le="${b}"} ${this.tickBuckets[k]}`));
    l.push(`overcommit_room_tick_ms_bucket{le="+Inf"} ${this.ticks}`, `overcommit_room_tick_ms_sum ${this.tickMsSum.toFixed(3)}`, `overcommit_room_tick_ms_count ${this.ticks}`);
    counter("overcommit_solo_runs_verified_total", "Solo runs re-simulated and recorded.", this.soloRuns);
    counter("overcommit_solo_runs_refused_total", "Solo runs refused (bad or tampered replays).", this.soloRefused);
    return `${l.join("\n")}\n`;
  }
}
