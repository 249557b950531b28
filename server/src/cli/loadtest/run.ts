/**
 * The load test itself (`runLoadTest`), used by the CLI (loadtest.ts) and by the test: real
 * colyseus.js clients against a running server on this machine.
 *
 * For each class: POST /api/classrooms, a host client, S student clients; the hosts start
 * their rounds together. Each student keeps a shadow world (createWorld + step, same
 * scenario and seed, its own accepted commands re-applied at the tick the reply names, so
 * it is the server's cluster) advanced to the room's tick, asks a shared bot (autopilot or
 * greedy) what to do, and sends one real `cmd` every 3–8 s (think time after the reply,
 * jittered; the first 0.5–5 s after the start); when the bot has nothing to do, it cordons
 * a ready node, and uncordons it on its next turn. Round trips are timed from send to `reply`. After the played window the
 * hosts end their rounds and everyone leaves.
 *
 * Measured: join failures, commands, replies, refusals by code, errors (dropped sockets,
 * reply timeouts, failed starts), command RTT, bytes received per student socket, the lag
 * of each student's state tick behind its class, the server's /metrics (before/after
 * deltas; room tick time from its histogram), this process's CPU and event-loop delay, and
 * a local server process's CPU and memory from /proc when its pid is given.
 *
 * With `servers` (several processes of one cluster on one Redis), students join through
 * each process in turn, and the server figures are read from every process: the event-loop
 * p99, CPU and RSS reported are the worst process's.
 *
 * A student is *starved* (students_starved) when, over the played window, its room's tick
 * as it sees it advanced less than STARVED_TICK_SHARE of the nominal ticks (less two for the
 * window's edges), or two state patches arrived more than STARVED_GAP_MS apart, or one of
 * the commands it sent in the window was answered later than STARVED_REPLY_MS (or not at
 * all), or its connection dropped. That is what "every student keeps up with the class"
 * means on the wire. The window opens once every round has started: the burst of all rounds
 * starting in the same second (and the first commands sent during it) is not judged, but
 * shows in cmd_rtt_max_ms.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Client, type Room } from "colyseus.js";
import { BOTS, createWorld, getScenario, step, type Bot, type Command, type Scenario, type World } from "@overcommit/shared";
import { checkLoadTestOptions, checkServerUrl, type LoadTestOptions, type LoadTestServer } from "./args.ts";

export type LoadTestResult = Record<string, string | number | boolean | null>;

/** Think time between a reply and the next command, ms. */
const THINK_MIN_MS = 3000;
const THINK_MAX_MS = 8000;
/** A reply later than this counts as an error (and that student's shadow may drift). */
const REPLY_TIMEOUT_MS = 10_000;
/** Joins in flight at once. */
const JOIN_CONCURRENCY = 32;
/** Commands sent this long after the rounds started count as steady state. */
const WARMUP_MS = 5000;
/** Starvation thresholds (see the header): share of nominal ticks seen, longest patch gap, slowest reply. */
export const STARVED_TICK_SHARE = 0.9;
export const STARVED_GAP_MS = 2000;
export const STARVED_REPLY_MS = 2000;
const STATS_SOURCE =
  "/metrics: room tick and event-loop lag histograms (p50/p99 are bucket upper bounds), process CPU seconds and resident memory; with --server-pid, CPU and RSS come from /proc/PID instead";
const BYTES_SOURCE = "payload bytes of every WebSocket message received on each student's socket (ws 'message' listener on room.connection.transport.ws) during the played window; wire bytes from the socket's TCP bytesRead";

class LoadTestError extends Error {}

interface Conn {
  readonly room: Room;
  leaving: boolean;
  readonly replies: Map<number, (r: Reply) => void>;
}

interface Reply {
  seq: number;
  ok: boolean;
  code: string;
  message: string;
  tick: number;
}

