/**
 * Moves the database's write-ahead log into the main file from a worker thread, so no room
 * tick ever waits for it.
 *
 * Why: every live room commits on every tick. SQLite's own automatic checkpoint runs inside
 * the commit that crosses 1000 WAL pages, on the thread that commits: measured in the room
 * benchmark, that commit took 8 ms, about every 25 s for one busy classroom, and every
 * room in the process waited for it. So the server's connection has
 * `wal_autocheckpoint = 0` and this worker, with a connection of its own, runs a PASSIVE
 * checkpoint (it copies what it can without blocking a writer) every CHECKPOINT_EVERY_MS.
 *
 * Once a checkpoint has copied the whole log, the next commit starts the log over, and that
 * commit syncs the WAL header to disk (synchronous = NORMAL) on the thread that commits:
 * 1 to 4 ms, measured. So the worker makes that commit itself, right after a complete
 * checkpoint (it rewrites the one row of `wal_restarts`); a room's commit pays it only if it
 * lands in the microseconds between the two, and waits for the worker's lock if it lands
 * during that commit. Every 30 s, not every second, keeps that chance small. The log grows
 * by some 15 KB per room tick (a class of 40, measured), so a process with 72 busy
 * classrooms checkpoints about 130 MB at a time, in the worker; `journal_size_limit`
 * keeps the WAL file from staying at its largest size afterwards.
 *
 * If the worker cannot run (or dies), the server's connection goes back to checkpointing
 * on its own: slower ticks now and then, never an unbounded log.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./db.ts";

export const CHECKPOINT_EVERY_MS = 30_000;
/** The WAL file is truncated to this after a checkpoint lets it start over. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;
/** SQLite's default, put back when the worker is gone. */
const AUTO_CHECKPOINT_PAGES = 1000;

/** What one checkpoint did (SQLite's wal_checkpoint answer). */
export interface CheckpointReport {
  /** Frames in the WAL. */
  readonly log: number;
  /** Frames copied into the database so far. */
  readonly checkpointed: number;
}

export interface Checkpointer {
  /** Checkpoints done by the worker. */
  readonly runs: number;
  readonly last: CheckpointReport | null;
  /** Asks for a checkpoint now; resolves with its report (tests, shutdown). */
  now(): Promise<CheckpointReport>;
  stop(): Promise<void>;
}

// Plain JavaScript run by the worker: it needs no TypeScript loader, whatever runs the server.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
const restart = db.prepare("INSERT INTO wal_restarts (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at");
const run = () => {
  const [r] = db.pragma("wal_checkpoint(PASSIVE)");
  // All copied: this commit starts the log over, here rather than in a room's tick.
  if (r.log > 0 && r.checkpointed === r.log) restart.run(Date.now());
  return { log: r.log, checkpointed: r.checkpointed };
};
const timer = setInterval(() => parentPort.postMessage({ kind: "ran", report: run() }), workerData.every);
parentPort.on("message", (m) => {
  if (m === "now") parentPort.postMessage({ kind: "now", report: run() });
  if (m === "stop") { clearInterval(timer); db.close(); parentPort.close(); }
});
`;

export function startCheckpointer(db: Db, onError: (err: unknown) => void, every = CHECKPOINT_EVERY_MS): Checkpointer {
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  db.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), file: db.name, every },
  });
  worker.unref();
  const waiting: { resolve: (r: CheckpointReport) => void; reject: (err: unknown) => void }[] = [];
  let stopped = false;
  const state = { runs: 0, last: null as CheckpointReport | null };
  const fallBack = (err: unknown): void => {
    if (stopped) return;
    stopped = true;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    for (const w of waiting.splice(0)) w.reject(err);
    onError(err);
  };
  worker.on("message", (m: { kind: string; report: CheckpointReport }) => {
    state.runs++;
    state.last = m.report;
    if (m.kind === "now") waiting.shift()?.resolve(m.report);
  });
  worker.on("error", fallBack);
  worker.on("exit", (code) => {
    if (!stopped) fallBack(new Error(`the checkpoint worker exited (code ${code})`));
  });
  return {
    get runs() {
      return state.runs;
    },
    get last() {
      return state.last;
    },
    now: () =>
      new Promise((resolve, reject) => {
        if (stopped) return reject(new Error("the checkpoint worker is not running"));
        waiting.push({ resolve, reject });
        worker.postMessage("now");
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((r) => worker.once("exit", r));
      // Unreferenced, the worker would not keep this process alive until it has exited.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
