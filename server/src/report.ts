/**
 * The end-of-round report: per student, the score, SLA, money and the incidents grouped by
 * the concept they teach, with who handled them. Built from the engine's own numbers
 * (scoreOf, slaBp, world.incidents), so the report cannot disagree with the game. The CSV
 * is the same rows for a spreadsheet: human column names, every cell filled, the words a
 * teacher would use (classSummary.ts sums the rows up by concept for the class).
 */
import { clock, getConcept, scoreOf, slaBp, type World } from "@overcommit/shared";

export interface ConceptIncidents {
  readonly count: number;
  readonly resolved: number;
  readonly open: number;
  /** How many each resolver handled: "player", "kubernetes", "vm-ha", "autoscaler", "repair", "time", … (HANDLERS). */
  readonly handledBy: Record<string, number>;
  readonly dropped: number;
  /** Simulated seconds the incidents stayed open, added up (open ones up to the end). Absent in reports stored before it existed. */
  readonly secondsOpen?: number;
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
  /** Times the bank bailed the student out (their score carries the loans and fees). */
  readonly bailouts: number;
  readonly ticks: number;
  readonly stateHash: string;
  readonly incidents: IncidentSummary;
}

/** Who resolved incidents (the engine's resolver ids), as a person says it after a count: "2 by Kubernetes". */
export const HANDLERS: Readonly<Record<string, string>> = {
  player: "by hand",
  kubernetes: "by Kubernetes",
  "vm-ha": "by VM HA",
  autoscaler: "by the autoscaler",
  repair: "by node repair",
  hypervisor: "contained by the hypervisor",
  limits: "contained by CPU limits",
  headroom: "absorbed by spare capacity",
  time: "ran their course",
  nobody: "passed with nobody acting",
};

export function handlerName(id: string): string {
  return HANDLERS[id] ?? `by ${id || "unknown"}`;
}

export function conceptName(id: string): string {
  return getConcept(id)?.term ?? id;
}

export function incidentSummary(w: World): IncidentSummary {
  const out: Record<
    string,
    {
      count: number;
      resolved: number;
      open: number;
      handledBy: Record<string, number>;
      dropped: number;
      secondsOpen: number;
    }
  > = {};
  for (const i of w.incidents) {
    const c = (out[i.concept] ??= { count: 0, resolved: 0, open: 0, handledBy: {}, dropped: 0, secondsOpen: 0 });
    c.count++;
    c.dropped += i.dropped;
    c.secondsOpen += (i.resolvedAt >= 0 ? i.resolvedAt : w.tick) - i.tick;
    if (i.resolvedAt >= 0) {
      c.resolved++;
      c.handledBy[i.resolvedBy] = (c.handledBy[i.resolvedBy] ?? 0) + 1;
    } else c.open++;
  }
  return out;
}

export function worldFigures(w: World): {
  score: number;
  slaBp: number;
  money: number;
  bailouts: number;
  ticks: number;
} {
  return { score: scoreOf(w), slaBp: slaBp(w), money: w.money, bailouts: w.bailouts, ticks: w.tick };
}

function csvCell(v: string | number | boolean): string {
  const s = String(v);
  // Quote anything with a separator, and defuse spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Counts by key, largest first, as "Self-healing 2; Autoscaling 1" (`countFirst` false) or
 * "2 by Kubernetes; 1 by hand" (true); `empty` when there are none.
 */
export function countList(
  counts: Record<string, number>,
  name: (k: string) => string,
  empty: string,
  countFirst = false,
): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => (countFirst ? `${n} ${name(k)}` : `${name(k)} ${n}`));
  return parts.length > 0 ? parts.join("; ") : empty;
}

/** Sums a student's incidents over concepts. */
export function incidentTotals(s: IncidentSummary): {
  count: number;
  resolved: number;
  open: number;
  dropped: number;
  handledBy: Record<string, number>;
} {
  const t = { count: 0, resolved: 0, open: 0, dropped: 0, handledBy: {} as Record<string, number> };
  for (const c of Object.values(s)) {
    t.count += c.count;
    t.resolved += c.resolved;
    t.open += c.open;
    t.dropped += c.dropped;
    for (const [by, n] of Object.entries(c.handledBy)) t.handledBy[by] = (t.handledBy[by] ?? 0) + n;
  }
  return t;
}

/** The leaderboard's order: score, then SLA, then name. */
export function byRank(a: ReportRow, b: ReportRow): number {
  return b.score - a.score || b.slaBp - a.slaBp || a.nickname.localeCompare(b.nickname);
}

/** Competition ranks of rows sorted by `byRank`: the same score and SLA share a rank (1, 2, 2, 4), as on the board. */
export function ranks(rows: readonly { score: number; slaBp: number }[]): number[] {
  const out: number[] = [];
  rows.forEach((r, k) => {
    const prev = rows[k - 1];
    out.push(prev && prev.score === r.score && prev.slaBp === r.slaBp ? out[k - 1]! : k + 1);
  });
  return out;
}

/** The report as CSV, rows sorted best first; a Team column only when the class plays in teams. */
export function reportCsv(rows: readonly ReportRow[]): string {
  const teams = rows.some((r) => r.team > 0);
  const head = [
    "Rank",
    "Nickname",
    ...(teams ? ["Team"] : []),
    "Score (¢)",
    "SLA (%)",
    "Money at the end (¢)",
    "Bail-outs",
    "Simulated time played",
    "Incidents",
    "Handled",
    "Still open",
    "Incidents by concept",
    "Handled by",
    "Requests dropped during incidents",
  ];
  const lines = [head.map(csvCell).join(",")];
  const rank = ranks(rows);
  rows.forEach((r, k) => {
    const t = incidentTotals(r.incidents);
    const byConcept: Record<string, number> = {};
    for (const [concept, c] of Object.entries(r.incidents)) byConcept[concept] = c.count;
    const handledText =
      t.count === 0
        ? "no incidents"
        : [countList(t.handledBy, handlerName, "", true), t.open > 0 ? `${t.open} still open` : ""]
            .filter((x) => x !== "")
            .join("; ");
    lines.push(
      [
        rank[k]!,
        r.nickname,
        ...(teams ? [`Team ${r.team}`] : []),
        r.score,
        (r.slaBp / 100).toFixed(2),
        r.money,
        r.bailouts,
        clock(r.ticks),
        t.count,
        t.resolved,
        t.open,
        countList(byConcept, conceptName, "none"),
        handledText,
        t.dropped,
      ]
        .map(csvCell)
        .join(","),
    );
  });
  return `${lines.join("\r\n")}\r\n`;
}
