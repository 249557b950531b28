/**
 * Assignments (a scenario, a seed and a deadline published under a code) and verified solo
 * runs: a run is stored only after the server re-simulated its replay and got the score
 * itself, so every number here is the server's, not the browser's.
 */
import type { Db } from "./db.ts";

export interface AssignmentRow {
  readonly code: string;
  readonly host_key_hash: string;
  readonly scenario_id: string;
  readonly scenario_version: number;
  readonly seed: number;
  readonly deadline: string;
  readonly created_at: string;
}

export interface SoloRunRow {
  readonly id: number;
  readonly scenario_id: string;
  readonly scenario_version: number;
  /** The rules version it was verified under (1: before versions were recorded). */
  readonly rules_version: number;
  readonly seed: number;
  readonly nickname: string;
  readonly assignment_code: string | null;
  readonly score: number;
  readonly sla_bp: number;
  readonly stars: number;
  readonly money: number;
  readonly bailouts: number;
  readonly ticks: number;
  readonly state_hash: string;
  readonly submitted_at: string;
}

export interface NewSoloRun {
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly rulesVersion: number;
  readonly seed: number;
  readonly nickname: string;
  readonly assignmentCode: string | null;
  readonly score: number;
  readonly slaBp: number;
  readonly stars: number;
  readonly money: number;
  readonly bailouts: number;
  readonly ticks: number;
  readonly stateHash: string;
  readonly replay: Uint8Array;
}

const RUN_COLUMNS =
  "id, scenario_id, scenario_version, rules_version, seed, nickname, assignment_code, score, sla_bp, stars, money, bailouts, ticks, state_hash, submitted_at";

export class AssignmentStore {
  constructor(private readonly db: Db) {}

  create(a: {
    code: string;
    hostKeyHash: string;
    scenarioId: string;
    scenarioVersion: number;
    seed: number;
    deadline: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO assignments (code, host_key_hash, scenario_id, scenario_version, seed, deadline, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.code, a.hostKeyHash, a.scenarioId, a.scenarioVersion, a.seed, a.deadline, new Date().toISOString());
  }

  byCode(code: string): AssignmentRow | undefined {
    return this.db.prepare(`SELECT * FROM assignments WHERE code = ?`).get(code) as AssignmentRow | undefined;
  }

  codeTaken(code: string): boolean {
    return this.byCode(code) !== undefined;
  }

  addRun(r: NewSoloRun): number {
    const info = this.db
      .prepare(
        `INSERT INTO solo_runs (scenario_id, scenario_version, rules_version, seed, nickname, assignment_code, score, sla_bp, stars, money, bailouts, ticks, state_hash, replay, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.scenarioId,
        r.scenarioVersion,
        r.rulesVersion,
        r.seed,
        r.nickname,
        r.assignmentCode,
        r.score,
        r.slaBp,
        r.stars,
        r.money,
        r.bailouts,
        r.ticks,
        r.stateHash,
        Buffer.from(r.replay),
        new Date().toISOString(),
      );
    return Number(info.lastInsertRowid);
  }

  runsOf(assignmentCode: string): SoloRunRow[] {
    return this.db
      .prepare(`SELECT ${RUN_COLUMNS} FROM solo_runs WHERE assignment_code = ? ORDER BY score DESC, submitted_at`)
      .all(assignmentCode) as SoloRunRow[];
  }

  /**
   * The best verified run per nickname on one seed of a scenario's version under one rules
   * version, best first: scores made under other rules are not comparable.
   */
  leaderboard(
    game: { scenarioId: string; scenarioVersion: number; rulesVersion: number; seed: number },
    limit: number,
  ): SoloRunRow[] {
    return this.db
      .prepare(
        `SELECT ${RUN_COLUMNS} FROM solo_runs r WHERE scenario_id = ? AND scenario_version = ? AND rules_version = ? AND seed = ?
           AND id = (SELECT id FROM solo_runs s WHERE s.scenario_id = r.scenario_id AND s.scenario_version = r.scenario_version
             AND s.rules_version = r.rules_version AND s.seed = r.seed AND s.nickname = r.nickname ORDER BY score DESC, id LIMIT 1)
         ORDER BY score DESC, id LIMIT ?`,
      )
      .all(game.scenarioId, game.scenarioVersion, game.rulesVersion, game.seed, limit) as SoloRunRow[];
  }
}
