/**
 * Deployments and their ReplicaSets: the control loop that keeps the desired number of
 * pods of a service, and rolls a new release out with maxSurge / maxUnavailable.
 *
 * Steady state: too few pods → create Pending pods (the scheduler places them); too many →
 * delete in upstream's order (kubernetes/deletionOrder.ts: unbound, then not running, then not ready,
 * then from the node crowded with the most of the Deployment's pods, then the newest).
 * Rollout: create new-release pods while the total stays within desired + maxSurge, and
 * delete old-release pods while the running count stays at least desired − maxUnavailable.
 * Pods on a dead node still count until they are evicted; that is why a node failure
 * costs the real 350 seconds before replacements appear.
 */
import { ROLLING_MAX_SURGE_PCT, ROLLING_MAX_UNAVAILABLE_PCT } from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import type { Deployment, Instance, World } from "../model/model.ts";
import { beginStart, createInstance, isActive, terminate } from "../datacenter/instances.ts";
import { cancelHandJob, isHandSetup } from "../datacenter/handWork.ts";
import type { Cause } from "../model/causes.ts";
import { podReady, podsToDelete } from "./deletionOrder.ts";
import { defaultResources } from "../datacenter/resources.ts";

export function newDeployment(w: World, service: number, replicas: number): Deployment {
  const spec = w.scenario.services[service]!;
  return {
    replicas,
    release: w.services[service]!.release,
    ...defaultResources(spec, "container"),
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
export function adoptContainers(w: World, log: EventLog): void {
  const counts = new Array<number>(w.services.length).fill(0);
  for (const i of w.instances) {
    if (i.runtime === "container" && isActive(i)) {
      // A container still waiting for the operator's hands is a pod now: the kubelet starts
      // it, and the operator's time for it is given back.
      if (isHandSetup(i)) {
        cancelHandJob(w, i);
        beginStart(w, log, i, "replica-set");
      }
      i.managed = true;
      counts[i.service]!++;
    }
  }
  for (let s = 0; s < w.services.length; s++) {
    if (canHaveDeployment(w, s)) w.services[s]!.deployment = newDeployment(w, s, counts[s]!);
  }
}

export function newPod(
  w: World,
  log: EventLog,
  service: number,
  dep: Deployment,
  node: number,
  cause: Cause,
): Instance {
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
        log.push("rollout-done", "rollout", { service: s, release: dep.release });
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
    for (const v of podsToDelete(w, pods, pods, -diff)) terminate(w, log, v, "scaled-down");
  }
}

/**
 * maxSurge and maxUnavailable as numbers of pods (deployment_util.go: ResolveFenceposts,
 * MaxSurge, MaxUnavailable): the surge percentage rounds up, the unavailable one down; if
 * both come to 0 upstream allows one unavailable pod, which only happens at 0 replicas,
 * where MaxUnavailable is 0 anyway.
 */
export function maxSurge(replicas: number): number {
  return Math.ceil((replicas * ROLLING_MAX_SURGE_PCT) / 100);
}

export function maxUnavailable(replicas: number): number {
  return Math.min(replicas, Math.floor((replicas * ROLLING_MAX_UNAVAILABLE_PCT) / 100));
}

/**
 * One sync of a rolling update, as the Deployment controller's rolloutRolling
 * (pkg/controller/deployment/rolling.go). The new ReplicaSet grows while all pods stay
 * within desired + maxSurge; a sync that grew it does nothing else. Otherwise old pods go:
 * first unhealthy ones, as far as maxScaledDown = all − minAvailable − new pods not yet
 * available allows (cleanupUnhealthyReplicas), then available ones while more than
 * minAvailable = desired − maxUnavailable are available (scaleDownOldReplicaSetsForRollingUpdate).
 * Which old pods go is the ReplicaSet's deletion order. A pod is available once ready
 * (minReadySeconds 0).
 */
function roll(w: World, log: EventLog, s: number, dep: Deployment, pods: Instance[]): void {
  const fresh = pods.filter((p) => p.release === dep.release);
  const old = pods.filter((p) => p.release !== dep.release);
  const desired = dep.replicas;
  // reconcileNewReplicaSet
  if (fresh.length > desired) {
    for (const v of podsToDelete(w, fresh, pods, fresh.length - desired)) terminate(w, log, v, "scaled-down");
    return;
  }
  const up = Math.min(desired + maxSurge(desired) - pods.length, desired - fresh.length);
  if (up > 0) {
    for (let k = 0; k < up; k++) newPod(w, log, s, dep, -1, "rollout");
    return;
  }
  // reconcileOldReplicaSets
  const minAvailable = desired - maxUnavailable(desired);
  let freshAvailable = 0;
  for (const p of fresh) if (podReady(w, p)) freshAvailable++;
  const maxScaledDown = pods.length - minAvailable - (fresh.length - freshAvailable);
  if (maxScaledDown <= 0) return;
  let oldUnhealthy = 0;
  for (const p of old) if (!podReady(w, p)) oldUnhealthy++;
  const cleanup = podsToDelete(w, old, pods, Math.min(maxScaledDown, oldUnhealthy));
  for (const v of cleanup) terminate(w, log, v, "rollout");
  const left = old.filter((p) => p.state !== "terminating" && p.state !== "gone");
  const remaining = pods.filter((p) => p.state !== "terminating" && p.state !== "gone");
  let available = 0;
  for (const p of remaining) if (podReady(w, p)) available++;
  for (const v of podsToDelete(w, left, remaining, available - minAvailable)) terminate(w, log, v, "rollout");
}
