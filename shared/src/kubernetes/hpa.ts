/**
 * The Horizontal Pod Autoscaler, every 15 s, as kube-controller-manager runs an HPA with no
 * `behavior` set (pkg/controller/podautoscaler/horizontal.go, replica_calculator.go):
 *
 * 1. Replicas outside [min, max] are brought inside first, with no metrics (0 too: see
 *    docs/rules.md, where the game departs).
 * 2. The replica calculator (GetResourceReplicas) groups the pods: ready pods with a CPU
 *    sample; unready ones (Pending, or in their first 5 minutes and ready for less than one
 *    metrics window); pods with no sample (a container not running, a dead node). From the ready pods alone:
 *    utilisation = CPU used ÷ CPU requested, percent, truncated (a pod bursting into idle
 *    CPU above its request counts over 100 %, as metrics-server reports it). Within the 0.1 tolerance of the
 *    target nothing changes; with no unready or missing pods the proposal is
 *    ceil(ready pods × utilisation ÷ target). Otherwise it is recomputed conservatively:
 *    missing pods count as 0 % on a scale-up and as max(100 %, target) on a scale-down;
 *    unready pods count as 0 % on a scale-up (and are left out of a scale-down); a proposal
 *    that would then flip direction, or fall within the tolerance, changes nothing.
 * 3. Stabilisation (normalizeDesiredReplicas): the highest proposal of the last 300 s,
 *    this one included; then at most max(2 × current, 4) replicas and within [min, max].
 */
import {
  HPA_CPU_INITIALIZATION_TICKS,
  HPA_METRIC_WINDOW_TICKS,
  HPA_SCALE_DOWN_WINDOW_TICKS,
  HPA_SCALE_UP_MIN_PODS,
  HPA_SYNC_TICKS,
  HPA_TOLERANCE_PCT,
} from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import type { Deployment, Hpa, Instance, World } from "../model/model.ts";

/** How the metrics pipeline sees one pod of the Deployment. */
export type MetricKind = "ready" | "unready" | "missing";

export interface PodMetric {
  readonly kind: MetricKind;
  /** CPU request, millicores. */
  readonly req: number;
  /** CPU it used in the last tick, millicores (ready pods only). */
  readonly used: number;
}

export interface Proposal {
  /** Replicas the metrics ask for (before stabilisation and limits). */
  readonly replicas: number;
  /** Utilisation of the ready pods, percent of their requests: what `kubectl get hpa` shows. */
  readonly utilization: number;
}

function withinTolerance(utilization: number, target: number): boolean {
  return Math.abs(utilization - target) * 100 <= HPA_TOLERANCE_PCT * target;
}

/** ceil(n × utilization ÷ target) in integers. */
function scaled(n: number, utilization: number, target: number): number {
  return Math.floor((n * utilization + target - 1) / target);
}

/**
 * GetResourceReplicas: the replicas these pods' metrics ask for, or null when no pod has a
 * usable sample (the HPA then leaves the Deployment alone).
 */
export function proposeReplicas(current: number, target: number, pods: readonly PodMetric[]): Proposal | null {
  let readyCount = 0;
  let used = 0;
  let req = 0;
  let unready = 0;
  let missing = 0;
  for (const p of pods) {
    if (p.kind === "ready") {
      readyCount++;
      used += p.used;
      req += p.req;
    } else if (p.kind === "unready") unready++;
    else missing++;
  }
  if (readyCount === 0 || req === 0) return null;
  const utilization = Math.trunc((used * 100) / req);
  const up = utilization > target;
  const down = utilization < target;
  const scaleUpWithUnready = unready > 0 && up;
  if (!scaleUpWithUnready && missing === 0) {
    if (withinTolerance(utilization, target)) return { replicas: current, utilization };
    return { replicas: scaled(readyCount, utilization, target), utilization };
  }
  // Recompute with conservative values for the pods without a usable sample.
  let used2 = used;
  let req2 = req;
  let counted = readyCount;
  const fallbackPct = Math.max(100, target);
  for (const p of pods) {
    if (p.kind === "missing" && (up || down)) {
      used2 += down ? Math.trunc((p.req * fallbackPct) / 100) : 0;
      req2 += p.req;
      counted++;
    } else if (p.kind === "unready" && scaleUpWithUnready) {
      req2 += p.req;
      counted++;
    }
  }
  const newUtilization = Math.trunc((used2 * 100) / req2);
  const newUp = newUtilization > target;
  const newDown = newUtilization < target;
  if (withinTolerance(newUtilization, target) || (down && newUp) || (up && newDown))
    return { replicas: current, utilization };
  const replicas = scaled(counted, newUtilization, target);
  if ((newDown && replicas > current) || (newUp && replicas < current)) return { replicas: current, utilization };
  return { replicas, utilization };
}

