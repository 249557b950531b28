/**
 * Argument parsing and limits for the load test (`npm run loadtest`), kept apart from I/O so
 * that every bad argument has a tested, plain-English refusal. The load test only ever
 * targets this machine: a URL whose host is not loopback is refused here, and again by
 * `runLoadTest` for callers that skip the parser.
 */
import { readFlags } from "./flags.ts";
export const LOADTEST_USAGE = `Usage:
  npm run loadtest -- --classes C --students S --seconds T [--speed N] [--url URL]
                      [--scenario ID] [--seed N] [--bot NAME] [--server-pid PID] [--json]

  --classes C       classrooms to create, 1 to ${100}
  --students S      students per classroom, 1 to ${150}
  --seconds T       how long the round is played, 1 to ${600}
  --speed N         ticks per second, 1 to 16 (default 4)
  --url URL         the server, loopback only (default http://127.0.0.1:2567)
  --scenario ID     the scenario every classroom plays (default black-friday)
  --seed N          the classrooms' seed, 0 to 4294967295 (default 1)
  --bot NAME        autopilot, greedy or mix (default mix: students alternate)
  --server-pid PID  also sample that local process's CPU and memory from /proc
  --json            print one flat JSON object instead of a table`;

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
}

export type LoadTestArgs = { readonly mode: "help" } | { readonly mode: "run"; readonly options: LoadTestOptions };

export type Parsed = { readonly ok: true; readonly args: LoadTestArgs } | { readonly ok: false; readonly error: string };

export const DEFAULTS = { speed: 4, url: "http://127.0.0.1:2567", scenario: "black-friday", seed: 1, bot: "mix" as LoadTestBot };

const VALUE_FLAGS = new Set(["--classes", "--students", "--seconds", "--speed", "--url", "--scenario", "--seed", "--bot", "--server-pid"]);
const BOOL_FLAGS = new Set(["--json", "--help", "-h"]);

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
export function checkServerUrl(input: string): { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string } {
  let u: URL;
  try {
    u = new URL(input);
  } catch {
    return { ok: false, error: `--url must be a full URL such as http://127.0.0.1:2567, not "${input.slice(0, 60)}".` };
  }
  const scheme = u.protocol.replace(/:$/, "");
  if (!["http", "https", "ws", "wss"].includes(scheme)) return { ok: false, error: `--url must start with http://, https://, ws:// or wss://, not "${scheme}:".` };
  if (u.username || u.password) return { ok: false, error: "--url must not carry a user name or password." };
  if (!isLoopbackHost(u.hostname)) {
    return { ok: false, error: `The load test only targets this machine: the host "${u.hostname.slice(0, 60)}" is not loopback (use 127.0.0.1, localhost or [::1]).` };
  }
  const httpScheme = scheme === "https" || scheme === "wss" ? "https" : "http";
  return { ok: true, url: `${httpScheme}://${u.host}` };
}

function wholeNumber(flag: string, text: string, min: number, max: number): { ok: true; n: number } | { ok: false; error: string } {
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
  if (!int(o.classes, 1, LIMITS.classes)) return `--classes must be a whole number from 1 to ${LIMITS.classes}, not ${o.classes}.`;
  if (!int(o.students, 1, LIMITS.students)) return `--students must be a whole number from 1 to ${LIMITS.students}, not ${o.students}.`;
  if (!(Number.isFinite(o.seconds) && o.seconds > 0 && o.seconds <= LIMITS.seconds)) return `--seconds must be from 1 to ${LIMITS.seconds}, not ${o.seconds}.`;
  if (!int(o.speed, LIMITS.speedMin, LIMITS.speedMax)) return `--speed must be a whole number from ${LIMITS.speedMin} to ${LIMITS.speedMax}, not ${o.speed}.`;
  if (!int(o.seed, 0, 0xffffffff)) return `--seed must be a whole number from 0 to 4294967295, not ${o.seed}.`;
  if (!(LOADTEST_BOTS as readonly string[]).includes(o.bot)) return `--bot must be one of ${LOADTEST_BOTS.join(", ")}, not "${String(o.bot).slice(0, 30)}".`;
  if (o.serverPid !== null && !int(o.serverPid, 1, 0x7fffffff)) return `--server-pid must be a process id, not ${o.serverPid}.`;
  const u = checkServerUrl(o.url);
  if (!u.ok) return u.error;
  return null;
}

export function parseLoadTestArgs(argv: readonly string[]): Parsed {
  const read = readFlags(argv, VALUE_FLAGS, BOOL_FLAGS);
  if (!read.ok) return read;
  const v = read.flags.values;
  const b = read.flags.switches;
  if (b.has("--help") || b.has("-h")) return { ok: true, args: { mode: "help" } };
  for (const req of ["--classes", "--students", "--seconds"]) if (!v.has(req)) return { ok: false, error: `${req} is required.` };

  const classes = wholeNumber("--classes", v.get("--classes")!, 1, LIMITS.classes);
  if (!classes.ok) return classes;
  const students = wholeNumber("--students", v.get("--students")!, 1, LIMITS.students);
  if (!students.ok) return students;
  const seconds = wholeNumber("--seconds", v.get("--seconds")!, 1, LIMITS.seconds);
  if (!seconds.ok) return seconds;
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
  if (!(LOADTEST_BOTS as readonly string[]).includes(bot)) return { ok: false, error: `--bot must be one of ${LOADTEST_BOTS.join(", ")}, not "${bot.slice(0, 30)}".` };
  const scenario = v.get("--scenario") ?? DEFAULTS.scenario;
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(scenario)) return { ok: false, error: `--scenario must be a scenario id such as black-friday, not "${scenario.slice(0, 30)}".` };
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
        speed: speed.n,
        url: url.url,
        scenario,
        seed: seed.n,
        bot: bot as LoadTestBot,
        serverPid,
        json: b.has("--json"),
      },
    },
  };
}
