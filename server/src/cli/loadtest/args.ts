/**
 * Argument parsing and limits for the load test (`npm run loadtest`), kept apart from I/O so
 * that every bad argument has a tested, plain-English refusal. The load test only ever
 * targets this machine: a URL whose host is not loopback is refused here, and again by
 * `runLoadTest` for callers that skip the parser. `--find-capacity` is the capacity search
 * (capacity.ts): it chooses the number of classrooms itself.
 */
import { readFlags } from "../flags.ts";
export const LOADTEST_USAGE = `Usage:
  npm run loadtest -- --classes C --students S --seconds T [--speed N] [--url URL]
                      [--scenario ID] [--seed N] [--bot NAME] [--server-pid PID] [--json]
  npm run loadtest -- --find-capacity --students S [--seconds T] [--speed N]
                      [--start-classes N] [--max-classes N] [--processes P]
                      [--budget-seconds B] [--loop-p99-ms M] [--no-pin]
                      [--url URL [--server-pid PID]] [--scenario ID] [--seed N] [--bot NAME] [--json]

  --classes C       classrooms to create, 1 to ${100}
  --students S      students per classroom, 1 to ${150}
  --seconds T       how long the round is played, 1 to ${600}
  --speed N         ticks per second, 1 to 16 (default 4)
  --url URL         the server, loopback only (default http://127.0.0.1:2567)
  --scenario ID     the scenario every classroom plays (default black-friday)
  --seed N          the classrooms' seed, 0 to 4294967295 (default 1)
  --bot NAME        autopilot, greedy or mix (default mix: students alternate)
  --server-pid PID  also sample that local process's CPU and memory from /proc
  --json            print one flat JSON object instead of a table

  --find-capacity   search for the most classrooms of S students that hold: server
                    event-loop p99 at most M ms and no student starved. Starts its own
                    server process(es) for every step (fresh DATA_DIR; with --processes 2 or
                    more, a fresh redis-server too), unless --url names a running server.
  --seconds T       played seconds per step (default ${30})
  --start-classes N the first step, 1 to ${100} (default 5); steps double, then halve the gap
  --max-classes N   the largest count tried, 1 to ${100} (default 100)
  --processes P     server processes on one Redis, 1 to 4 (default 1)
  --budget-seconds B stop stepping after about B seconds and report the best count so far
  --loop-p99-ms M   the event-loop target, 1 to 1000 ms (default 50)
  --no-pin          do not pin the server(s) and the load tool to separate CPUs (taskset)`;

export const LIMITS = { classes: 100, students: 150, seconds: 600, speedMin: 1, speedMax: 16 } as const;

export const LOADTEST_BOTS = ["autopilot", "greedy", "mix"] as const;
export type LoadTestBot = (typeof LOADTEST_BOTS)[number];

export interface LoadTestOptions {
  readonly classes: number;
  readonly students: number;
  readonly seconds: number;
  readonly speed: number;
  /** http(s) base URL of the server, loopback only. */
  readonly url: string;
  readonly scenario: string;
  readonly seed: number;
  readonly bot: LoadTestBot;
  /** A local process to sample CPU and memory of (Linux /proc), or null. */
  readonly serverPid: number | null;
  readonly json: boolean;
  /**
   * The other processes of the same cluster (one Redis), when there are several: students
   * join through each in turn and every process's /metrics (and /proc, with a pid) is read.
   */
  readonly servers?: readonly LoadTestServer[];
}

/** One server process: its http(s) base URL (loopback) and, when local and known, its pid. */
export interface LoadTestServer {
  readonly url: string;
  readonly pid: number | null;
}

/** The capacity search (`--find-capacity`): what each step runs, and how far it searches. */
export interface CapacityOptions {
  readonly students: number;
  readonly seconds: number;
  readonly speed: number;
  readonly startClasses: number;
  readonly maxClasses: number;
  readonly processes: number;
  /** A running server to load (no restarts between steps), or null: the tool starts its own. */
  readonly url: string | null;
  readonly serverPid: number | null;
  readonly scenario: string;
  readonly seed: number;
  readonly bot: LoadTestBot;
  /** Stop stepping after about this many seconds (null: search to the end). */
  readonly budgetSeconds: number | null;
  /** The event-loop p99 target, ms. */
  readonly loopP99Ms: number;
  /** Pin server process(es) and the load tool to separate CPUs when taskset is there. */
  readonly pin: boolean;
  readonly json: boolean;
}

