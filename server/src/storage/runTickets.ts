/**
 * Run tickets: one row per ticket the server issued for a solo run (its SHA-256, never the
 * ticket itself), with the scenario, seed and assignment the run must be of, the rules
 * version the server then played and when it was issued. A ticket is used once: `use` marks
 * it in one statement, so two submissions with the same ticket cannot both get it. Tickets
 * are kept for a day and then forgotten.
 */
import type { Db } from "./db.ts";

export interface RunTicketRow {
  readonly token_hash: string;
  readonly scenario_id: string;
  readonly scenario_version: number;
  /** The rules version the server played when it issued the ticket (1: before versions were recorded). */
  readonly rules_version: number;
  readonly seed: number;
  readonly assignment_code: string | null;
  /** Milliseconds since the epoch, by the server's clock. */
  readonly issued_at: number;
  readonly used_at: number | null;
}

export interface NewRunTicket {
  readonly tokenHash: string;
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly rulesVersion: number;
  readonly seed: number;
  readonly assignmentCode: string | null;
  readonly issuedAt: number;
}

export class RunTicketStore {
  constructor(private readonly db: Db) {}

  issue(t: NewRunTicket): void {
    this.db
      .prepare(
        `INSERT INTO run_tickets (token_hash, scenario_id, scenario_version, rules_version, seed, assignment_code, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.tokenHash, t.scenarioId, t.scenarioVersion, t.rulesVersion, t.seed, t.assignmentCode, t.issuedAt);
  }

  byHash(tokenHash: string): RunTicketRow | undefined {
    return this.db.prepare(`SELECT * FROM run_tickets WHERE token_hash = ?`).get(tokenHash) as RunTicketRow | undefined;
  }

  /** Marks an unused ticket used; false if it was used already (or does not exist). */
  use(tokenHash: string, at: number): boolean {
    return (
      this.db.prepare(`UPDATE run_tickets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`).run(at, tokenHash)
        .changes === 1
    );
  }

  /** Forgets tickets issued before `before` (ms), used or not. */
  forgetBefore(before: number): number {
    return this.db.prepare(`DELETE FROM run_tickets WHERE issued_at < ?`).run(before).changes;
  }
}
