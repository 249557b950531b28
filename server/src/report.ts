/**
 * The end-of-round report: per student, the score, SLA, money and the incidents grouped by
 * the concept they teach, with who handled them. Built from the engine's own numbers
 * (scoreOf, slaBp, world.incidents), so the report cannot disagree with the game; the CSV
 * is a flat rendering of the same rows.
 */
import { scoreOf, slaBp, type World } from "@overcommit/shared";

export interface ConceptIncidents {
  readonly count: number;
  readonly resolved: number;
  readonly open: number;
  /** How many each resolver handled: "player", "kubernetes", "vm-ha", "autoscaler", "repair", "time". */
  readonly handledBy: Record<string, number>;
  readonly dropped: number;
}

export type IncidentSummary = Record<string, ConceptIncidents>;

export interface ReportRow {
  readonly seat: string;
  readonly nickname: string;
  readonly team: number;
  readonly cluster: string;
  readonly score: number;
  readonly slaBp: number;
  readonly money: number;
  readonly bankrupt: boolean;
  readonly ticks: number;
  readonly stateHash: string;
  readonly incidents: IncidentSummary;
}

export function incidentSummary(w: World): IncidentSummary {
  const out: Record<string, { count: number; resolved: number; open: number; handledBy: Record<string, number>; dropped: number }> = {};
  for (const i of w.incidents) {
    const c = (out[i.concept] ??= { count: 0, resolved: 0, open: 0, handledBy: {}, dropped: 0 });
    c.count++;
    c.dropped += i.dropped;
    if (i.resolvedAt >= 0) {
      c.resolved++;
      c.handledBy[i.resolvedBy] = (c.handledBy[i.resolvedBy] ?? 0) + 1;
    } else c.open++;
  }
  return out;
}

export function worldFigures(w: World): { score: number; slaBp: number; money: number; bankrupt: boolean; ticks: number } {
  return { score: scoreOf(w), slaBp: slaBp(w), money: w.money, bankrupt: w.bankrupt, ticks: w.tick };
}

const CSV_COLUMNS = ["nickname", "team", "cluster", "score", "sla_percent", "money", "bankrupt", "ticks", "incidents", "incidents_resolved", "incidents_by_concept", "handled_by"] as const;

function csvCell(v: string | number | boolean): string {
  const s = String(v);
  // Quote anything with a separator, and defuse spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(rows: readonly ReportRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) {
    const concepts = Object.entries(r.incidents);
    const handled: Record<string, number> = {};
    for (const [, c] of concepts) for (const [by, n] of Object.entries(c.handledBy)) handled[by] = (handled[by] ?? 0) + n;
    lines.push(
      [
        r.nickname,
        r.team,
        r.cluster,
        r.score,
        (r.slaBp / 100).toFixed(2),
        r.money,
        r.bankrupt,
        r.ticks,
        concepts.reduce((a, [, c]) => a + c.count, 0),
        concepts.reduce((a, [, c]) => a + c.resolved, 0),
        concepts.map(([k, c]) => `${k}:${c.count}`).join(" "),
        Object.entries(handled).map(([k, n]) => `${k}:${n}`).join(" "),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