export const CAPACITY_LIMITS = { processes: 4, budgetMin: 10, budgetMax: 7200, loopMin: 1, loopMax: 1000 } as const;
export const CAPACITY_DEFAULTS = {
  seconds: 30,
  startClasses: 5,
  maxClasses: LIMITS.classes,
  processes: 1,
  loopP99Ms: 50,
} as const;

export type LoadTestArgs =
  | { readonly mode: "help" }
  | { readonly mode: "run"; readonly options: LoadTestOptions }
  | { readonly mode: "capacity"; readonly capacity: CapacityOptions };

export type Parsed =
  { readonly ok: true; readonly args: LoadTestArgs } | { readonly ok: false; readonly error: string };

export const DEFAULTS = {
  speed: 4,
  url: "http://127.0.0.1:2567",
  scenario: "black-friday",
  seed: 1,
  bot: "mix" as LoadTestBot,
};

const VALUE_FLAGS = new Set([
  "--classes",
  "--students",
  "--seconds",
  "--speed",
  "--url",
  "--scenario",
  "--seed",
  "--bot",
  "--server-pid",
  "--start-classes",
  "--max-classes",
  "--processes",
  "--budget-seconds",
  "--loop-p99-ms",
]);
const BOOL_FLAGS = new Set(["--json", "--help", "-h", "--find-capacity", "--no-pin"]);
/** Flags that only mean something to the capacity search. */
const CAPACITY_FLAGS = [
  "--start-classes",
  "--max-classes",
  "--processes",
  "--budget-seconds",
  "--loop-p99-ms",
  "--no-pin",
];

function octetOk(s: string): boolean {
  return /^\d{1,3}$/.test(s) && Number(s) <= 255;
}

/** True when a URL hostname (as `new URL` gives it) is this machine's loopback. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === "localhost" || h === "[::1]" || h === "::1") return true;
  const parts = h.split(".");
  return parts.length === 4 && parts[0] === "127" && parts.every(octetOk);
}

/**
 * Checks a server URL: http, https, ws or wss, and a loopback host. Returns the http(s)
 * origin to use for the API (ws URLs are mapped to http).
 */
export function checkServerUrl(
  input: string,
): { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string } {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return { ok: false, error: `--url must be a full URL such as http://127.0.0.1:2567, not "${input.slice(0, 60)}".` };
  }
  const scheme = u.protocol.replace(/:$/, "");
  if (!["http", "https", "ws", "wss"].includes(scheme))
    return { ok: false, error: `--url must start with http://, https://, ws:// or wss://, not "${scheme}:".` };
  if (u.username || u.password) return { ok: false, error: "--url must not carry a user name or password." };
  if (!isLoopbackHost(u.hostname)) {
    return {
      ok: false,
      error: `The load test only targets this machine: the host "${u.hostname.slice(0, 60)}" is not loopback (use 127.0.0.1, localhost or [::1]).`,
    };
  }
  const httpScheme = scheme === "https" || scheme === "wss" ? "https" : "http";
  return { ok: true, url: `${httpScheme}://${u.host}` };
}

function wholeNumber(
  flag: string,
  text: string,
  min: number,
  max: number,
): { ok: true; n: number } | { ok: false; error: string } {
  if (!/^\d{1,10}$/.test(text) || Number(text) < min || Number(text) > max) {
    return { ok: false, error: `${flag} must be a whole number from ${min} to ${max}, not "${text.slice(0, 30)}".` };
  }
  return { ok: true, n: Number(text) };
}

/**
 * Checks options given in code (the test, or another tool) against the same limits and the
 * loopback rule; returns the first problem as a sentence, or null.
 */
