/**
 * The capacity search (`npm run loadtest -- --find-capacity --students 40 ...`): the largest
 * number of classrooms that one server process (or P processes on one Redis) holds with the
 * server's event-loop p99 at most the target (50 ms) and no student starved (see
 * run.ts for the definition).
 *
 * Each step is one ordinary load test (runLoadTest) against freshly started server
 * processes: a new DATA_DIR and, with several processes, a new redis-server, so that a step
 * is not measured on the rooms of the one before (ended rooms stay in memory for 30
 * minutes). Steps double from --start-classes until one fails or --max-classes holds, then
 * halve the gap between the last count that held and the first that failed, down to one
 * classroom (or until --budget-seconds is spent).
 *
 * On a machine with spare CPUs, each server process is pinned to a CPU of its own and the
 * load tool to the rest (Linux taskset), so that the thousand clients the tool plays do not
 * take the server's core; with fewer CPUs than processes + 1 the tool runs unpinned and the
 * result says so. With --url the steps all load that one running server, unpinned.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CapacityOptions, LoadTestOptions } from "./args.ts";
import { LoadTestError } from "./errors.ts";
import type { LoadTestResult } from "./figures.ts";
import { runLoadTest } from "./run.ts";
import { freePort } from "../../freePort.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
/** A step's load tool counts as saturated (its figures undercount what the server could do) above these. */
const TOOL_CPU_SATURATED = 90;
const TOOL_LOOP_SATURATED_MS = 100;

export interface Step {
  readonly classes: number;
  readonly held: boolean;
  /** Why it did not hold, in a few words ("" when it held). */
  readonly why: string;
  readonly seconds: number;
  readonly result: LoadTestResult;
}

export interface Cluster {
  readonly urls: readonly string[];
  readonly pids: readonly (number | null)[];
  stop(): Promise<void>;
}

// ---- judging a step ----

/** The reasons a step did not hold (empty: it held). */
export function judge(r: LoadTestResult, loopP99Ms: number): string[] {
  const why: string[] = [];
  const n = (k: string) => (typeof r[k] === "number" ? (r[k] as number) : null);
  if ((n("clients_failed") ?? 0) > 0) why.push(`${n("clients_failed")} clients could not join`);
  if ((n("errors") ?? 0) > 0) why.push(`${n("errors")} errors (${String(r["first_error"] ?? "").slice(0, 80)})`);
  const loop = n("server_event_loop_p99_played_ms");
  if (loop === null) why.push("server event-loop p99 beyond 1000 ms or unknown");
  else if (loop > loopP99Ms) why.push(`server event-loop p99 ${loop} ms > ${loopP99Ms} ms`);
  if ((n("students_starved") ?? 0) > 0)
    why.push(
      `${n("students_starved")} students starved (longest patch gap ${n("state_gap_max_ms")} ms, least tick share ${n("state_tick_share_min")}, slowest reply ${n("cmd_rtt_max_ms")} ms)`,
    );
  return why;
}

export function toolSaturated(r: LoadTestResult): boolean {
  const cpu = typeof r["loadtest_cpu_percent"] === "number" ? r["loadtest_cpu_percent"] : 0;
  const loop = typeof r["loadtest_event_loop_p99_ms"] === "number" ? r["loadtest_event_loop_p99_ms"] : 0;
  return cpu >= TOOL_CPU_SATURATED || loop > TOOL_LOOP_SATURATED_MS;
}

// ---- processes ----

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

const hasTaskset = (): boolean => process.platform === "linux" && spawnSync("taskset", ["-V"]).status === 0;

