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
}

export interface SeatRow {
  readonly seat_id: string;
  readonly nickname: string;
  readonly team: number;
  readonly cluster: string;
  readonly kicked: number;
}

export class ClassroomStore {
  constructor(private readonly db: Db) {}

  create(c: NewClassroom): void {
    this.db
      .prepare(
        `INSERT INTO classrooms (id, code, host_key_hash, projector_key_hash, scenario_id, scenario_version, seed, mode, team_size, speed, late_join, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.code, c.hostKeyHash, c.projectorKeyHash, c.scenarioId, c.scenarioVersion, c.seed, c.mode, c.teamSize, c.speed, c.lateJoin ? 1 : 0, new Date().toISOString());
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
    const col = phase === "running" ? ", started_at = coalesce(started_at, ?)" : phase === "ended" ? ", ended_at = ?" : "";
    const args: unknown[] = [phase];
    if (col) args.push(new Date().toISOString());
    args.push(id);
    this.db.prepare(`UPDATE classrooms SET phase = ?${col} WHERE id = ?`).run(...args);
  }

  saveSeat(classroomId: string, s: { id: string; nickname: string; team: number; cluster: string; kicked: boolean }): void {
    this.db
      .prepare(
        `INSERT INTO seats (classroom_id, seat_id, nickname, team, cluster, kicked, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (classroom_id, seat_id) DO UPDATE SET nickname = excluded.nickname, team = excluded.team, cluster = excluded.cluster, kicked = excluded.kicked`,
      )
      .run(classroomId, s.id, s.nickname, s.team, s.cluster, s.kicked ? 1 : 0, new Date().toISOString());
  }

  seats(classroomId: string): SeatRow[] {
    return this.db.prepare(`SELECT seat_id, nickname, team, cluster, kicked FROM seats WHERE classroom_id = ? ORDER BY joined_at, seat_id`).all(classroomId) as SeatRow[];
  }
}