export function checkLoadTestOptions(o: LoadTestOptions): string | null {
  const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!int(o.classes, 1, LIMITS.classes))
    return `--classes must be a whole number from 1 to ${LIMITS.classes}, not ${o.classes}.`;
  if (!int(o.students, 1, LIMITS.students))
    return `--students must be a whole number from 1 to ${LIMITS.students}, not ${o.students}.`;
  if (!(Number.isFinite(o.seconds) && o.seconds > 0 && o.seconds <= LIMITS.seconds))
    return `--seconds must be from 1 to ${LIMITS.seconds}, not ${o.seconds}.`;
  if (!int(o.speed, LIMITS.speedMin, LIMITS.speedMax))
    return `--speed must be a whole number from ${LIMITS.speedMin} to ${LIMITS.speedMax}, not ${o.speed}.`;
  if (!int(o.seed, 0, 0xffffffff)) return `--seed must be a whole number from 0 to 4294967295, not ${o.seed}.`;
  if (!(LOADTEST_BOTS as readonly string[]).includes(o.bot))
    return `--bot must be one of ${LOADTEST_BOTS.join(", ")}, not "${String(o.bot).slice(0, 30)}".`;
  if (o.serverPid !== null && !int(o.serverPid, 1, 0x7fffffff))
    return `--server-pid must be a process id, not ${o.serverPid}.`;
  const u = checkServerUrl(o.url);
  if (!u.ok) return u.error;
  for (const x of o.servers ?? []) {
    const v = checkServerUrl(x.url);
    if (!v.ok) return v.error;
    if (x.pid !== null && !int(x.pid, 1, 0x7fffffff)) return `A server's pid must be a process id, not ${x.pid}.`;
  }
  return null;
}

export function parseLoadTestArgs(argv: readonly string[]): Parsed {
  const read = readFlags(argv, VALUE_FLAGS, BOOL_FLAGS);
  if (!read.ok) return read;
  const v = read.flags.values;
  const b = read.flags.switches;
  if (b.has("--help") || b.has("-h")) return { ok: true, args: { mode: "help" } };
  if (b.has("--find-capacity")) return parseCapacity(v, b);
  for (const flag of CAPACITY_FLAGS)
    if (v.has(flag) || b.has(flag)) return { ok: false, error: `${flag} only goes with --find-capacity.` };
  for (const req of ["--classes", "--students", "--seconds"])
    if (!v.has(req)) return { ok: false, error: `${req} is required.` };

  const classes = wholeNumber("--classes", v.get("--classes")!, 1, LIMITS.classes);
  if (!classes.ok) return classes;
  const students = wholeNumber("--students", v.get("--students")!, 1, LIMITS.students);
  if (!students.ok) return students;
  const seconds = wholeNumber("--seconds", v.get("--seconds")!, 1, LIMITS.seconds);
  if (!seconds.ok) return seconds;
  const c = common(v);
  if (!c.ok) return c;
  const url = checkServerUrl(v.get("--url") ?? DEFAULTS.url);
  if (!url.ok) return url;
  return {
    ok: true,
    args: {
      mode: "run",
      options: {
        classes: classes.n,
        students: students.n,
        seconds: seconds.n,
        speed: c.speed,
        url: url.url,
        scenario: c.scenario,
        seed: c.seed,
        bot: c.bot,
        serverPid: c.serverPid,
        json: b.has("--json"),
      },
    },
  };
}

/** The flags both modes share, checked the same way. */
function common(
  v: ReadonlyMap<string, string>,
):
  | { ok: true; speed: number; seed: number; serverPid: number | null; bot: LoadTestBot; scenario: string }
  | { ok: false; error: string } {
  const speed = wholeNumber("--speed", v.get("--speed") ?? String(DEFAULTS.speed), LIMITS.speedMin, LIMITS.speedMax);
  if (!speed.ok) return speed;
  const seed = wholeNumber("--seed", v.get("--seed") ?? String(DEFAULTS.seed), 0, 0xffffffff);
  if (!seed.ok) return seed;
  const pidText = v.get("--server-pid");
  let serverPid: number | null = null;
  if (pidText !== undefined) {
    const pid = wholeNumber("--server-pid", pidText, 1, 0x7fffffff);
    if (!pid.ok) return pid;
    serverPid = pid.n;
  }
  const bot = v.get("--bot") ?? DEFAULTS.bot;
  if (!(LOADTEST_BOTS as readonly string[]).includes(bot))
    return { ok: false, error: `--bot must be one of ${LOADTEST_BOTS.join(", ")}, not "${bot.slice(0, 30)}".` };
  const scenario = v.get("--scenario") ?? DEFAULTS.scenario;
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(scenario))
    return {
      ok: false,
      error: `--scenario must be a scenario id such as black-friday, not "${scenario.slice(0, 30)}".`,
    };
  return { ok: true, speed: speed.n, seed: seed.n, serverPid, bot: bot as LoadTestBot, scenario };
}