interface Student {
  readonly classIdx: number;
  readonly conn: Conn;
  readonly bot: Bot;
  readonly bytes: { payload: number };
  readonly socket: { bytesRead: number } | null;
  payloadAtStart: number;
  wireAtStart: number;
  payloadAtEnd: number;
  wireAtEnd: number;
  shadow: World | null;
  /** Commands the server applied (or refused in the engine) by tick, not yet stepped into the shadow. */
  readonly pending: Map<number, Command[]>;
  intent: Command[];
  cordoned: number;
  seq: number;
  /** inWindow: sent during the played window (only those count towards starvation). */
  inflight: { seq: number; sentAt: number; cmd: Command; fallback: boolean; timer: NodeJS.Timeout; inWindow: boolean } | null;
  timer: NodeJS.Timeout | null;
  roundOver: boolean;
  dropped: boolean;
  /** When the last state patch arrived, and the longest wait for one in the played window. */
  patchAt: number;
  gapMax: number;
  tickAtStart: number;
  tickAtEnd: number;
  /** Its round was over when the played window closed (the clean-up ends every round after). */
  overInWindow: boolean;
  /** Replies later than STARVED_REPLY_MS, or none within REPLY_TIMEOUT_MS. */
  slowReplies: number;
}

interface Klass {
  readonly idx: number;
  code: string;
  hostKey: string;
  host: Conn | null;
  readonly students: Student[];
  roundOver: boolean;
}

class Stats {
  clientsFailed = 0;
  hostsConnected = 0;
  studentsConnected = 0;
  commandsSent = 0;
  commandsFallback = 0;
  replies = 0;
  repliesOk = 0;
  readonly refusals = new Map<string, number>();
  errors = 0;
  firstError: string | null = null;
  firstJoinFailure: string | null = null;
  readonly rtt: number[] = [];
  /** Round trips of commands sent after the warm-up (the burst of every round starting at once). */
  readonly rttSteady: number[] = [];
  maxTickLag = 0;

  error(what: string): void {
    this.errors++;
    this.firstError ??= what.slice(0, 200);
  }
}

function rand(min: number, max: number): number {
  return min + Math.random() * (max - min);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[k]! * 10) / 10;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function describeError(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { code?: unknown; message?: unknown };
    const msg = typeof e.message === "string" ? e.message : String(err);
    return e.code !== undefined ? `${String(e.code)} ${msg}` : msg;
  }
  return String(err);
}

// ---- /metrics ----

type Prom = Map<string, number>;

function parseProm(text: string): Prom {
  const m: Prom = new Map();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const sp = line.lastIndexOf(" ");
    if (sp < 0) continue;
    const v = Number(line.slice(sp + 1));
    if (Number.isFinite(v)) m.set(line.slice(0, sp), v);
  }
  return m;
}

async function readMetrics(base: string): Promise<Prom> {
  const res = await fetch(`${base}/metrics`);
  if (!res.ok) throw new LoadTestError(`GET /metrics answered ${res.status}.`);
  return parseProm(await res.text());
}

/** Several processes' scrapes as one: counters, gauges and histogram buckets add up. */
function sumProm(all: readonly Prom[]): Prom {
  if (all.length === 1) return all[0]!;
  const m: Prom = new Map();
  for (const p of all) for (const [k, v] of p) m.set(k, (m.get(k) ?? 0) + v);
  return m;
}

