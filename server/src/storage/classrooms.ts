/**
 * Classrooms and their seats. A classroom row is written when the instructor creates it
 * (before its room exists) and updated as its round moves through its phases; seats hold
 * the nickname a student chose and nothing else about them.
 */
import type { Db } from "./db.ts";

export interface ClassroomRow {
  readonly id: string;
  readonly code: string;
  readonly host_key_hash: string;
  readonly projector_key_hash: string;
  readonly scenario_id: string;
  readonly scenario_version: number;
  readonly seed: number;
  readonly mode: string;
  readonly team_size: number;
  readonly speed: number;
  readonly late_join: number;
  readonly phase: string;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly ended_at: string | null;
  /** Round length in ticks (0 until the room is created). */
  readonly round_length: number;
  /** The round's clock as last journaled (crash recovery). */
  readonly round_tick: number;
  readonly locked: number;
  /** The server process that runs the room (its public address), for restoring after a crash. */
  readonly owner: string;
  /** The class's current round: 1, then one more for each new round. */
  readonly round: number;
  /** Planning seconds each round of this class opens with (0: none). */
  readonly planning_seconds: number;
  /** Planning seconds left as last saved (crash recovery of a round still in planning). */
  readonly planning_left: number;
  /** The rules version of the process that last opened its room (1: before versions were recorded). */
  readonly rules_version: number;
}

export interface NewClassroom {
  readonly id: string;
  readonly code: string;
  readonly hostKeyHash: string;
  readonly projectorKeyHash: string;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly seed: number;
  readonly mode: string;
  readonly teamSize: number;
  readonly speed: number;
  readonly lateJoin: boolean;
  /** Planning seconds each round opens with (absent: none). */
  readonly planningSeconds?: number;
}

/** What a new round of a class changes in its row: the game it plays. */
export interface NextRound {
  readonly round: number;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly seed: number;
  readonly roundLength: number;
  readonly planningSeconds: number;
}

export interface SeatRow {
  readonly seat_id: string;
  readonly nickname: string;
  readonly team: number;
  readonly cluster: string;
  readonly kicked: number;
  readonly token_hash: string;
}

/** The settings an instructor changes during a round, kept so a restored room has them. */
export interface LiveSettings {
  readonly speed: number;
  readonly lateJoin: boolean;
  readonly locked: boolean;
}

/** Phases in which a classroom's room is alive (and comes back after a crash). */
export const LIVE_PHASES = ["lobby", "planning", "running", "paused"] as const;

export class ClassroomStore {
  constructor(private readonly db: Db) {}

  create(c: NewClassroom): void {
    this.db
      .prepare(
        `INSERT INTO classrooms (id, code, host_key_hash, projector_key_hash, scenario_id, scenario_version, seed, mode, team_size, speed, late_join, planning_seconds, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.id,
        c.code,
        c.hostKeyHash,
        c.projectorKeyHash,
        c.scenarioId,
        c.scenarioVersion,
        c.seed,
        c.mode,
        c.teamSize,
        c.speed,
        c.lateJoin ? 1 : 0,
        c.planningSeconds ?? 0,
        new Date().toISOString(),
      );
  }

  byId(id: string): ClassroomRow | undefined {
    return this.db.prepare(`SELECT * FROM classrooms WHERE id = ?`).get(id) as ClassroomRow | undefined;
  }

  byCode(code: string): ClassroomRow | undefined {
    return this.db.prepare(`SELECT * FROM classrooms WHERE code = ?`).get(code) as ClassroomRow | undefined;
  }

  codeTaken(code: string): boolean {
    return this.db.prepare(`SELECT 1 FROM classrooms WHERE code = ?`).get(code) !== undefined;
  }

  setPhase(id: string, phase: string): void {
    const col =
      phase === "running" ? ", started_at = coalesce(started_at, ?)" : phase === "ended" ? ", ended_at = ?" : "";
    const args: unknown[] = [phase];
    if (col) args.push(new Date().toISOString());
    args.push(id);
    this.db.prepare(`UPDATE classrooms SET phase = ?${col} WHERE id = ?`).run(...args);
  }

  /** Records that a room now runs this classroom: in which process, for how many ticks, under which rules. */
  opened(id: string, owner: string, roundLength: number, rulesVersion: number): void {
    this.db
      .prepare(`UPDATE classrooms SET owner = ?, round_length = ?, rules_version = ? WHERE id = ?`)
      .run(owner, roundLength, rulesVersion, id);
  }

  /** Planning seconds left, saved as they tick down so a restored round keeps what was left. */
  savePlanningLeft(id: string, seconds: number): void {
    this.db.prepare(`UPDATE classrooms SET planning_left = ? WHERE id = ?`).run(seconds, id);
  }

  /** The class moves on to its next round (back to the lobby, same code, keys and seats). */
  nextRound(id: string, r: NextRound): void {
    this.db
      .prepare(
        `UPDATE classrooms SET round = ?, scenario_id = ?, scenario_version = ?, seed = ?, round_length = ?, planning_seconds = ?,
           planning_left = 0, round_tick = 0, phase = 'lobby', started_at = NULL, ended_at = NULL WHERE id = ?`,
      )
      .run(r.round, r.scenarioId, r.scenarioVersion, r.seed, r.roundLength, r.planningSeconds, id);
  }

  saveSettings(id: string, s: LiveSettings): void {
    this.db
      .prepare(`UPDATE classrooms SET speed = ?, late_join = ?, locked = ? WHERE id = ?`)
      .run(s.speed, s.lateJoin ? 1 : 0, s.locked ? 1 : 0, id);
  }

  /**
   * Classrooms whose room was alive when its process stopped. With `owner` only those that
   * process ran (several processes share a DATA_DIR); without, all of them.
   */
  live(owner?: string): ClassroomRow[] {
    const phases = LIVE_PHASES.map(() => "?").join(", ");
    const sql = `SELECT * FROM classrooms WHERE phase IN (${phases})${owner === undefined ? "" : " AND owner = ?"} ORDER BY created_at`;
    return this.db.prepare(sql).all(...LIVE_PHASES, ...(owner === undefined ? [] : [owner])) as ClassroomRow[];
  }

  saveSeat(
    classroomId: string,
    s: { id: string; tokenHash: string; nickname: string; team: number; cluster: string; kicked: boolean },
  ): void {
    this.db
      .prepare(
        `INSERT INTO seats (classroom_id, seat_id, token_hash, nickname, team, cluster, kicked, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (classroom_id, seat_id) DO UPDATE SET nickname = excluded.nickname, team = excluded.team, cluster = excluded.cluster, kicked = excluded.kicked`,
      )
      .run(classroomId, s.id, s.tokenHash, s.nickname, s.team, s.cluster, s.kicked ? 1 : 0, new Date().toISOString());
  }

  seats(classroomId: string): SeatRow[] {
    return this.db
      .prepare(
        `SELECT seat_id, nickname, team, cluster, kicked, token_hash FROM seats WHERE classroom_id = ? ORDER BY joined_at, seat_id`,
      )
      .all(classroomId) as SeatRow[];
  }
}