function parseCapacity(v: ReadonlyMap<string, string>, b: ReadonlySet<string>): Parsed {
  if (v.has("--classes"))
    return {
      ok: false,
      error:
        "--find-capacity chooses the number of classrooms itself: give --start-classes and --max-classes instead of --classes.",
    };
  if (!v.has("--students")) return { ok: false, error: "--students is required." };
  const students = wholeNumber("--students", v.get("--students")!, 1, LIMITS.students);
  if (!students.ok) return students;
  const seconds = wholeNumber("--seconds", v.get("--seconds") ?? String(CAPACITY_DEFAULTS.seconds), 1, LIMITS.seconds);
  if (!seconds.ok) return seconds;
  const start = wholeNumber(
    "--start-classes",
    v.get("--start-classes") ?? String(CAPACITY_DEFAULTS.startClasses),
    1,
    LIMITS.classes,
  );
  if (!start.ok) return start;
  const max = wholeNumber(
    "--max-classes",
    v.get("--max-classes") ?? String(Math.max(CAPACITY_DEFAULTS.maxClasses, start.n)),
    1,
    LIMITS.classes,
  );
  if (!max.ok) return max;
  if (start.n > max.n)
    return { ok: false, error: `--start-classes (${start.n}) must not be more than --max-classes (${max.n}).` };
  const processes = wholeNumber(
    "--processes",
    v.get("--processes") ?? String(CAPACITY_DEFAULTS.processes),
    1,
    CAPACITY_LIMITS.processes,
  );
  if (!processes.ok) return processes;
  const budgetText = v.get("--budget-seconds");
  let budgetSeconds: number | null = null;
  if (budgetText !== undefined) {
    const budget = wholeNumber("--budget-seconds", budgetText, CAPACITY_LIMITS.budgetMin, CAPACITY_LIMITS.budgetMax);
    if (!budget.ok) return budget;
    if (budget.n < seconds.n)
      return {
        ok: false,
        error: `--budget-seconds (${budget.n}) must leave room for at least one step of --seconds (${seconds.n}).`,
      };
    budgetSeconds = budget.n;
  }
  const loop = wholeNumber(
    "--loop-p99-ms",
    v.get("--loop-p99-ms") ?? String(CAPACITY_DEFAULTS.loopP99Ms),
    CAPACITY_LIMITS.loopMin,
    CAPACITY_LIMITS.loopMax,
  );
  if (!loop.ok) return loop;
  const c = common(v);
  if (!c.ok) return c;
  let url: string | null = null;
  const urlText = v.get("--url");
  if (urlText !== undefined) {
    const u = checkServerUrl(urlText);
    if (!u.ok) return u;
    if (processes.n > 1)
      return {
        ok: false,
        error:
          "--processes needs the servers this tool starts itself: leave out --url (or load one running server with --processes 1).",
      };
    url = u.url;
  } else if (c.serverPid !== null) {
    return {
      ok: false,
      error: "--server-pid goes with --url: without it the tool starts the server and knows its pid.",
    };
  }
  return {
    ok: true,
    args: {
      mode: "capacity",
      capacity: {
        students: students.n,
        seconds: seconds.n,
        speed: c.speed,
        startClasses: start.n,
        maxClasses: max.n,
        processes: processes.n,
        url,
        serverPid: c.serverPid,
        scenario: c.scenario,
        seed: c.seed,
        bot: c.bot,
        budgetSeconds,
        loopP99Ms: loop.n,
        pin: !b.has("--no-pin"),
        json: b.has("--json"),
      },
    },
  };
}
