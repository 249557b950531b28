/**
 * A finished round's results (one row per student) and replays (one msgpackr blob per
 * cluster), written in one transaction when the round ends so that a restart never finds
 * half a round.
 */
import type { Db } from "./db.ts";

export interface ResultRow {
  readonly seat_id: string;
  readonly cluster: string;
  readonly nickname: string;
  readonly team: number;
  readonly score: number;
  readonly sla_bp: number;
  readonly money: number;
  readonly bankrupt: number;
  readonly ticks: number;
  readonly state_hash: string;
  readonly incidents_json: string;
}

export interface NewResult {
  readonly seatId: string;
  readonly cluster: string;
  readonly nickname: string;
  readonly team: number;
  readonly score: number;
  readonly slaBp: number;
  readonly money: number;
  readonly bankrupt: boolean;
  readonly ticks: number;
  readonly stateHash: string;
  readonly incidents: unknown;
}

export class ResultStore {
  constructor(private readonly db: Db) {}

  saveRound(classroomId: string, results: readonly NewResult[], replays: ReadonlyMap<string, Uint8Array>): void {
    const putResult = this.db.prepare(
      `INSERT OR REPLACE INTO results (classroom_id, seat_id, cluster, nickname, team, score, sla_bp, money, bankrupt, ticks, state_hash, incidents_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const putReplay = this.db.prepare(`INSERT OR REPLACE INTO replays (classroom_id, cluster, bytes) VALUES (?, ?, ?)`);
    const end = this.db.prepare(`UPDATE classrooms SET phase = 'ended', ended_at = ? WHERE id = ?`);
    this.db.transaction(() => {
      for (const r of results) {
        putResult.run(classroomId, r.seatId, r.cluster, r.nickname, r.team, r.score, r.slaBp, r.money, r.bankrupt ? 1 : 0, r.ticks, r.stateHash, JSON.stringify(r.incidents));
      }
      for (const [cluster, bytes] of replays) putReplay.run(classroomId, cluster, Buffer.from(bytes));
      end.run(new Date().toISOString(), classroomId);
    })();
  }

  results(classroomId: string): ResultRow[] {
    return this.db.prepare(`SELECT * FROM results WHERE classroom_id = ? ORDER BY score DESC, nickname`).all(classroomId) as ResultRow[];
  }

  replay(classroomId: string, cluster: string): Uint8Array | undefined {
    const row = this.db.prepare(`SELECT bytes FROM replays WHERE classroom_id = ? AND cluster = ?`).get(classroomId, cluster) as { bytes: Buffer } | undefined;
    return row ? new Uint8Array(row.bytes) : undefined;
  }
}
