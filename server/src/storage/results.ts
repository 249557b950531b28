/**
 * A finished round's results (one row per student), replays (one msgpackr blob per
 * cluster) and what it played (scenario, seed, length), written in one transaction when the
 * round ends so that a restart never finds half a round. A class may play several rounds:
 * everything is keyed by round number.
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
  readonly bailouts: number;
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
  readonly bailouts: number;
  readonly ticks: number;
  readonly stateHash: string;
  readonly incidents: unknown;
}

/** A finished round: what it played. */
export interface RoundRow {
  readonly round: number;
  readonly scenario_id: string;
  readonly scenario_version: number;
  /** The rules version it was played under (1: before versions were recorded). */
  readonly rules_version: number;
  readonly seed: number;
  readonly length: number;
  readonly ended_at: string;
}

export interface FinishedRound {
  readonly round: number;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly rulesVersion: number;
  readonly seed: number;
  readonly length: number;
}

export class ResultStore {
  constructor(private readonly db: Db) {}

  saveRound(
    classroomId: string,
    round: FinishedRound,
    results: readonly NewResult[],
    replays: ReadonlyMap<string, Uint8Array>,
  ): void {
    const putResult = this.db.prepare(
      `INSERT OR REPLACE INTO results (classroom_id, round, seat_id, cluster, nickname, team, score, sla_bp, money, bailouts, ticks, state_hash, incidents_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const putReplay = this.db.prepare(
      `INSERT OR REPLACE INTO replays (classroom_id, round, cluster, bytes) VALUES (?, ?, ?, ?)`,
    );
    const putRound = this.db.prepare(
      `INSERT OR REPLACE INTO rounds (classroom_id, round, scenario_id, scenario_version, rules_version, seed, length, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const end = this.db.prepare(`UPDATE classrooms SET phase = 'ended', ended_at = ? WHERE id = ?`);
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const r of results) {
        putResult.run(
          classroomId,
          round.round,
          r.seatId,
          r.cluster,
          r.nickname,
          r.team,
          r.score,
          r.slaBp,
          r.money,
          r.bailouts,
          r.ticks,
          r.stateHash,
          JSON.stringify(r.incidents),
        );
      }
      for (const [cluster, bytes] of replays) putReplay.run(classroomId, round.round, cluster, Buffer.from(bytes));
      putRound.run(
        classroomId,
        round.round,
        round.scenarioId,
        round.scenarioVersion,
        round.rulesVersion,
        round.seed,
        round.length,
        now,
      );
      end.run(now, classroomId);
    })();
  }

  results(classroomId: string, round: number): ResultRow[] {
    return this.db
      .prepare(`SELECT * FROM results WHERE classroom_id = ? AND round = ? ORDER BY score DESC, nickname`)
      .all(classroomId, round) as ResultRow[];
  }

  replay(classroomId: string, round: number, cluster: string): Uint8Array | undefined {
    const row = this.db
      .prepare(`SELECT bytes FROM replays WHERE classroom_id = ? AND round = ? AND cluster = ?`)
      .get(classroomId, round, cluster) as { bytes: Buffer } | undefined;
    return row ? new Uint8Array(row.bytes) : undefined;
  }

  /** The class's finished rounds, first to last. */
  rounds(classroomId: string): RoundRow[] {
    return this.db
      .prepare(
        `SELECT round, scenario_id, scenario_version, rules_version, seed, length, ended_at FROM rounds WHERE classroom_id = ? ORDER BY round`,
      )
      .all(classroomId) as RoundRow[];
  }
}