/** Percentile of the room tick histogram between two scrapes: the upper bound of its bucket (null if beyond the last finite one). */
function histPercentile(before: Prom, after: Prom, p: number, name = "overcommit_room_tick_ms"): number | null {
  const total = (after.get(`${name}_count`) ?? 0) - (before.get(`${name}_count`) ?? 0);
  if (total <= 0) return null;
  const bounds: number[] = [];
  for (const key of after.keys()) {
    const m = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\}$`).exec(key);
    if (m && m[1] !== "+Inf") bounds.push(Number(m[1]));
  }
  bounds.sort((a, b) => a - b);
  for (const b of bounds) {
    const key = `${name}_bucket{le="${b}"}`;
    const n = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    if (n >= (p / 100) * total) return b;
  }
  return null;
}

// ---- /proc sampling of a local server process ----

interface ProcSample {
  readonly cpuSeconds: number;
  readonly rssMb: number;
  readonly at: number;
}

function sampleProc(pid: number): ProcSample | null {
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

// ---- clients ----

function socketOf(room: Room): { ws: { addEventListener?: (t: string, f: (e: { data: unknown }) => void) => void; _socket?: { bytesRead: number } } | null } {
  const transport = room.connection?.transport as unknown as { ws?: unknown } | undefined;
  return { ws: (transport?.ws ?? null) as never };
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "string") return Buffer.byteLength(data);
  if (Array.isArray(data)) return data.reduce((n: number, b: unknown) => n + byteLength(b), 0);
  return 0;
}

function wsUrl(base: string): string {
  return base.replace(/^http/, "ws");
}

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function makeConn(room: Room, stats: Stats, onMessage: (type: string, message: any) => void, label: string, onDrop: () => void): Conn {
  const conn: Conn = { room, leaving: false, replies: new Map() };
  room.onMessage("*", (type, message: any) => {
    if (type === "reply" && message && typeof message.seq === "number") {
      const waiter = conn.replies.get(message.seq);
      if (waiter) {
        conn.replies.delete(message.seq);
        waiter(message as Reply);
      }
    }
    try {
      onMessage(String(type), message);
    } catch (err) {
      stats.error(`${label}: handling "${String(type)}" failed: ${describeError(err)}`);
    }
  });
  room.onError((code, message) => stats.error(`${label}: room error ${code} ${message ?? ""}`));
  room.onLeave((code) => {
    if (conn.leaving) return;
    stats.error(`${label}: connection dropped (close code ${code})`);
    onDrop();
  });
  return conn;
}

function ask(conn: Conn, seq: number, type: string, body: Record<string, unknown> = {}, timeoutMs = 5000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      conn.replies.delete(seq);
      reject(new Error(`no reply to "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    conn.replies.set(seq, (r) => {
      clearTimeout(t);
      resolve(r);
    });
    conn.room.send(type, { ...body, seq });
  });
}

// ---- a student's turn ----

function addPending(s: Student, tick: number, cmd: Command): void {
  const list = s.pending.get(tick);
  if (list) list.push(cmd);
  else s.pending.set(tick, [cmd]);
}

/** Steps the shadow world to the room's tick, re-applying this student's commands where the server applied them. */
function advanceShadow(s: Student, target: number): void {
  const w = s.shadow;
  if (!w) return;
  while (w.tick < target && !w.finished) {
    const cmds = s.pending.get(w.tick) ?? [];
    s.pending.delete(w.tick);
    step(w, cmds);
    const want = s.bot.act(w);
    if (want.length > 0) s.intent = want;
  }
}

function chooseCommand(s: Student): { cmd: Command; fallback: boolean } | null {
  const w = s.shadow!;
  if (s.cordoned >= 0) return { cmd: { type: "uncordon", node: s.cordoned }, fallback: true };
  const next = s.intent.shift();
  if (next) return { cmd: next, fallback: false };
  const node = w.nodes.find((n) => n.state === "ready");
  return node ? { cmd: { type: "cordon", node: node.id }, fallback: true } : null;
}

// ---- the run ----

