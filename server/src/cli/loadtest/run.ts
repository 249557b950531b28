/**
 * The load test itself (`runLoadTest`), used by the CLI (../loadtest.ts), the capacity
 * search and the test: real colyseus.js clients against a running server on this machine.
 *
 * For each class: POST /api/classrooms, a host client, S student clients (classrooms.ts);
 * the hosts start their rounds together and the played window opens (window.ts). Each
 * student plays its shadow of its cluster with a bot (student.ts, shadow.ts). After the
 * played window the tool stops sending, the hosts end their rounds, every shadow is checked
 * against the server's final cluster, and everyone leaves.
 *
 * Measured (figures.ts): join failures, commands, replies, refusals by code, errors
 * (dropped sockets, reply timeouts, failed starts), command RTT, bytes received per student
 * socket (bytes.ts), the lag of each student's state tick behind its class, whether every
 * student kept up (keepingUp.ts), the servers' /metrics and a local server process's CPU
 * and memory (serverWatch.ts), and this process's CPU and event-loop delay.
 *
 * With `servers` (several processes of one cluster on one Redis), students join through
 * each process in turn, and the server figures are read from every process: the event-loop
 * p99, CPU and RSS reported are the worst process's.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { getScenario, type Scenario } from "@overcommit/shared";
import { checkLoadTestOptions, checkServerUrl, type LoadTestOptions, type LoadTestServer } from "./args.ts";
import { createClassrooms, endRounds, joinEveryone, newClasses, startRounds, type Klass } from "./classrooms.ts";
import { wsUrl, type Conn } from "./conn.ts";
import { describeError, LoadTestError, sleep } from "./errors.ts";
import { figures, type LoadTestResult } from "./figures.ts";
import { ServerWatch } from "./serverWatch.ts";
import { Stats } from "./stats.ts";
import type { Play, Student } from "./student.ts";
import { PlayedWindow } from "./window.ts";

export async function runLoadTest(
  opts: LoadTestOptions,
  progress: (line: string) => void = () => {},
): Promise<LoadTestResult> {
  const problem = checkLoadTestOptions(opts);
  if (problem) throw new LoadTestError(problem);
  const url = checkServerUrl(opts.url);
  if (!url.ok) throw new LoadTestError(url.error);
  const base = url.url;
  const t0 = performance.now();
  const scenario = await sameScenario(base, opts.scenario);

  // Every process of the cluster: the one at --url first.
  const servers: LoadTestServer[] = [{ url: base, pid: opts.serverPid }];
  for (const x of opts.servers ?? []) {
    const u = checkServerUrl(x.url);
    if (!u.ok) throw new LoadTestError(u.error);
    servers.push({ url: u.url, pid: x.pid });
  }
  const watch = new ServerWatch(servers);
  await watch.readBefore();
  const play: Play = { stats: new Stats(), window: new PlayedWindow(), scenario, seed: opts.seed };
  const { stats, window } = play;
  const classes = newClasses(opts.classes);

  await createClassrooms(classes, servers, opts);
  progress(`created ${classes.length} classrooms`);
  await joinEveryone(
    classes,
    servers.map((x) => wsUrl(x.url)),
    opts,
    play,
  );
  progress(
    `joined ${stats.hostsConnected} hosts and ${stats.studentsConnected} students (${stats.clientsFailed} failed)`,
  );

  const students = classes.flatMap((k) => k.students);
  const elMonitor = monitorEventLoopDelay({ resolution: 10 });
  let cpuStart = process.cpuUsage();
  let sampler: NodeJS.Timeout | null = null;
  try {
    await startRounds(classes, play);
    progress(`started ${classes.length} rounds; playing ${opts.seconds} s`);
    await watch.readStart(stats);
    window.start = performance.now();
    window.measuring = true;
    cpuStart = process.cpuUsage();
    elMonitor.enable();
    for (const s of students) {
      s.bytes.open();
      s.keep.open(s.tick);
    }
    watch.openWindow();
    sampler = setInterval(() => {
      stats.maxTickLag = Math.max(stats.maxTickLag, tickLag(classes));
      watch.sampleMemory();
    }, 1000);

    await sleep(opts.seconds * 1000);
    window.measuring = false;
    window.end = performance.now();
    for (const s of students) s.keep.close(s.tick, window, s.roundOver);

    // Stop sending; let the commands in flight come back.
    window.stopping = true;
    for (const s of students) s.stopTurns();
    const until = performance.now() + 5000;
    while (students.some((s) => s.waiting && !s.dropped) && performance.now() < until) await sleep(20);
  } finally {
    window.stopping = true;
    if (sampler) clearInterval(sampler);
    elMonitor.disable();
  }
  const wall = (performance.now() - window.start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  for (const s of students) s.bytes.close();
  watch.closeWindow();
  await watch.readDuring(stats);

  // Clean up: end every round, check the shadows, then everyone leaves.
  await endRounds(classes, play);
  for (const s of students) s.forgetInflight();
  const { checked, mismatches } = await checkShadows(students);
  await leaveAll(classes);
  await watch.readAfter(stats);

  return figures({
    opts,
    base,
    stats,
    students,
    window,
    t0,
    wall,
    watch,
    shadowChecked: checked,
    shadowMismatches: mismatches,
    tool: { cpu, loopP99Ms: elMonitor.percentile(99) / 1e6, loopMaxMs: elMonitor.max / 1e6 },
  });
}

/** The scenario: the server's catalog decides; the shadows need the same version locally. */
async function sameScenario(base: string, id: string): Promise<Scenario> {
  let listed: { scenarios: { id: string; version: number }[] };
  try {
    const res = await fetch(`${base}/api/scenarios`);
    listed = (await res.json()) as typeof listed;
  } catch (err) {
    throw new LoadTestError(`Cannot reach the server at ${base}: ${describeError(err)}`);
  }
  const remote = listed.scenarios?.find((s) => s.id === id);
  if (!remote)
    throw new LoadTestError(
      `The server has no scenario "${id}". It has: ${(listed.scenarios ?? []).map((s) => s.id).join(", ")}.`,
    );
  const local: Scenario | undefined = getScenario(id);
  if (!local || local.version !== remote.version) {
    throw new LoadTestError(
      `The server's scenario "${id}" (version ${remote.version}) is not the one this checkout has (${local ? `version ${local.version}` : "missing"}); the bots' shadow worlds would not match.`,
    );
  }
  return local;
}

