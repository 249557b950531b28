/**
 * The debrief of a round, computed from a world: what the client's debrief screen, the
 * instructor's report and the CLI show. One home for these numbers so that the screen and
 * the report can never disagree.
 *
 * - per service: demand, capacity and served over time (sampled every 30 s);
 * - incidents with cause, who handled them, how long they lasted and what they cost;
 * - the VM vs container table filled with the player's own measurements;
 * - packing efficiency: the lower bound of nodes needed ÷ nodes used, averaged over time.
 */
import { HISTORY_SAMPLE_TICKS, VM_GUEST_OS_MEM } from "../model/constants.ts";
import type { World } from "../model/model.ts";
import { scoreOf, slaBp, starsOf } from "../datacenter/economy.ts";
import { bailoutFee } from "../datacenter/bailout.ts";
import { INCIDENT_PREVENTION } from "../datacenter/incidents.ts";
import { incidentTitle } from "./explain.ts";

export interface ServiceSeries {
  readonly id: string;
  readonly name: string;
  readonly every: number;
  readonly demand: number[];
  readonly capacity: number[];
  readonly served: number[];
  readonly totalDemand: number;
  readonly totalServed: number;
  readonly totalDropped: number;
}

export interface IncidentRow {
  /** How many identical incidents this row stands for (three replicas overloaded in the same second are one row, ×3). */
  readonly count: number;
  readonly tick: number;
  readonly kind: string;
  readonly title: string;
  readonly concept: string;
  readonly service: string;
  readonly node: number;
  readonly hit: number;
  readonly resolvedAt: number;
  readonly resolvedBy: string;
  /** Seconds from start to resolution, or -1 if it was never resolved. */
  readonly lasted: number;
  readonly dropped: number;
  readonly prevention: string;
}

export interface ComparisonRow {
  readonly aspect: "isolation" | "startup" | "efficiency" | "portability";
  readonly vm: string;
  readonly container: string;
}

export interface Debrief {
  readonly scenario: string;
  readonly ticks: number;
  readonly score: number;
  readonly money: number;
  readonly slaBp: number;
  readonly stars: number;
  /** Bail-outs, the loans and fees they added to the score's debt, and the fees alone. */
  readonly bailouts: number;
  readonly debt: number;
  /** Score = revenue − costs − penalties − bailoutFees. */
  readonly bailoutFees: number;
  readonly services: ServiceSeries[];
  readonly incidents: IncidentRow[];
  readonly incidentsByConcept: Record<string, number>;
  readonly handledBy: Record<string, number>;
  readonly comparison: ComparisonRow[];
  /** Lower bound of nodes ÷ nodes used, percent (100 = perfectly packed), -1 if no data. */
  readonly packingPct: number;
  readonly revenue: number;
  readonly costs: number;
  readonly penalties: number;
  /** Of the costs: restarts paged to the on-call engineer, and what they cost. */
  readonly onCallPages: number;
  readonly onCallCost: number;
  /** Machines set up by hand (hand work) and the seconds of the player's own time they took. */
  readonly handJobs: number;
  readonly handSeconds: number;
  /** Of the penalties: fines for card data breached on a shared kernel (the rest are SLA credits). */
  readonly breachFines: number;
}

function avg(total: number, n: number): string {
  return n === 0 ? "—" : `${(total / n).toFixed(1)} s`;
}

export function comparisonTable(w: World): ComparisonRow[] {
  const s = w.stats;
  const vmOverheadPct =
    s.vmReservedMem === 0 ? -1 : Math.round(((s.vmReservedMem - s.vmAppMem) * 100) / s.vmReservedMem);
  return [
    {
      aspect: "isolation",
      vm: `Own guest OS and kernel: kernel incidents killed ${s.vmsHitByKernel} of your VMs.`,
      container: `Shared host kernel: kernel incidents killed ${s.containersHitByKernel} of your containers.`,
    },
    {
      aspect: "startup",
      vm: `Boots a whole OS: your VMs took ${avg(s.vmStartTicks, s.vmStarts)} on average to serve (${s.vmStarts} starts).`,
      container: `Starts the app only: your containers took ${avg(s.containerStartTicks, s.containerStarts)} on average, image pulls included (${s.containerStarts} starts).`,
    },
    {
      aspect: "efficiency",
      vm:
        vmOverheadPct < 0
          ? `Each VM reserves ${VM_GUEST_OS_MEM} MiB for its guest OS before the app gets any.`
          : `${vmOverheadPct}% of the memory your VMs reserved went to guest operating systems.`,
      container: "No guest OS: everything a container reserves goes to the app.",
    },
    {
      aspect: "portability",
      vm: `Moves whole, between Type 1 hosts only: you live-migrated ${s.migrations} VM(s).`,
      container: `An image runs on any container host: your images were pulled onto nodes ${s.imagePulls} time(s).`,
    },
  ];
}

