/**
 * The class summary: a round's incidents summed up by the concept they teach, over every
 * datacenter of the class, with a verdict — what the class handled well and what badly.
 * The projector closes the round with it, the instructor's page and the JSON report carry
 * it (as `summary`).
 *
 * Verdict: an incident counts as handled when something resolved it in place — automation
 * the student bought (Kubernetes, VM HA, the autoscaler), preparation (spare capacity, CPU
 * limits, a hypervisor's isolation), node repair, or the student by hand. One still open at
 * the end, or that passed with nobody acting while requests were dropped ("nobody"),
 * counts against. One that simply ran its course ("time": a registry outage ends by itself)
 * is not judged. Handled share ≥ WELL: "well"; under BADLY: "badly"; between: "mixed".
 */
import { INCIDENT_CONCEPT, INCIDENT_PREVENTION, type ClassSummary, type ConceptVerdict } from "@overcommit/shared";
import { conceptName, countList, handlerName, type ReportRow } from "./report.ts";

const WELL = 0.8;
const BADLY = 0.5;
/** Resolutions that say nothing about how the class played. */
const NOT_JUDGED = new Set(["time"]);
/** Resolutions that are no handling at all. */
const NOT_HANDLED = new Set(["nobody"]);

interface Tally {
  incidents: number;
  open: number;
  clusters: number;
  dropped: number;
  handledBy: Record<string, number>;
}

/** Sums the rows by concept, counting each datacenter once (team members share one). */
export function classSummary(rows: readonly ReportRow[], round: number): ClassSummary {
  const seen = new Set<string>();
  const by = new Map<string, Tally>();
  for (const r of rows) {
    if (seen.has(r.cluster)) continue;
    seen.add(r.cluster);
    for (const [concept, c] of Object.entries(r.incidents)) {
      if (c.count === 0) continue;
      let t = by.get(concept);
      if (!t) by.set(concept, (t = { incidents: 0, open: 0, clusters: 0, dropped: 0, handledBy: {} }));
      t.incidents += c.count;
      t.open += c.open;
      t.clusters++;
      t.dropped += c.dropped;
      for (const [who, n] of Object.entries(c.handledBy)) t.handledBy[who] = (t.handledBy[who] ?? 0) + n;
    }
  }
  const concepts = [...by.entries()].map(([concept, t]) => verdictOf(concept, t, seen.size));
  concepts.sort((a, b) => b.incidents - a.incidents || a.term.localeCompare(b.term));
  return { round, clusters: seen.size, concepts };
}

function verdictOf(concept: string, t: Tally, clusters: number): ConceptVerdict {
  let handled = 0;
  let unjudged = 0;
  for (const [who, n] of Object.entries(t.handledBy)) {
    if (NOT_JUDGED.has(who)) unjudged += n;
    else if (!NOT_HANDLED.has(who)) handled += n;
  }
  const judged = t.incidents - unjudged;
  const share = judged > 0 ? handled / judged : t.dropped === 0 ? 1 : 0.5;
  const verdict = share >= WELL ? "well" : share < BADLY ? "badly" : "mixed";
  const term = conceptName(concept);
  const where = clusters > 1 ? ` in ${t.clusters} of ${clusters} datacenters` : "";
  const who = countList(t.handledBy, handlerName, "", true);
  const text =
    `${t.incidents} incident${t.incidents === 1 ? "" : "s"}${where}` +
    (who ? ` — ${who}` : "") +
    (t.open > 0 ? `; ${t.open} still open at the end` : "") +
    (t.dropped > 0 ? `; ${t.dropped.toLocaleString("en-US")} requests dropped` : "") +
    ".";
  return {
    concept,
    term,
    incidents: t.incidents,
    handled,
    open: t.open,
    clusters: t.clusters,
    dropped: t.dropped,
    handledBy: t.handledBy,
    verdict,
    text,
    tip: verdict === "well" ? "" : tipFor(concept),
  };
}

/** What would have helped with a concept: the prevention advice of the incident kinds that teach it. */
function tipFor(concept: string): string {
  const kinds = (Object.keys(INCIDENT_CONCEPT) as (keyof typeof INCIDENT_CONCEPT)[]).filter(
    (k) => INCIDENT_CONCEPT[k] === concept,
  );
  return kinds.length > 0 ? INCIDENT_PREVENTION[kinds[0]!] : "";
}