export async function runLoadTest(opts: LoadTestOptions, progress: (line: string) => void = () => {}): Promise<LoadTestResult> {
  const problem = checkLoadTestOptions(opts);
  if (problem) throw new LoadTestError(problem);
  const url = checkServerUrl(opts.url);
  if (!url.ok) throw new LoadTestError(url.error);
  const base = url.url;
  const t0 = performance.now();

  // The scenario: the server's catalog decides; the shadow needs the same version locally.
  let listed: { scenarios: { id: string; version: number }[] };
  try {
    const res = await fetch(`${base}/api/scenarios`);
    listed = (await res.json()) as typeof listed;
  } catch (err) {
    throw new LoadTestError(`Cannot reach the server at ${base}: ${describeError(err)}`);
  }
  const remote = listed.scenarios?.find((s) => s.id === opts.scenario);
  if (!remote) throw new LoadTestError(`The server has no scenario "${opts.scenario}". It has: ${(listed.scenarios ?? []).map((s) => s.id).join(", ")}.`);
  const local: Scenario | undefined = getScenario(opts.scenario);
  if (!local || local.version !== remote.version) {
    throw new LoadTestError(`The server's scenario "${opts.scenario}" (version ${remote.version}) is not the one this checkout has (${local ? `version ${local.version}` : "missing"}); the bots' shadow worlds would not match.`);
  }

  const stats = new Stats();
  // Every process of the cluster: the one at --url first.
  const servers: LoadTestServer[] = [{ url: base, pid: opts.serverPid }];
  for (const x of opts.servers ?? []) {
    const u = checkServerUrl(x.url);
    if (!u.ok) throw new LoadTestError(u.error);
    servers.push({ url: u.url, pid: x.pid });
  }
  const readAll = (): Promise<Prom[]> => Promise.all(servers.map((x) => readMetrics(x.url)));
  const metricsBeforeAll = await readAll();
  const metricsBefore = sumProm(metricsBeforeAll);
  const metricsBeforeAt = performance.now();
  const endpoints = servers.map((x) => wsUrl(x.url));
  const classes: Klass[] = Array.from({ length: opts.classes }, (_, idx) => ({ idx, code: "", hostKey: "", host: null, students: [], roundOver: false }));
  let stopping = false;
  /** True during the played window: patch gaps count. */
  let measuring = false;
  let windowEnd = 0;
  /** When the rounds started (the played window). */
  let wallStart = performance.now();
  let hostSeq = 1;

  // 1. Classrooms over HTTP (the route allows a burst of 30 per address, then one per 2 s).
  for (const k of classes) {
    for (let attempt = 0; ; attempt++) {
      // Through each process in turn: Colyseus places a room on the process with the fewest
      // rooms as it last heard (counts reach Redis at most once a second), so creating them
      // all through one process piles a quick burst onto one other process.
      const res = await fetch(`${servers[k.idx % servers.length]!.url}/api/classrooms`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: opts.scenario, seed: opts.seed, speed: opts.speed }) });
      if (res.status === 201) {
        const body = (await res.json()) as { code: string; hostKey: string };
        k.code = body.code;
        k.hostKey = body.hostKey;
        break;
      }
      if (res.status === 429 && attempt < 10) {
        await sleep(2100);
        continue;
      }
      throw new LoadTestError(`POST /api/classrooms answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    }
  }
  progress(`created ${classes.length} classrooms`);

  // 2. Hosts and students join.
  const jobs: { k: Klass; student: number }[] = [];
  for (const k of classes) {
    jobs.push({ k, student: -1 });
    for (let i = 0; i < opts.students; i++) jobs.push({ k, student: i });
  }
  let joinCount = 0;
  await pool(jobs, JOIN_CONCURRENCY, async ({ k, student }) => {
    // Through each process in turn: a process that does not own the room sends the client on.
    const endpoint = endpoints[joinCount++ % endpoints.length]!;
    const label = student < 0 ? `class ${k.idx} host` : `class ${k.idx} student ${student}`;
    const options = student < 0 ? { code: k.code, hostKey: k.hostKey } : { code: k.code, nickname: `lt${student}` };
    let room: Room;
    try {
      room = await new Client(endpoint).join("classroom", options);
    } catch (err) {
      stats.clientsFailed++;
      stats.firstJoinFailure ??= `${label}: ${describeError(err)}`.slice(0, 200);
      return;
    }
    if (student < 0) {
      k.host = makeConn(room, stats, (type) => {
        if (type === "round-over") k.roundOver = true;
      }, label, () => {});
      stats.hostsConnected++;
      return;
    }
    const ws = socketOf(room).ws;
    const bytes = { payload: 0 };
    ws?.addEventListener?.("message", (e) => {
      bytes.payload += byteLength(e.data);
    });
    const botName = opts.bot === "mix" ? (student % 2 === 0 ? "autopilot" : "greedy") : opts.bot;
    const s: Student = {
      classIdx: k.idx,
      conn: null as unknown as Conn,
      bot: BOTS[botName],
      bytes,
      socket: ws?._socket ?? null,
      payloadAtStart: 0,
      wireAtStart: 0,
      payloadAtEnd: 0,
      wireAtEnd: 0,
      shadow: null,
      pending: new Map(),
      intent: [],
      cordoned: -1,
      seq: 1,
      inflight: null,
      timer: null,
      roundOver: false,
      dropped: false,
      patchAt: 0,
      gapMax: 0,
      tickAtStart: 0,
      tickAtEnd: 0,
      overInWindow: false,
      slowReplies: 0,
    };
    room.onStateChange(() => {
      const now = performance.now();
      if (measuring && !s.roundOver) s.gapMax = Math.max(s.gapMax, now - Math.max(s.patchAt, wallStart));
      s.patchAt = now;
    });
    (s as { conn: Conn }).conn = makeConn(room, stats, (type, message) => onStudentMessage(s, type, message), label, () => {
      s.dropped = true;
      if (s.timer) clearTimeout(s.timer);
    });
    k.students.push(s);
    stats.studentsConnected++;
  });
  progress(`joined ${stats.hostsConnected} hosts and ${stats.studentsConnected} students (${stats.clientsFailed} failed)`);

  function schedule(s: Student, ms: number): void {
    if (stopping || s.roundOver || s.dropped) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = null;
      turn(s);
    }, ms);
  }

  function turn(s: Student): void {
    if (stopping || s.roundOver || s.dropped || !s.shadow || s.inflight) return;
    const roomTick = Number((s.conn.room.state as { tick?: number } | undefined)?.tick ?? 0);
    advanceShadow(s, roomTick);
    const choice = chooseCommand(s);
    if (!choice) return schedule(s, rand(THINK_MIN_MS, THINK_MAX_MS));
    const seq = s.seq++;
    const timer = setTimeout(() => {
      if (s.inflight?.seq !== seq) return;
      stats.error(`class ${s.classIdx}: no reply to command ${seq} within ${REPLY_TIMEOUT_MS} ms`);
      if (s.inflight.inWindow) s.slowReplies++;
      s.inflight = null;
      schedule(s, rand(THINK_MIN_MS, THINK_MAX_MS));
    }, REPLY_TIMEOUT_MS);
    s.inflight = { seq, sentAt: performance.now(), cmd: choice.cmd, fallback: choice.fallback, timer, inWindow: measuring };
    stats.commandsSent++;
    if (choice.fallback) stats.commandsFallback++;
    s.conn.room.send("cmd", { seq, cmd: choice.cmd });
  }

  function onStudentMessage(s: Student, type: string, message: any): void {
    if (type === "cluster" || (type === "welcome" && message?.cluster)) {
      if (!s.shadow) {
        s.shadow = createWorld(local!, opts.seed);
        const first = s.bot.act(s.shadow);
        if (first.length > 0) s.intent = first;
        schedule(s, rand(500, 5000));
      }
      return;
    }
    if (type === "round-over") {
      s.roundOver = true;
      if (s.timer) clearTimeout(s.timer);
      return;
    }
    if (type !== "reply") return;
    const r = message as Reply;
    const f = s.inflight;
    if (!f || r.seq !== f.seq) return;
    clearTimeout(f.timer);
    s.inflight = null;
    stats.replies++;
    const rtt = performance.now() - f.sentAt;
    stats.rtt.push(rtt);
    if (rtt > STARVED_REPLY_MS && f.inWindow) s.slowReplies++;
    // Steady: sent in the played window, after its warm-up (before the window opens, wallStart
    // is still the run's start, so the start burst's commands must be kept out explicitly).
    if (f.inWindow && f.sentAt - wallStart >= WARMUP_MS) stats.rttSteady.push(rtt);
    if (r.ok) stats.repliesOk++;
    else stats.refusals.set(r.code, (stats.refusals.get(r.code) ?? 0) + 1);
    // Applied (or refused) by the engine at r.tick: the shadow does the same there.
    if (r.tick >= 0) addPending(s, r.tick, f.cmd);
    if (r.ok && f.cmd.type === "cordon") s.cordoned = f.cmd.node;
    if (f.cmd.type === "uncordon") s.cordoned = -1;
    if (r.code === "round-over" || r.code === "bankrupt") s.roundOver = true;
    schedule(s, rand(THINK_MIN_MS, THINK_MAX_MS));
  }

  const students = classes.flatMap((k) => k.students);
  const allConns = (): Conn[] => [...classes.flatMap((k) => (k.host ? [k.host] : [])), ...students.map((s) => s.conn)];

  const procStart: (ProcSample | null)[] = servers.map(() => null);
  const procEnd: (ProcSample | null)[] = servers.map(() => null);
  const rssMax: number[] = servers.map(() => 0);
  const stateTick = (s: Student) => Number((s.conn.room.state as { tick?: number } | undefined)?.tick ?? 0);
  const elMonitor = monitorEventLoopDelay({ resolution: 10 });
  let cpuStart = process.cpuUsage();
  let sampler: NodeJS.Timeout | null = null;
  let metricsDuringAll: Prom[] = metricsBeforeAll;
  let metricsStartAll: Prom[] = metricsBeforeAll;

  try {
    // 3. Start every round together; the played window begins.
    await Promise.all(
      classes.map(async (k) => {
        if (!k.host) return;
        try {
          const r = await ask(k.host, hostSeq++, "start");
          if (!r.ok) stats.error(`class ${k.idx}: start refused (${r.code}: ${r.message})`);
        } catch (err) {
          stats.error(`class ${k.idx}: start failed: ${describeError(err)}`);
        }
      }),
    );
    progress(`started ${classes.length} rounds; playing ${opts.seconds} s`);
    try {
      metricsStartAll = await readAll();
    } catch (err) {
      stats.error(`reading /metrics: ${describeError(err)}`);
    }
    wallStart = performance.now();
    measuring = true;
    cpuStart = process.cpuUsage();
    elMonitor.enable();
    for (const s of students) {
      s.payloadAtStart = s.bytes.payload;
      s.wireAtStart = s.socket?.bytesRead ?? 0;
      s.tickAtStart = stateTick(s);
    }
    servers.forEach((x, i) => {
      if (x.pid === null) return;
      procStart[i] = sampleProc(x.pid);
      if (!procStart[i]) throw new LoadTestError(`Cannot read /proc/${x.pid}: is --server-pid the server's process id on this machine?`);
      rssMax[i] = procStart[i]!.rssMb;
    });
    sampler = setInterval(() => {
      // A student starves when its state falls behind its class's.
      for (const k of classes) {
        let top = 0;
        const ticks = k.students.filter((s) => !s.dropped).map((s) => Number((s.conn.room.state as { tick?: number } | undefined)?.tick ?? 0));
        for (const t of ticks) top = Math.max(top, t);
        for (const t of ticks) stats.maxTickLag = Math.max(stats.maxTickLag, top - t);
      }
      servers.forEach((x, i) => {
        if (x.pid !== null) rssMax[i] = Math.max(rssMax[i]!, sampleProc(x.pid)?.rssMb ?? 0);
      });
    }, 1000);

    await sleep(opts.seconds * 1000);
    measuring = false;
    windowEnd = performance.now();
    for (const s of students) {
      s.tickAtEnd = stateTick(s);
      s.overInWindow = s.roundOver;
      if (!s.roundOver) s.gapMax = Math.max(s.gapMax, windowEnd - Math.max(s.patchAt, wallStart));
    }

    // 4. Stop sending; let the commands in flight come back.
    stopping = true;
    for (const s of students) if (s.timer) clearTimeout(s.timer);
    const until = performance.now() + 5000;
    while (students.some((s) => s.inflight && !s.dropped) && performance.now() < until) await sleep(20);
  } finally {
    stopping = true;
    if (sampler) clearInterval(sampler);
    elMonitor.disable();
  }
  const wall = (performance.now() - wallStart) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  for (const s of students) {
    s.payloadAtEnd = s.bytes.payload;
    s.wireAtEnd = s.socket?.bytesRead ?? 0;
  }
  servers.forEach((x, i) => {
    if (x.pid === null) return;
    procEnd[i] = sampleProc(x.pid);
    rssMax[i] = Math.max(rssMax[i]!, procEnd[i]?.rssMb ?? 0);
  });
  try {
    metricsDuringAll = await readAll();
  } catch (err) {
    stats.error(`reading /metrics: ${describeError(err)}`);
  }

  // 5. Clean up: end every round, then everyone leaves.
  await Promise.all(
    classes.map(async (k) => {
      if (!k.host || k.roundOver) return;
      try {
        const r = await ask(k.host, hostSeq++, "end");
        if (!r.ok && r.code !== "bad-state") stats.error(`class ${k.idx}: end refused (${r.code}: ${r.message})`);
      } catch (err) {
        stats.error(`class ${k.idx}: end failed: ${describeError(err)}`);
      }
    }),
  );
  for (const s of students) if (s.inflight) clearTimeout(s.inflight.timer);
  // The shadows must be the server's clusters: at the end every cluster is mirrored exactly.
  let shadowChecked = 0;
  let shadowMismatches = 0;
  const stateOf = (s: Student) => s.conn.room.state as { phase?: string; clusters?: { values(): Iterable<{ tick: number; money: number }> } } | undefined;
  const endBy = performance.now() + 5000;
  while (students.some((s) => !s.dropped && s.shadow && stateOf(s)?.phase !== "ended") && performance.now() < endBy) await sleep(20);
  for (const s of students) {
    const st = stateOf(s);
    if (s.dropped || !s.shadow || st?.phase !== "ended" || !st.clusters) continue;
    for (const cs of st.clusters.values()) {
      advanceShadow(s, cs.tick);
      shadowChecked++;
      if (s.shadow.tick !== cs.tick || s.shadow.money !== cs.money) shadowMismatches++;
    }
  }
  await Promise.all(
    allConns().map(async (c) => {
      c.leaving = true;
      try {
        await Promise.race([c.room.leave(true), sleep(5000)]);
      } catch {
        // already closed
      }
    }),
  );
  let metricsAfterAll = metricsDuringAll;
  let metricsAfterAt = metricsBeforeAt;
  try {
    metricsAfterAll = await readAll();
    metricsAfterAt = performance.now();
  } catch (err) {
    stats.error(`reading /metrics: ${describeError(err)}`);
  }

  // 6. Figures.
  const sortedRtt = [...stats.rtt].sort((a, b) => a - b);
  const live = students.filter((s) => !s.dropped);
  const per = (f: (s: Student) => number) => (live.length > 0 && wall > 0 ? Math.round(live.reduce((n, s) => n + f(s), 0) / live.length / wall) : null);
  const metricsDuring = sumProm(metricsDuringAll);
  const metricsAfter = sumProm(metricsAfterAll);
  const delta = (key: string) => (metricsAfter.get(key) ?? 0) - (metricsBefore.get(key) ?? 0);
  // Per process: the worst one decides (a cluster is as good as its busiest process).
  const perServer = servers.map((x, i) => {
    const before = metricsBeforeAll[i]!;
    const after = metricsAfterAll[i]!;
    const d = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    const ps = procStart[i];
    const pe = procEnd[i];
    const cpu = ps && pe
      ? ((pe.cpuSeconds - ps.cpuSeconds) / ((pe.at - ps.at) / 1000)) * 100
      : after.has("process_cpu_seconds_total") && metricsAfterAt > metricsBeforeAt
        ? (d("process_cpu_seconds_total") / ((metricsAfterAt - metricsBeforeAt) / 1000)) * 100
        : null;
    const rss = pe ? pe.rssMb : after.has("process_resident_memory_bytes") ? after.get("process_resident_memory_bytes")! / 1024 / 1024 : null;
    return {
      loopP99: histPercentile(before, after, 99, "overcommit_event_loop_lag_ms"),
      loopP99Played: histPercentile(metricsStartAll[i]!, metricsDuringAll[i]!, 99, "overcommit_event_loop_lag_ms"),
      cpu,
      rss,
      rssMax: x.pid !== null && rssMax[i]! > 0 ? rssMax[i]! : null,
      rooms: metricsDuringAll[i]!.get("overcommit_rooms") ?? 0,
    };
  });
  /** The largest of the processes' figures; null when one of them is beyond the histogram (or unknown). */
  const worst = (f: (p: (typeof perServer)[number]) => number | null): number | null => {
    const xs = perServer.map(f);
    return xs.some((x) => x === null) ? null : round1(Math.max(...(xs as number[])));
  };
  const known = (f: (p: (typeof perServer)[number]) => number | null): number | null => {
    const xs = perServer.map(f).filter((x): x is number => x !== null);
    return xs.length > 0 ? round1(Math.max(...xs)) : null;
  };
  // Starvation, student by student (students whose round ended in the window are judged on what they saw before).
  const nominal = windowEnd > wallStart ? (opts.speed * (windowEnd - wallStart)) / 1000 : 0;
  let starved = 0;
  let gapMax = 0;
  let tickShareMin: number | null = null;
  for (const s of students) {
    const share = nominal > 0 ? (s.tickAtEnd - s.tickAtStart + 2) / nominal : 1;
    if (!s.overInWindow) tickShareMin = Math.min(tickShareMin ?? Infinity, share);
    gapMax = Math.max(gapMax, s.gapMax);
    if (s.dropped || s.slowReplies > 0 || s.gapMax > STARVED_GAP_MS || (!s.overInWindow && share < STARVED_TICK_SHARE)) starved++;
  }
  const ticks = delta("overcommit_room_tick_ms_count");
  const refusalsTotal = [...stats.refusals.values()].reduce((a, b) => a + b, 0);
  const result: LoadTestResult = {
    url: base,
    scenario: opts.scenario,
    classes: opts.classes,
    students_per_class: opts.students,
    speed: opts.speed,
    bot: opts.bot,
    played_seconds: round1(wall),
    setup_seconds: round1((wallStart - t0) / 1000),
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
    cmd_rtt_p99_after_warmup_ms: percentile([...stats.rttSteady].sort((a, b) => a - b), 99),
    bytes_per_client_per_s: per((s) => s.payloadAtEnd - s.payloadAtStart),
    wire_bytes_per_client_per_s: students.some((s) => s.socket) ? per((s) => s.wireAtEnd - s.wireAtStart) : null,
    bytes_measured_as: BYTES_SOURCE,
    state_tick_lag_max: stats.maxTickLag,
    shadow_checked: shadowChecked,
    shadow_mismatches: shadowMismatches,
    students_starved: starved,
    state_gap_max_ms: Math.round(gapMax),
    state_tick_share_min: tickShareMin === null ? null : Math.round(Math.min(tickShareMin, 9.99) * 1000) / 1000,
    starved_means: `a student's room tick advanced < ${STARVED_TICK_SHARE} × speed × seconds (+2 ticks), or a state patch gap > ${STARVED_GAP_MS} ms, or a reply later than ${STARVED_REPLY_MS} ms or missing, or a dropped connection`,
    servers: servers.length,
    server_rooms: metricsDuring.get("overcommit_rooms") ?? null,
    server_rooms_by_process: perServer.map((p) => p.rooms).join("/"),
    server_clients: metricsDuring.get("overcommit_clients") ?? null,
    server_commands: delta("overcommit_commands_total"),
    server_refusals: [...metricsAfter.keys()].filter((k) => k.startsWith("overcommit_refusals_total")).reduce((n, k) => n + delta(k), 0),
    room_ticks: ticks,
    room_tick_mean_ms: ticks > 0 ? Math.round((delta("overcommit_room_tick_ms_sum") / ticks) * 1000) / 1000 : null,
    room_tick_p50_ms: histPercentile(metricsBefore, metricsAfter, 50),
    room_tick_p99_ms: histPercentile(metricsBefore, metricsAfter, 99),
    server_event_loop_p99_ms: worst((p) => p.loopP99),
    server_event_loop_p99_played_ms: worst((p) => p.loopP99Played),
    server_cpu_percent: known((p) => p.cpu),
    server_cpu_percent_total: perServer.every((p) => p.cpu !== null) ? round1(perServer.reduce((n, p) => n + p.cpu!, 0)) : null,
    server_rss_mb: known((p) => p.rss),
    server_rss_max_mb: known((p) => p.rssMax),
    server_stats_source: STATS_SOURCE,
    loadtest_event_loop_p99_ms: round1(elMonitor.percentile(99) / 1e6),
    loadtest_event_loop_max_ms: round1(elMonitor.max / 1e6),
    loadtest_cpu_percent: wall > 0 ? round1(((cpu.user + cpu.system) / 1e6 / wall) * 100) : null,
    loadtest_rss_mb: round1(process.memoryUsage().rss / 1024 / 1024),
  });
  return result;
}

export { LoadTestError };