/** Which CPU each server process gets and which CPUs the load tool keeps (null: unpinned). */
export function pinPlan(
  processes: number,
  cpus: number,
  pin: boolean,
): { servers: (number | null)[]; tool: string | null; note: string } {
  if (!pin) return { servers: Array(processes).fill(null), tool: null, note: "unpinned (--no-pin)" };
  if (cpus < processes)
    return {
      servers: Array(processes).fill(null),
      tool: null,
      note: `unpinned (${cpus} CPUs for ${processes} server processes)`,
    };
  const servers = Array.from({ length: processes }, (_, i) => i);
  const where = processes === 1 ? "the server on CPU 0" : `server process i on CPU i (0–${processes - 1})`;
  if (cpus === processes)
    return { servers, tool: null, note: `${where}; the load tool shares all ${cpus} CPUs with them` };
  const tool = cpus - 1 === processes ? String(processes) : `${processes}-${cpus - 1}`;
  return { servers, tool, note: `${where}; the load tool on CPU ${tool}` };
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new LoadTestError(`The server at ${url} exited (${child.exitCode}) while starting: ${log()}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until)
      throw new LoadTestError(`The server at ${url} did not answer /healthz within 60 s: ${log()}`);
    await sleep(200);
  }
}

function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => c.kill("SIGKILL"), 10_000);
    c.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    c.kill("SIGTERM");
  });
}

/**
 * Starts P server processes on free loopback ports (one fresh DATA_DIR; with P > 1 a fresh
 * redis-server they share, and PUBLIC_ADDRESS per process, as `npm run cluster` does).
 */
export async function startCluster(processes: number, cpuOf: readonly (number | null)[]): Promise<Cluster> {
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "overcommit-capacity-"));
  const taskset = cpuOf.some((c) => c !== null);
  const stop = async () => {
    // Servers first (they deregister from Redis), then Redis.
    await Promise.all(children.slice(processes > 1 ? 1 : 0).map(stopChild));
    if (processes > 1 && children[0]) await stopChild(children[0]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    let redisUrl = "";
    if (processes > 1) {
      if (spawnSync("redis-server", ["--version"]).status !== 0)
        throw new LoadTestError("--processes 2 or more needs redis-server (apt-get install redis-server).");
      const port = await freePort();
      children.push(
        spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
          stdio: "ignore",
        }),
      );
      redisUrl = `redis://127.0.0.1:${port}`;
      await sleep(300);
    }
    const urls: string[] = [];
    for (let i = 0; i < processes; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const env = {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        // Every step creates its classrooms at once from 127.0.0.1.
        CLASSROOM_CREATE_BURST: "1000",
        ...(redisUrl ? { REDIS_URL: redisUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}` } : { REDIS_URL: "" }),
      };
      const node = [process.execPath, "--import", "tsx", join(ROOT, "server", "src", "main.ts")];
      const cpu = cpuOf[i] ?? null;
      // taskset execs node in place, so the child's pid is the server's.
      const [cmd, ...args] = taskset && cpu !== null ? ["taskset", "-c", String(cpu), ...node] : node;
      const child = spawn(cmd!, args, { cwd: join(ROOT, "server"), env, stdio: ["ignore", "pipe", "pipe"] });
      let tail = "";
      const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-2000));
      child.stdout!.on("data", keep);
      child.stderr!.on("data", keep);
      children.push(child);
      // One after the other: the second opens a database the first has migrated.
      await waitHealthy(url, child, () => tail.trim().slice(-400));
      urls.push(url);
    }
    const servers = children.slice(processes > 1 ? 1 : 0);
    return { urls, pids: servers.map((c) => c.pid ?? null), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Pins this process (every thread) to CPUs, returning how to undo it; a no-op when it cannot. */
function pinSelf(cpus: string | null): () => void {
  if (cpus === null) return () => {};
  const was = /:\s*([0-9a-f,]+)\s*$/i.exec(
    spawnSync("taskset", ["-p", String(process.pid)], { encoding: "utf8" }).stdout ?? "",
  )?.[1];
  if (spawnSync("taskset", ["-a", "-p", "-c", cpus, String(process.pid)], { stdio: "ignore" }).status !== 0)
    return () => {};
  return () => {
    if (was) spawnSync("taskset", ["-a", "-p", was, String(process.pid)], { stdio: "ignore" });
  };
}

// ---- the search ----

export async function findCapacity(
  o: CapacityOptions,
  progress: (line: string) => void = () => {},
): Promise<{ result: LoadTestResult; steps: Step[] }> {
  const t0 = performance.now();
  const cpus = availableParallelism();
  const plan = o.url === null && hasTaskset() ? pinPlan(o.processes, cpus, o.pin) : pinPlan(o.processes, cpus, false);
  const pinning =
    o.url !== null
      ? "unpinned (--url: a server this tool did not start)"
      : !hasTaskset() && o.pin
        ? "unpinned (no taskset on this machine)"
        : plan.note;
  const unpin = o.url === null ? pinSelf(plan.tool) : () => {};
  const steps: Step[] = [];
  const tried = new Map<number, Step>();
  let lastSeconds = 0;
  let lastClasses = 0;
  let budgetHit = false;

  const step = async (classes: number): Promise<Step> => {
    const known = tried.get(classes);
    if (known) return known;
    const started = performance.now();
    const cluster: Cluster =
      o.url !== null
        ? { urls: [o.url], pids: [o.serverPid], stop: async () => {} }
        : await startCluster(o.processes, plan.servers);
    let result: LoadTestResult;
    try {
      const options: LoadTestOptions = {
        classes,
        students: o.students,
        seconds: o.seconds,
        speed: o.speed,
        url: cluster.urls[0]!,
        scenario: o.scenario,
        seed: o.seed,
        bot: o.bot,
        serverPid: cluster.pids[0] ?? null,
        json: true,
        servers: cluster.urls.slice(1).map((url, i) => ({ url, pid: cluster.pids[i + 1] ?? null })),
      };
      progress(`step: ${classes} classrooms × ${o.students} students on ${o.processes} process(es), ${o.seconds} s`);
      result = await runLoadTest(options);
    } finally {
      await cluster.stop();
    }
    const why = judge(result, o.loopP99Ms);
    const s: Step = {
      classes,
      held: why.length === 0,
      why: why.join("; "),
      seconds: (performance.now() - started) / 1000,
      result,
    };
    progress(
      `step: ${classes} classrooms ${s.held ? "held" : `did not hold: ${s.why}`} (event-loop p99 ${String(result["server_event_loop_p99_played_ms"])} ms, CPU ${String(result["server_cpu_percent"])} %, ${s.seconds.toFixed(0)} s)`,
    );
    steps.push(s);
    tried.set(classes, s);
    lastSeconds = s.seconds;
    lastClasses = classes;
    return s;
  };
  /** Whether a step of this size is likely to finish inside the budget (the first one always runs). */
  const affordable = (classes: number): boolean => {
    if (o.budgetSeconds === null || steps.length === 0) return true;
    const guess = lastSeconds * Math.max(1, classes / Math.max(1, lastClasses));
    const ok = (performance.now() - t0) / 1000 + guess <= o.budgetSeconds;
    if (!ok) budgetHit = true;
    return ok;
  };

  let held = 0;
  let failed: number | null = null;
  try {
    // Up: double until a step fails or the largest count holds.
    for (let n = o.startClasses; ; n = Math.min(o.maxClasses, n * 2)) {
      if (!affordable(n)) break;
      const s = await step(n);
      if (!s.held) {
        failed = n;
        break;
      }
      held = n;
      if (n >= o.maxClasses) break;
    }
    // Then halve the gap between what held and what failed.
    while (failed !== null && failed - held > 1) {
      const mid = Math.floor((held + failed) / 2);
      if (!affordable(mid)) break;
      const s = await step(mid);
      if (s.held) held = mid;
      else failed = mid;
    }
  } finally {
    unpin();
  }

  const best = tried.get(held)?.result ?? null;
  const firstFail = failed !== null ? (tried.get(failed) ?? null) : null;
  const pick = (k: string) => (best ? (best[k] ?? null) : null);
  const saturated = steps.filter((s) => toolSaturated(s.result)).map((s) => s.classes);
  const result: LoadTestResult = {
    mode: "find-capacity",
    processes: o.processes,
    students_per_class: o.students,
    speed: o.speed,
    seconds_per_step: o.seconds,
    loop_p99_target_ms: o.loopP99Ms,
    classes_held: held,
    students_held: held * o.students,
    classes_failed_at: failed,
    // Exact: the next count up failed. Otherwise held is a lower bound (the largest count tried held, or the budget ran out).
    exact: failed !== null && failed - held <= 1,
    stopped_by: budgetHit ? "budget" : failed === null ? "max-classes" : "found",
    first_failure: firstFail ? firstFail.why : null,
    steps: steps.map((s) => `${s.classes}:${s.held ? "held" : "failed"}`).join(" "),
    search_seconds: Math.round((performance.now() - t0) / 1000),
    pinning,
    cpus,
    load_tool_saturated_at: saturated.length > 0 ? saturated.join(" ") : null,
    // The figures of the largest count that held.
    held_server_event_loop_p99_ms: pick("server_event_loop_p99_played_ms"),
    held_server_cpu_percent: pick("server_cpu_percent"),
    held_server_cpu_percent_total: pick("server_cpu_percent_total"),
    held_server_rss_mb: pick("server_rss_max_mb") ?? pick("server_rss_mb"),
    held_server_rooms_by_process: pick("server_rooms_by_process"),
    held_cmd_rtt_p99_ms: pick("cmd_rtt_p99_after_warmup_ms") ?? pick("cmd_rtt_p99_ms"),
    held_bytes_per_client_per_s: pick("bytes_per_client_per_s"),
    held_state_gap_max_ms: pick("state_gap_max_ms"),
    held_loadtest_cpu_percent: pick("loadtest_cpu_percent"),
    held_loadtest_event_loop_p99_ms: pick("loadtest_event_loop_p99_ms"),
  };
  // Every step in one line each, for the table in docs/performance.md.
  for (const s of [...steps].sort((a, b) => a.classes - b.classes)) {
    const r = s.result;
    result[`step_${s.classes}`] =
      `${s.held ? "held" : "failed"}; event-loop p99 ${String(r["server_event_loop_p99_played_ms"])} ms; CPU ${String(r["server_cpu_percent"])} % (all processes ${String(r["server_cpu_percent_total"])} %); ` +
      `RSS ${String(r["server_rss_max_mb"] ?? r["server_rss_mb"])} MB; RTT p99 ${String(r["cmd_rtt_p99_after_warmup_ms"] ?? r["cmd_rtt_p99_ms"])} ms; ${String(r["bytes_per_client_per_s"])} B/client/s; ` +
      `starved ${String(r["students_starved"])}; load tool CPU ${String(r["loadtest_cpu_percent"])} %`;
  }
  return { result, steps };
}
