/**
 * The Horizontal Pod Autoscaler, every 15 s:
 *   desired = ceil(current × utilisation / target), unchanged within the 0.1 tolerance;
 *   scale-up limited to max(+100 %, +4 pods) per period; scale-down to the highest
 *   recommendation of the last 300 s (the stabilisation window); clamped to [min, max].
 * Utilisation is the pods' CPU use over their CPU requests: a pod serving its full capacity
 * uses its whole request; without a CPU limit it may burst to twice that.
 */
import {
  HPA_SCALE_DOWN_WINDOW_TICKS,
  HPA_SCALE_UP_PCT,
  HPA_SCALE_UP_PODS,
  HPA_SYNC_TICKS,
  HPA_TOLERANCE_PCT,
} from "../constants.ts";
import type { EventLog } from "../events.ts";
import type { Deployment, Hpa, Instance, World } from "../model.ts";

/** Upper bound of measured utilisation for a pod with no CPU limit (bursting into idle CPU). */
const UNLIMITED_BURST_PCT = 200;

export interface HpaDecision {
  readonly desired: number;
  readonly recommendation: number;
}

/**
 * The pure decision: given the current replicas, the measured utilisation, the HPA's
 * settings and its past recommendations, the replicas to set. Table-tested on its own.
 */
export function hpaDecide(current: number, utilPct: number, hpa: Hpa, tick: number): HpaDecision {
  let rec = current;
  const diff = Math.abs(utilPct - hpa.targetPct) * 100;
  if (diff > HPA_TOLERANCE_PCT * hpa.targetPct) rec = Math.ceil((current * utilPct) / hpa.targetPct);
  rec = Math.min(hpa.max, Math.max(hpa.min, rec));
  let desired: number;
  if (rec > current) {
    const upLimit = Math.max(current + Math.ceil((current * HPA_SCALE_UP_PCT) / 100), current + HPA_SCALE_UP_PODS);
    desired = Math.min(rec, upLimit);
  } else {
    // Scale down only as far as the highest recommendation within the window allows.
    let highest = rec;
    for (let k = 0; k < hpa.recs.length; k += 2) {
      if (hpa.recs[k]! > tick - HPA_SCALE_DOWN_WINDOW_TICKS) highest = Math.max(highest, hpa.recs[k + 1]!);
    }
    desired = Math.min(current, highest);
  }
  return { desired: Math.min(hpa.max, Math.max(hpa.min, desired)), recommendation: rec };
}

/** Mean CPU utilisation of the running pods, percent of request. -1 when none run. */
export function utilisation(w: World, pods: readonly Instance[]): number {
  let used = 0;
  let req = 0;
  for (const p of pods) {
    if (p.state !== "running") continue;
    const spec = w.scenario.services[p.service]!;
    const cap = Math.max(1, Math.trunc((spec.capacity * p.reqCpu) / spec.cpu));
    const ceiling = p.limCpu > 0 ? Math.trunc((p.limCpu * 100) / p.reqCpu) : UNLIMITED_BURST_PCT;
    const pct = Math.min(ceiling, Math.trunc((p.load * 100) / cap));
    used += pct * p.reqCpu;
    req += p.reqCpu;
  }
  return req === 0 ? -1 : Math.trunc(used / req);
}

export function hpaTick(w: World, log: EventLog, bySvc: Instance[][]): void {
  if (log.tick % HPA_SYNC_TICKS !== 0) return;
  for (let s = 0; s < w.services.length; s++) {
    const dep: Deployment | null = w.services[s]!.deployment;
    if (!dep || !dep.hpa.enabled) continue;
    const util = utilisation(w, bySvc[s]!);
    dep.hpa.lastUtil = util;
    if (util < 0) continue;
    const { desired, recommendation } = hpaDecide(dep.replicas, util, dep.hpa, log.tick);
    dep.hpa.recs.push(log.tick, recommendation);
    while (dep.hpa.recs.length > 0 && dep.hpa.recs[0]! <= log.tick - HPA_SCALE_DOWN_WINDOW_TICKS) dep.hpa.recs.splice(0, 2);
    if (desired !== dep.replicas) {
      log.push("hpa-scaled", "autoscaled", { service: s, a: dep.replicas, b: desired, state: String(util) });
      dep.replicas = desired;
    }
  }
}
