/**
 * The life of a node: provisioning → ready ⇄ cordoned → draining → gone, and
 * ready → failed → (repair) ready. What happens to the instances of a failed node depends
 * on the automation bought: without any they are lost at once; VM HA restarts VMs
 * elsewhere after its detection time; Kubernetes marks the node NotReady after the grace
 * period and evicts its pods after the toleration, and the ReplicaSet replaces them.
 */
import type { EventLog } from "../model/events.ts";
import type { Instance, Node, World } from "../model/model.ts";
import { beginStart, dropInstance, isActive, reserve, setState, stopWork, terminate, unreserve } from "./instances.ts";
import { VM_MIGRATION_TICKS } from "../model/constants.ts";
import { instanceCpu, instanceMem } from "./resources.ts";
import { openIncident, runningNow } from "./incidents.ts";
import { cancelHandJob } from "./handWork.ts";
import { isHaProtected, vmHaDetached } from "./vmHa.ts";

/** A node still exists (it costs money) unless it is gone. */
export function exists(n: Node): boolean {
  return n.state !== "gone";
}

export function setNodeState(log: EventLog, n: Node, state: Node["state"], wait: number): void {
  n.state = state;
  n.since = log.tick;
  n.wait = wait;
}

/** Hardware failure: the node stops; each instance on it is lost or kept for recovery. */
export function failNode(w: World, log: EventLog, n: Node): void {
  if (n.state === "provisioning" || n.state === "failed" || n.state === "gone") return;
  const want = runningNow(w, -1);
  const wasDraining = n.state === "draining";
  setNodeState(log, n, "failed", w.scenario.timings.nodeRepair);
  n.failedAt = log.tick;
  n.noisyUntil = -1;
  n.noisyInstance = -1;
  n.usedCpu = 0;
  n.usedMem = 0;
  log.push("node-failed", "hardware", { node: n.id });
  let hit = 0;
  for (const inst of w.instances) {
    if (inst.state === "gone") continue;
    if (inst.target === n.id) {
      // Migration towards the dead node: abort, the VM keeps running where it was.
      unreserve(n, inst);
      inst.target = -1;
      setState(log, inst, "running", "node-failed", 0);
      continue;
    }
    if (inst.node !== n.id) continue;
    if (inst.state === "running") hit++;
    if (inst.state === "terminating" || wasDraining) {
      dropInstance(w, log, inst, "node-failed");
      continue;
    }
    const keep = inst.runtime === "vm" ? isHaProtected(w, inst) : inst.managed && w.upgrades.kubernetes;
    if (keep) {
      cancelHandJob(w, inst);
      if (inst.target >= 0) {
        unreserve(w.nodes[inst.target]!, inst);
        inst.target = -1;
      }
      const wasServing = inst.state === "running";
      stopWork(inst);
      inst.runningSince = -1;
      setState(log, inst, "lost", "node-failed", 0);
      // Nobody has noticed yet: a pod that was serving stays an endpoint of its Service
      // until the node is marked NotReady, and the requests sent to it fail.
      if (wasServing && inst.runtime === "container")
        inst.endpointUntil = n.failedAt + w.scenario.timings.notReadyAfter;
    } else {
      dropInstance(w, log, inst, "node-failed");
    }
  }
  openIncident(w, log, "node-failure", -1, n.id, hit, want);
}

/** Per tick: provisioning and repair timers, NotReady and eviction, drains. */
export function advanceNodes(w: World, log: EventLog): void {
  const t = log.tick;
  const tm = w.scenario.timings;
  for (const n of w.nodes) {
    switch (n.state) {
      case "provisioning":
        if (--n.wait <= 0) {
          setNodeState(log, n, "ready", 0);
          log.push("node-ready", "provisioned", { node: n.id });
        }
        break;
      case "failed":
        if (w.upgrades.kubernetes && n.mode === "container-host") {
          if (t === n.failedAt + tm.notReadyAfter) log.push("node-not-ready", "not-ready", { node: n.id });
          if (t === n.failedAt + tm.notReadyAfter + tm.evictAfter) evictLostPods(w, log, n);
        }
        if (--n.wait <= 0) repairNode(w, log, n);
        break;
      case "draining":
        drainStep(w, log, n);
        break;
      default:
        break;
    }
  }
}

function evictLostPods(w: World, log: EventLog, n: Node): void {
  for (const inst of w.instances) {
    if (inst.node === n.id && inst.state === "lost" && inst.runtime === "container")
      dropInstance(w, log, inst, "evicted");
  }
}

/**
 * A host going down for a reboot (after a kernel panic): down like a failed node — its
 * containers cannot start, Kubernetes marks it NotReady after the grace period — but back
 * after `ticks`, when what waits on it starts again.
 */
export function rebootNode(w: World, log: EventLog, n: Node, ticks: number): void {
  if (n.state !== "ready" && n.state !== "cordoned") return;
  setNodeState(log, n, "failed", ticks);
  n.failedAt = log.tick;
  n.rebooting = true;
  n.noisyUntil = -1;
  n.noisyInstance = -1;
  n.usedCpu = 0;
  log.push("node-rebooting", "kernel", { node: n.id, seconds: ticks });
}

