/**
 * The round journal: what a live classroom needs to be rebuilt exactly after its process
 * dies (kill -9, a crash, a power cut of the process). The engine is deterministic, so a
 * cluster's world is its scenario + seed + the commands it applied at their ticks; a
 * snapshot now and then saves replaying a long round from tick 0.
 *
 * Every tick's commands and the round's clock are written in one transaction before any
 * of those commands is acknowledged to a player. With WAL and synchronous=NORMAL a commit
 * survives the process being killed (the OS holds the write); only a machine losing power
 * can take the last instants with it.
 */
import type { Command, ReplayEntry } from "@overcommit/shared";
import type { Db } from "./db.ts";

export interface ClusterRecord {
  readonly id: string;
  readonly index: number;
  readonly name: string;
  readonly team: number;
  readonly removed: boolean;
}

export interface JournaledCommand {
  readonly cluster: string;
  /** Position in the cluster's log (0-based). */
  readonly n: number;
  readonly tick: number;
  readonly cmd: Command;
}

export interface SnapshotRecord {
  readonly cluster: string;
  readonly tick: number;
  /** How many log entries the world had applied when the snapshot was taken. */
  readonly logLength: number;
  readonly bytes: Uint8Array;
}

export interface Journal {
  readonly clusters: ClusterRecord[];
  /** Each cluster's whole log, in order. */
  readonly logs: Map<string, ReplayEntry[]>;
  readonly snapshots: Map<string, SnapshotRecord>;
}

export class JournalStore {
  // Prepared once: appendTick and saveSnapshot run on the ticks of every live room.
  private readonly clock;
  private readonly insert;
  private readonly snapshot;
  private readonly appendAll;

  constructor(private readonly db: Db) {
    this.clock = db.prepare(`UPDATE classrooms SET round_tick = ? WHERE id = ?`);
    this.insert = db.prepare(`INSERT INTO commands (classroom_id, cluster_id, n, tick, cmd) VALUES (?, ?, ?, ?, ?)`);
    this.snapshot = db.prepare(
      `INSERT INTO snapshots (classroom_id, cluster_id, tick, log_length, bytes) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (classroom_id, cluster_id) DO UPDATE SET tick = excluded.tick, log_length = excluded.log_length, bytes = excluded.bytes`,
    );
    this.appendAll = db.transaction((classroomId: string, roundTick: number, commands: readonly JournaledCommand[]) => {
      this.clock.run(roundTick, classroomId);
      for (const c of commands) this.insert.run(classroomId, c.cluster, c.n, c.tick, JSON.stringify(c.cmd));
    });
  }

  saveCluster(classroomId: string, c: ClusterRecord): void {
    this.db
      .prepare(
        `INSERT INTO clusters (classroom_id, cluster_id, idx, name, team, removed) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (classroom_id, cluster_id) DO UPDATE SET name = excluded.name, team = excluded.team, removed = excluded.removed`,
      )
      .run(classroomId, c.id, c.index, c.name, c.team, c.removed ? 1 : 0);
  }

  /** One tick of the round: its clock and the commands applied in it, all or nothing. */
  appendTick(classroomId: string, roundTick: number, commands: readonly JournaledCommand[]): void {
    this.appendAll(classroomId, roundTick, commands);
  }

  saveSnapshot(classroomId: string, s: SnapshotRecord): void {
    this.snapshot.run(
      classroomId,
      s.cluster,
      s.tick,
      s.logLength,
      Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength),
    );
  }

  load(classroomId: string): Journal {
    const clusters = (
      this.db
        .prepare(`SELECT cluster_id, idx, name, team, removed FROM clusters WHERE classroom_id = ? ORDER BY idx`)
        .all(classroomId) as {
        cluster_id: string;
        idx: number;
        name: string;
        team: number;
        removed: number;
      }[]
    ).map((r) => ({ id: r.cluster_id, index: r.idx, name: r.name, team: r.team, removed: r.removed === 1 }));
    const logs = new Map<string, ReplayEntry[]>();
    const rows = this.db
      .prepare(`SELECT cluster_id, tick, cmd FROM commands WHERE classroom_id = ? ORDER BY cluster_id, n`)
      .iterate(classroomId) as IterableIterator<{ cluster_id: string; tick: number; cmd: string }>;
    for (const r of rows) {
      let log = logs.get(r.cluster_id);
      if (!log) logs.set(r.cluster_id, (log = []));
      // Our own writes of commands that passed parseCommand; the world re-checks each anyway.
      log.push({ tick: r.tick, cmd: JSON.parse(r.cmd) as Command });
    }
    const snapshots = new Map<string, SnapshotRecord>();
    for (const r of this.db
      .prepare(`SELECT cluster_id, tick, log_length, bytes FROM snapshots WHERE classroom_id = ?`)
      .all(classroomId) as { cluster_id: string; tick: number; log_length: number; bytes: Buffer }[]) {
      snapshots.set(r.cluster_id, {
        cluster: r.cluster_id,
        tick: r.tick,
        logLength: r.log_length,
        bytes: new Uint8Array(r.bytes),
      });
    }
    return { clusters, logs, snapshots };
  }

  /** Drops a round's journal: finished (its results and replays are stored by then) or cancelled before its clock started. */
  clear(classroomId: string): void {
    this.db.transaction(() => {
      for (const table of ["commands", "snapshots", "clusters"])
        this.db.prepare(`DELETE FROM ${table} WHERE classroom_id = ?`).run(classroomId);
    })();
  }
}
