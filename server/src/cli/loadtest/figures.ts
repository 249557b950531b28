/**
 * A run's figures as one flat object (the CLI's table and its --json): what the clients
 * did and saw, whether every student kept up, what the servers reported, and what the load
 * tool itself cost. The names are the ones docs/performance.md and the capacity search read.
 */
import type { LoadTestOptions } from "./args.ts";
import { BYTES_SOURCE } from "./bytes.ts";
import { STARVED_MEANS, starvation } from "./keepingUp.ts";
import { sumProm, histPercentile } from "./prom.ts";
import { STATS_SOURCE, type ProcessFigures, type ServerWatch } from "./serverWatch.ts";
import { percentile, round1, type Stats } from "./stats.ts";
import type { Student } from "./student.ts";
import type { PlayedWindow } from "./window.ts";

export type LoadTestResult = Record<string, string | number | boolean | null>;

/** Everything a finished run recorded. */
export interface RunRecord {
  readonly opts: LoadTestOptions;
  readonly base: string;
  readonly stats: Stats;
  readonly students: readonly Student[];
  readonly window: PlayedWindow;
  /** When the run started (performance.now()). */
  readonly t0: number;
  /** Seconds from the rounds' start to the end of the window's wind-down. */
  readonly wall: number;
  readonly watch: ServerWatch;
  readonly shadowChecked: number;
  readonly shadowMismatches: number;
  /** The load tool's own process over the window. */
  readonly tool: { readonly cpu: NodeJS.CpuUsage; readonly loopP99Ms: number; readonly loopMaxMs: number };
}

export function figures(run: RunRecord): LoadTestResult {
  const { opts, stats, students, window, wall, watch } = run;
  const sortedRtt = [...stats.rtt].sort((a, b) => a - b);
  const live = students.filter((s) => !s.dropped);
  const per = (f: (s: Student) => number) =>
    live.length > 0 && wall > 0 ? Math.round(live.reduce((n, s) => n + f(s), 0) / live.length / wall) : null;
  const metricsBefore = sumProm(watch.before);
  const metricsDuring = sumProm(watch.during);
  const metricsAfter = sumProm(watch.after);
  const delta = (key: string) => (metricsAfter.get(key) ?? 0) - (metricsBefore.get(key) ?? 0);
  const perServer = watch.perProcess();
  /** The largest of the processes' figures; null when one of them is beyond the histogram (or unknown). */
  const worst = (f: (p: ProcessFigures) => number | null): number | null => {
    const xs = perServer.map(f);
    return xs.some((x) => x === null) ? null : round1(Math.max(...(xs as number[])));
  };
  const known = (f: (p: ProcessFigures) => number | null): number | null => {
    const xs = perServer.map(f).filter((x): x is number => x !== null);
    return xs.length > 0 ? round1(Math.max(...xs)) : null;
  };
  const nominal = window.end > window.start ? (opts.speed * (window.end - window.start)) / 1000 : 0;
  const kept = starvation(students, nominal);
  const ticks = delta("overcommit_room_tick_ms_count");
  const refusalsTotal = [...stats.refusals.values()].reduce((a, b) => a + b, 0);
  const result: LoadTestResult = {
    url: run.base,
    scenario: opts.scenario,
    classes: opts.classes,
    students_per_class: opts.students,
    speed: opts.speed,
    bot: opts.bot,
    played_seconds: round1(wall),
    setup_seconds: round1((window.start - run.t0) / 1000),
    clients_connected: stats.hostsConnected + stats.studentsConnected,
    students_connected: stats.studentsConnected,
    hosts_connected: stats.hostsConnected,
    clients_failed: stats.clientsFailed,
    first_join_failure: stats.firstJoinFailure,
    commands_sent: stats.commandsSent,
    commands_fallback: stats.commandsFallback,
    replies: stats.replies,
    replies_ok: stats.repliesOk,
    refusals: refusalsTotal,
  };
  for (const [code, n] of [...stats.refusals].sort()) result[`refusals_${code.replace(/[^a-z0-9]+/gi, "_")}`] = n;
  Object.assign(result, {
    errors: stats.errors,
    first_error: stats.firstError,
    cmd_rtt_p50_ms: percentile(sortedRtt, 50),
    cmd_rtt_p99_ms: percentile(sortedRtt, 99),
    cmd_rtt_max_ms: percentile(sortedRtt, 100),
    cmd_rtt_p99_after_warmup_ms: percentile(
      [...stats.rttSteady].sort((a, b) => a - b),
      99,
    ),
    bytes_per_client_per_s: per((s) => s.bytes.payloadInWindow),
    wire_bytes_per_client_per_s: students.some((s) => s.bytes.wireKnown) ? per((s) => s.bytes.wireInWindow) : null,
    bytes_measured_as: BYTES_SOURCE,
    state_tick_lag_max: stats.maxTickLag,
    shadow_checked: run.shadowChecked,
    shadow_mismatches: run.shadowMismatches,
    students_starved: kept.starved,
    state_gap_max_ms: Math.round(kept.gapMax),
    state_tick_share_min:
      kept.tickShareMin === null ? null : Math.round(Math.min(kept.tickShareMin, 9.99) * 1000) / 1000,
    starved_means: STARVED_MEANS,
    servers: watch.servers.length,
    server_rooms: metricsDuring.get("overcommit_rooms") ?? null,
    server_rooms_by_process: perServer.map((p) => p.rooms).join("/"),
    server_clients: metricsDuring.get("overcommit_clients") ?? null,
    server_commands: delta("overcommit_commands_total"),
    server_refusals: [...metricsAfter.keys()]
      .filter((k) => k.startsWith("overcommit_refusals_total"))
      .reduce((n, k) => n + delta(k), 0),
    room_ticks: ticks,
    room_tick_mean_ms: ticks > 0 ? Math.round((delta("overcommit_room_tick_ms_sum") / ticks) * 1000) / 1000 : null,
    room_tick_p50_ms: histPercentile(metricsBefore, metricsAfter, 50),
    room_tick_p99_ms: histPercentile(metricsBefore, metricsAfter, 99),
    server_event_loop_p99_ms: worst((p) => p.loopP99),
    server_event_loop_p99_played_ms: worst((p) => p.loopP99Played),
    server_cpu_percent: known((p) => p.cpu),
    server_cpu_percent_total: perServer.every((p) => p.cpu !== null)
      ? round1(perServer.reduce((n, p) => n + p.cpu!, 0))
      : null,
    server_rss_mb: known((p) => p.rss),
    server_rss_max_mb: known((p) => p.rssMax),
    server_stats_source: STATS_SOURCE,
    loadtest_event_loop_p99_ms: round1(run.tool.loopP99Ms),
    loadtest_event_loop_max_ms: round1(run.tool.loopMaxMs),
    loadtest_cpu_percent: wall > 0 ? round1(((run.tool.cpu.user + run.tool.cpu.system) / 1e6 / wall) * 100) : null,
    loadtest_rss_mb: round1(process.memoryUsage().rss / 1024 / 1024),
  });
  return result;
}