function repairNode(w: World, log: EventLog, n: Node): void {
  setNodeState(log, n, "ready", 0);
  n.failedAt = -1;
  log.push("node-repaired", n.rebooting ? "rebooted" : "repaired", { node: n.id });
  n.rebooting = false;
  // Whatever was kept for it (pods not yet evicted, VMs HA could not place) starts again here.
  for (const inst of w.instances) {
    if (inst.node === n.id && inst.state === "lost") beginStart(w, log, inst, "repaired");
  }
}

/** Removes a node now (it stops costing at once); what ran on it goes with it. */
export function removeNodeNow(w: World, log: EventLog, n: Node): void {
  for (const inst of w.instances) {
    if (inst.node !== n.id || inst.state === "gone") continue;
    // Lost VMs still wait for VM HA, which restarts them elsewhere (their disks live on
    // shared storage); they no longer belong to any node. Everything else goes.
    if (inst.state === "lost" && isHaProtected(w, inst)) {
      unreserve(n, inst);
      inst.node = -1;
      vmHaDetached(w, log, inst, n);
      continue;
    }
    dropInstance(w, log, inst, "node-removed");
  }
  setNodeState(log, n, "gone", 0);
  n.images = [];
  n.pullService = [];
  n.pullLeft = [];
  n.pullRetry = [];
  n.pullBackoff = [];
  log.push("node-removed", "remove", { node: n.id });
}

/** The instances on a node that still hold it. */
export function instancesOn(w: World, nodeId: number): Instance[] {
  const out: Instance[] = [];
  for (const i of w.instances) if (i.node === nodeId && i.state !== "gone") out.push(i);
  return out;
}

/**
 * One tick of a drain: pods are evicted as far as their PodDisruptionBudget allows (the
 * ReplicaSet recreates them elsewhere), VMs on a Type 1 host live-migrate to another Type 1
 * host with room, everything else is stopped. The node is gone once nothing holds it.
 */
function drainStep(w: World, log: EventLog, n: Node): void {
  const on = instancesOn(w, n.id);
  let blocked = false;
  const healthy = new Map<number, number>();
  for (const inst of on) {
    if (inst.state === "terminating" || inst.state === "migrating") continue;
    if (inst.managed && w.upgrades.kubernetes) {
      const dep = w.services[inst.service]!.deployment;
      if (dep && dep.pdbMin >= 0 && !evictionAllowed(w, inst, dep.pdbMin, healthy)) {
        blocked = true;
        continue;
      }
      terminate(w, log, inst, "evicted");
      continue;
    }
    if (inst.runtime === "vm" && n.mode === "hypervisor" && inst.state === "running") {
      const target = migrationTarget(w, inst, n.id);
      if (target) {
        startMigration(log, inst, target);
        continue;
      }
    }
    terminate(w, log, inst, "drained");
  }
  if (blocked && (log.tick - n.since) % 30 === 1) log.push("drain-blocked", "drained", { node: n.id });
  if (on.length === 0) removeNodeNow(w, log, n);
}

/**
 * The Eviction API's PodDisruptionBudget check (pkg/registry/core/pod/storage/eviction.go):
 * a pod still Pending may always go; a ready pod only while the budget allows a disruption
 * (healthy − 1 ≥ minAvailable); a running but unready pod (crash-looping) only while the
 * budget is healthy (healthy ≥ minAvailable: the default unhealthyPodEvictionPolicy,
 * IfHealthyBudget). `healthy` counts each service's ready pods left after this drain's
 * evictions so far.
 */
function evictionAllowed(w: World, inst: Instance, minAvailable: number, healthy: Map<number, number>): boolean {
  const st = inst.state;
  if (st === "pending" || st === "pulling" || st === "booting") return true;
  const h = healthy.get(inst.service) ?? runningNow(w, inst.service);
  healthy.set(inst.service, h);
  if (st !== "running") return h >= minAvailable;
  if (h - 1 < minAvailable) return false;
  healthy.set(inst.service, h - 1);
  return true;
}

/** A Type 1 host (not this one) with room for the VM: the one with most free memory, lowest id on ties. */
export function migrationTarget(w: World, inst: Instance, from: number): Node | null {
  let best: Node | null = null;
  const cpu = instanceCpu(inst);
  const mem = instanceMem(inst);
  for (const m of w.nodes) {
    if (m.id === from || m.state !== "ready" || m.mode !== "hypervisor") continue;
    if (m.cpu - m.allocCpu < cpu || m.mem - m.allocMem < mem) continue;
    if (!best || m.mem - m.allocMem > best.mem - best.allocMem) best = m;
  }
  return best;
}

export function startMigration(log: EventLog, inst: Instance, target: Node): void {
  reserve(target, inst);
  // A vMotion clears VM Monitoring's count of the VM's resets.
  inst.restarts = 0;
  inst.target = target.id;
  // It keeps serving from its source while its memory is copied.
  setState(log, inst, "migrating", "migrate", VM_MIGRATION_TICKS, target.id);
}

/** Count of instances that still hold a node. */
export function holds(w: World, nodeId: number): number {
  let k = 0;
  for (const i of w.instances) if (i.node === nodeId && isActive(i)) k++;
  return k;
}