/**
 * The round's incidents as rows, identical ones merged: same second, kind, service and
 * node, resolved at the same time by the same hand. Each dropped request belongs to one
 * incident (incidents.ts), so a merged row sums its incidents' figures.
 */
/** A VM has no memory limit to set (its guest's memory is one): what prevents its OOM kills. */
const VM_OOM_PREVENTION =
  "A leak fills the VM's guest memory: roll out a fixed release, and restart the VMs still on the leaking one.";

export function incidentRows(w: World): IncidentRow[] {
  const sc = w.scenario;
  const rows: IncidentRow[] = [];
  const byKey = new Map<string, number>();
  for (const i of w.incidents) {
    const resolvedBy = i.resolvedAt >= 0 ? i.resolvedBy : "unresolved";
    const key = `${i.tick}|${i.kind}|${i.service}|${i.node}|${i.resolvedAt}|${resolvedBy}`;
    const at = byKey.get(key);
    if (at !== undefined) {
      const r = rows[at]!;
      rows[at] = { ...r, count: r.count + 1, hit: r.hit + i.hit, dropped: r.dropped + i.dropped };
      continue;
    }
    byKey.set(key, rows.length);
    rows.push({
      count: 1,
      tick: i.tick,
      kind: i.kind,
      title: incidentTitle(i.kind),
      concept: i.concept,
      service: i.service >= 0 ? sc.services[i.service]!.name : "",
      node: i.node,
      hit: i.hit,
      resolvedAt: i.resolvedAt,
      resolvedBy,
      lasted: i.resolvedAt >= 0 ? i.resolvedAt - i.tick : -1,
      dropped: i.dropped,
      prevention:
        i.kind === "oom" && i.node >= 0 && w.nodes[i.node]!.mode !== "container-host"
          ? VM_OOM_PREVENTION
          : INCIDENT_PREVENTION[i.kind],
    });
  }
  return rows;
}

export function debrief(w: World): Debrief {
  const sc = w.scenario;
  const services: ServiceSeries[] = w.services.map((st, k) => {
    const demand: number[] = [];
    const capacity: number[] = [];
    const served: number[] = [];
    for (let i = 0; i + 2 < st.history.length; i += 3) {
      demand.push(st.history[i]!);
      capacity.push(st.history[i + 1]!);
      served.push(st.history[i + 2]!);
    }
    const spec = sc.services[k]!;
    return {
      id: spec.id,
      name: spec.name,
      every: HISTORY_SAMPLE_TICKS,
      demand,
      capacity,
      served,
      totalDemand: st.totalDemand,
      totalServed: st.totalServed,
      totalDropped: st.totalDropped,
    };
  });
  const incidents = incidentRows(w);
  const incidentsByConcept: Record<string, number> = {};
  const handledBy: Record<string, number> = {};
  for (const r of incidents) {
    incidentsByConcept[r.concept] = (incidentsByConcept[r.concept] ?? 0) + r.count;
    handledBy[r.resolvedBy] = (handledBy[r.resolvedBy] ?? 0) + r.count;
  }
  return {
    scenario: sc.id,
    ticks: w.tick,
    score: scoreOf(w),
    money: w.money,
    slaBp: slaBp(w),
    stars: starsOf(w),
    bailouts: w.bailouts,
    debt: w.debt,
    bailoutFees: w.bailouts * bailoutFee(w),
    services,
    incidents,
    incidentsByConcept,
    handledBy,
    comparison: comparisonTable(w),
    packingPct: w.stats.nodeTicks === 0 ? -1 : Math.round((w.stats.lowerBoundTicks * 100) / w.stats.nodeTicks),
    revenue: w.stats.revenue,
    costs: w.stats.costs,
    penalties: w.stats.penalties,
    onCallPages: w.stats.onCallPages,
    onCallCost: w.stats.onCallCost,
    handJobs: w.stats.handJobs,
    handSeconds: w.stats.handTicks,
    breachFines: w.incidents.filter((i) => i.kind === "breach").length * sc.breachFine,
  };
}
