/**
 * Server configuration from the environment (PORT, HOST, DATA_DIR, REDIS_URL, …), with
 * defaults that make `npm start` work on a fresh clone. Read once at start-up.
 */
import { resolve } from "node:path";

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly redisUrl: string;
  /**
   * host:port at which clients reach this process directly (PUBLIC_ADDRESS). With several
   * processes on Redis, a client that asked one process for a seat is sent to the process
   * that owns the room at this address. Empty: the address the client already uses.
   */
  readonly publicAddress: string;
  /** Directory of the built client to serve, or "" to serve none. */
  readonly clientDir: string;
  /** Extra blocked nickname words (lowercase), on top of the built-in list. */
  readonly blockedWords: readonly string[];
  /** Seconds a dropped client keeps its seat for a transparent reconnection. */
  readonly reconnectSeconds: number;
  readonly logLevel: string;
  /** Benchmark baseline only: every client sees every cluster (StateView filtering off). */
  readonly unfilteredViews: boolean;
  /**
   * Benchmarks only: also record each room tick's time less the time the OS kept the
   * server's thread waiting for a CPU (threadTime.ts; Linux). Absent: off (two /proc reads
   * a tick).
   */
  readonly measureTickCpu?: boolean;
  /**
   * Classrooms one address may create in a burst before POST /api/classrooms slows it to one
   * per 2 s (CLASSROOM_CREATE_BURST, default 30). Load and churn tests create hundreds from
   * 127.0.0.1 and raise it; a deployment leaves it alone. Absent: the default.
   */
  readonly classroomCreateBurst?: number;
}

/** The default of CLASSROOM_CREATE_BURST: a school's NAT hosting several classes at once. */
export const DEFAULT_CLASSROOM_CREATE_BURST = 30;

function int(v: string | undefined, def: number, min: number, max: number): number {
  if (v === undefined || v === "") return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`Expected a whole number from ${min} to ${max}, got "${v}".`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  return {
    port: int(env["PORT"], 2567, 0, 65535),
    host: env["HOST"] || "0.0.0.0",
    dataDir: resolve(root, env["DATA_DIR"] || ".data"),
    redisUrl: env["REDIS_URL"] || "",
    publicAddress: env["PUBLIC_ADDRESS"] || "",
    clientDir: env["CLIENT_DIR"] ?? resolve(root, "client", "dist"),
    blockedWords: (env["BLOCKED_WORDS"] ?? "")
      .split(",")
      .map((w) => w.trim().toLowerCase())
      .filter((w) => w.length > 0),
    reconnectSeconds: int(env["RECONNECT_SECONDS"], 60, 1, 3600),
    logLevel: env["LOG_LEVEL"] || "info",
    unfilteredViews: env["UNFILTERED_VIEWS"] === "1",
    classroomCreateBurst: int(env["CLASSROOM_CREATE_BURST"], DEFAULT_CLASSROOM_CREATE_BURST, 1, 100_000),
  };
}
