/**
 * Deployments and their ReplicaSets: the control loop that keeps the desired number of
 * pods of a service, and rolls a new release out with maxSurge / maxUnavailable.
 *
 * Steady state: too few pods → create Pending pods (the scheduler places them); too many →
 * delete the least useful first (pending, then not-ready, then the newest running).
 * Rollout: create new-release pods while the total stays within desired + maxSurge, and
 * delete old-release pods while the running count stays at least desired − maxUnavailable.
 * Pods on a dead node still count until they are evicted; that is why a node failure
 * costs the real 340 seconds before replacements appear.
 */
import { ROLLING_MAX_SURGE_PCT, ROLLING_MAX_UNAVAILABLE_PCT } from "../constants.ts";
import type { EventLog } from "../events.ts";
import type { Deployment, Instance, World } from "../model.ts";
import { createInstance, isActive, terminate } from "../instances.ts";
import type { Cause } from "../causes.ts";

export function newDeployment(w: World, service: number, replicas: number): Deployment {
  const spec = w.scenario.services[service]!;
  return {
    replicas,
    release: w.services[service]!.release,
    reqCpu: spec.cpu,
    reqMem: spec.mem,
    limCpu: 0,
    limMem: 0,
    pdbMin: -1,
    hpa: { enabled: false, min: 1, max: 10, targetPct: 70, recs: [], lastUtil: -1 },
    rolling: false,
  };
}

/** Services whose containers the control plane manages (anything not vm-only). */
export function canHaveDeployment(w: World, service: number): boolean {
  return w.scenario.services[service]!.runtime !== "vm-only";
}

/**
 * Buying the control plane: every container becomes a pod of its service's Deployment,
 * whose desired replicas start at the number of containers running it.
 */
export function adoptContainers(w: World): void {
  const counts = new Array<number>(w.services.length).fill(0);
  for (const i of w.instances) {
    if (i.runtime === "container" && isActive(i)) {
      i.managed = true;
      counts[i.service]!++;
    }
  }
  for (let s = 0; s < w.services.length; s++) {
    if (canHaveDeployment(w, s)) w.services[s]!.deployment = newDeployment(w, s, counts[s]!);
  }
}

export function newPod(w: World, log: EventLog, service: number, dep: Deployment, node: number, cause: Cause): Instance {
  return createInstance(w, log, {
    service,
    runtime: "container",
    node,
    managed: true,
    release: dep.release,
    reqCpu: dep.reqCpu,
    reqMem: dep.reqMem,
    limCpu: dep.limCpu,
    limMem: dep.limMem,
    cause,
  });
}

/** Deletion order: least useful first (pending, lost, not yet running, then newest running). */
function deletionRank(i: Instance): number {
  switch (i.state) {
    case "pending":
      return 0;
    case "lost":
      return 1;
    case "crashed":
    case "backoff":
      return 2;
    case "pulling":
    case "booting":
      return 3;
    default:
      return 4;
  }
}

function pickVictims(pods: Instance[], n: number): Instance[] {
  const sorted = [...pods].sort((a, b) => deletionRank(a) - deletionRank(b) || b.id - a.id);
  return sorted.slice(0, Math.max(0, n));
}

/** One reconcile of every Deployment; `bySvc` holds each service's active managed pods. */
export function reconcileDeployments(w: World, log: EventLog, bySvc: Instance[][]): void {
  for (let s = 0; s < w.services.length; s++) {
    const dep = w.services[s]!.deployment;
    if (!dep) continue;
    const pods = bySvc[s]!;
    let oldPods = 0;
    for (const p of pods) if (p.release !== dep.release) oldPods++;
    if (oldPods === 0) {
      if (dep.rolling) {
        dep.rolling = false;
        log.push("rollout-done", "rollout", { service: s, a: dep.release });
      }
      steady(w, log, s, dep, pods);
    } else {
      roll(w, log, s, dep, pods);
    }
  }
}

function steady(w: World, log: EventLog, s: number, dep: Deployment, pods: Instance[]): void {
  const diff = dep.replicas - pods.length;
  if (diff > 0) {
    for (let k = 0; k < diff; k++) newPod(w, log, s, dep, -1, "replica-set");
  } else if (diff < 0) {
    for (const v of pickVictims(pods, -diff)) terminate(log, v, "scaled-down");
  }
}

export function maxSurge(replicas: number): number {
  const surge = Math.ceil((replicas * ROLLING_MAX_SURGE_PCT) / 100);
  const unavailable = Math.floor((replicas * ROLLING_MAX_UNAVAILABLE_PCT) / 100);
  return surge === 0 && unavailable === 0 ? 1 : surge;
}

export function maxUnavailable(replicas: number): number {
  return Math.floor((replicas * ROLLING_MAX_UNAVAILABLE_PCT) / 100);
}

function roll(w: World, log: EventLog, s: number, dep: Deployment, pods: Instance[]): void {
  const fresh = pods.filter((p) => p.release === dep.release);
  const old = pods.filter((p) => p.release !== dep.release);
  const desired = dep.replicas;
  // Surplus new pods (the desired count went down mid-rollout).
  if (fresh.length > desired) {
    for (const v of pickVictims(fresh, fresh.length - desired)) terminate(log, v, "scaled-down");
    return;
  }
  const room = desired + maxSurge(desired) - pods.length;
  const toCreate = Math.min(room, desired - fresh.length);
  for (let k = 0; k < toCreate; k++) newPod(w, log, s, dep, -1, "rollout");
  // Old pods that are not serving can go at once; running ones only while enough stay up.
  let running = 0;
  for (const p of pods) if (p.state === "running") running++;
  let removable = running - (desired - maxUnavailable(desired));
  const oldSorted = [...old].sort((a, b) => deletionRank(a) - deletionRank(b) || a.id - b.id);
  for (const p of oldSorted) {
    if (p.state !== "running") {
      terminate(log, p, "rollout");
      continue;
    }
    if (removable <= 0) break;
    // Never remove so many old pods that fewer than desired would exist once new ones run.
    terminate(log, p, "rollout");
    removable--;
  }
}