/**
 * normalizeDesiredReplicas with convertDesiredReplicasWithRules: the highest proposal within
 * the stabilisation window (`recs`: [tick, replicas] pairs; one exactly 300 s old still
 * counts), then no more than max(2 × current, 4) and within [min, max].
 */
export function stabilize(current: number, proposal: number, hpa: Hpa, tick: number): number {
  let highest = proposal;
  for (let k = 0; k < hpa.recs.length; k += 2) {
    if (hpa.recs[k]! >= tick - HPA_SCALE_DOWN_WINDOW_TICKS && hpa.recs[k + 1]! > highest) highest = hpa.recs[k + 1]!;
  }
  const maxAllowed = Math.min(hpa.max, Math.max(2 * current, HPA_SCALE_UP_MIN_PODS));
  if (highest < hpa.min) return hpa.min;
  if (highest > maxAllowed) return maxAllowed;
  return highest;
}

/**
 * groupPods: Pending pods (waiting, pulling, starting) are unready, and so is a pod in its
 * first 5 minutes that became ready less than one metrics window ago; a pod whose container
 * is not running (crashed, in back-off) or whose node is dead has no sample. The game takes
 * a pod's creation as its start (upstream: when the kubelet took it).
 */
export function podMetric(w: World, p: Instance): PodMetric {
  switch (p.state) {
    case "running": {
      const young = w.tick - p.born < HPA_CPU_INITIALIZATION_TICKS;
      if (young && (p.runningSince < 0 || w.tick - p.runningSince < HPA_METRIC_WINDOW_TICKS))
        return { kind: "unready", req: p.reqCpu, used: 0 };
      return { kind: "ready", req: p.reqCpu, used: p.cpuUsed };
    }
    case "pending":
    case "pulling":
    case "booting":
      return { kind: "unready", req: p.reqCpu, used: 0 };
    default:
      return { kind: "missing", req: p.reqCpu, used: 0 };
  }
}

export function hpaTick(w: World, log: EventLog, bySvc: Instance[][]): void {
  if (log.tick % HPA_SYNC_TICKS !== 0) return;
  for (let s = 0; s < w.services.length; s++) {
    const dep: Deployment | null = w.services[s]!.deployment;
    if (!dep || !dep.hpa.enabled) continue;
    const hpa = dep.hpa;
    const current = dep.replicas;
    let desired: number;
    // Upstream leaves a Deployment at 0 replicas alone; the game's Deployments start at 0,
    // so an HPA brings them up to its minimum like any other count below it.
    if (current > hpa.max) desired = hpa.max;
    else if (current < hpa.min) desired = hpa.min;
    else {
      const proposal = proposeReplicas(
        current,
        hpa.targetPct,
        bySvc[s]!.map((p) => podMetric(w, p)),
      );
      hpa.lastUtil = proposal ? proposal.utilization : -1;
      if (!proposal) continue;
      desired = stabilize(current, proposal.replicas, hpa, log.tick);
      hpa.recs.push(log.tick, proposal.replicas);
      while (hpa.recs.length > 0 && hpa.recs[0]! < log.tick - HPA_SCALE_DOWN_WINDOW_TICKS) hpa.recs.splice(0, 2);
    }
    if (desired !== current) {
      log.push("hpa-scaled", "autoscaled", { service: s, from: current, to: desired, state: String(hpa.lastUtil) });
      dep.replicas = desired;
    }
  }
}