/** How far the furthest-behind connected student's state tick is behind its class's furthest ahead. */
function tickLag(classes: readonly Klass[]): number {
  let lag = 0;
  for (const k of classes) {
    const ticks = k.students.filter((s) => !s.dropped).map((s) => s.tick);
    let top = 0;
    for (const t of ticks) top = Math.max(top, t);
    for (const t of ticks) lag = Math.max(lag, top - t);
  }
  return lag;
}

/** The shadows must be the server's clusters: at the end every cluster is mirrored exactly. */
async function checkShadows(students: readonly Student[]): Promise<{ checked: number; mismatches: number }> {
  const stateOf = (s: Student) =>
    s.conn.room.state as
      { phase?: string; clusters?: { values(): Iterable<{ tick: number; money: number }> } } | undefined;
  const endBy = performance.now() + 5000;
  while (students.some((s) => !s.dropped && s.hasShadow && stateOf(s)?.phase !== "ended") && performance.now() < endBy)
    await sleep(20);
  let checked = 0;
  let mismatches = 0;
  for (const s of students) {
    const st = stateOf(s);
    if (s.dropped || !s.hasShadow || st?.phase !== "ended" || !st.clusters) continue;
    for (const cs of st.clusters.values()) {
      checked++;
      if (!s.matches(cs)) mismatches++;
    }
  }
  return { checked, mismatches };
}

async function leaveAll(classes: readonly Klass[]): Promise<void> {
  const conns: Conn[] = [
    ...classes.flatMap((k) => (k.host ? [k.host] : [])),
    ...classes.flatMap((k) => k.students.map((s) => s.conn)),
  ];
  await Promise.all(
    conns.map(async (c) => {
      c.leaving = true;
      try {
        await Promise.race([c.room.leave(true), sleep(5000)]);
      } catch {
        // already closed
      }
    }),
  );
}
