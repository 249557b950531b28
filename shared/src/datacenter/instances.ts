/**
 * The life of one instance (a VM or a container running one replica of a service):
 * creation, placement and its reservation on a node, the timed start (image pull, VM boot,
 * container start), crash, restart and termination. Controllers and commands change
 * instances only through these functions, so reservations and events stay consistent.
 */
import {
  BACKOFF_INITIAL_TICKS,
  BACKOFF_MAX_TICKS,
  BACKOFF_RESET_TICKS,
  CONTAINER_START_TICKS,
  HOST_MODE_SPECS,
  TERMINATION_TICKS,
} from "../model/constants.ts";
import type { Cause } from "../model/causes.ts";
import type { EventLog } from "../model/events.ts";
import type { Instance, InstanceState, Node, Runtime, World } from "../model/model.ts";
import { instanceCpu, instanceLimCpu, instanceLimMem, instanceMem } from "./resources.ts";
import { hasImage, pullLeft, requestPull } from "./images.ts";
import { workingSet } from "./appMemory.ts";
import { cancelHandJob } from "./handWork.ts";

/** Who is credited with a start, by the cause that began it. */
export function actorOf(cause: Cause): string {
  switch (cause) {
    case "replica-set":
    case "scheduled":
    case "restart-backoff":
    case "restart-kubelet":
    case "rollout":
      return "kubernetes";
    case "autoscaled":
      return "autoscaler";
    case "restart-vm-ha":
    case "rescheduled-vm-ha":
      return "vm-ha";
    case "repaired":
      return "repair";
    default:
      return "player";
  }
}

export interface NewInstance {
  readonly service: number;
  readonly runtime: Runtime;
  /** Node to place on, or -1 to leave it pending for the scheduler. */
  readonly node: number;
  readonly managed: boolean;
  readonly release: number;
  readonly reqCpu: number;
  readonly reqMem: number;
  readonly limCpu: number;
  readonly limMem: number;
  readonly cause: Cause;
  /** Ticks it waits for the operator to set it up by hand before it starts (0: starts now). */
  readonly handWait?: number;
}

const PLACEMENT_CAUSES: ReadonlySet<Cause> = new Set<Cause>([
  "",
  "deployed",
  "scheduled",
  "replica-set",
  "rollout",
  "autoscaled",
]);

export function createInstance(w: World, log: EventLog, spec: NewInstance): Instance {
  const inst: Instance = {
    id: w.nextInstanceId++,
    service: spec.service,
    runtime: spec.runtime,
    node: -1,
    state: "pending",
    since: w.tick,
    wait: 0,
    reqCpu: spec.reqCpu,
    reqMem: spec.reqMem,
    limCpu: spec.limCpu,
    limMem: spec.limMem,
    memUsed: workingSet(w.scenario.services[spec.service]!, 0),
    memLeak: 0,
    cpuWant: 0,
    cpuUsed: 0,
    endpointUntil: -1,
    overTicks: 0,
    restarts: 0,
    backoff: 0,
    runningSince: -1,
    managed: spec.managed,
    release: spec.release,
    born: w.tick,
    target: -1,
    cause: spec.cause,
    startAt: -1,
    startedBy: "",
    incident: -1,
    load: 0,
    served: 0,
  };
  w.instances.push(inst);
  log.push("instance-created", spec.cause, {
    instance: inst.id,
    service: inst.service,
    node: spec.node,
    state: "pending",
  });
  if (spec.node >= 0 && (spec.handWait ?? 0) > 0) {
    // Bound and reserved now (the operator has picked its host), started once set up.
    inst.node = spec.node;
    reserve(w.nodes[spec.node]!, inst);
    setState(log, inst, "backoff", "hand-setup", spec.handWait!, spec.handWait);
  } else if (spec.node >= 0) placeOn(w, log, inst, w.nodes[spec.node]!, spec.cause);
  return inst;
}

export function setState(log: EventLog, inst: Instance, state: InstanceState, cause: Cause, wait: number, a = 0): void {
  if (state === "gone") log.gone++;
  inst.state = state;
  inst.since = log.tick;
  inst.wait = wait;
  inst.cause = cause;
  log.push("instance-state", cause, { instance: inst.id, service: inst.service, node: inst.node, state, figure: a });
}

export function reserve(node: Node, inst: Instance): void {
  node.allocCpu += instanceCpu(inst);
  node.allocMem += instanceMem(inst);
  if (inst.runtime === "container") node.pods++;
  node.limCpu += instanceLimCpu(inst);
  node.limMem += instanceLimMem(inst);
}

export function unreserve(node: Node, inst: Instance): void {
  node.allocCpu -= instanceCpu(inst);
  node.allocMem -= instanceMem(inst);
  if (inst.runtime === "container") node.pods--;
  node.limCpu -= instanceLimCpu(inst);
  node.limMem -= instanceLimMem(inst);
}

/** The instance serves nothing and uses no CPU until it runs again. */
export function stopWork(inst: Instance): void {
  inst.load = 0;
  inst.served = 0;
  inst.cpuWant = 0;
  inst.cpuUsed = 0;
}

/** Binds an instance to a node, reserves its resources and begins its start. */
export function placeOn(w: World, log: EventLog, inst: Instance, node: Node, cause: Cause): void {
  inst.node = node.id;
  reserve(node, inst);
  beginStart(w, log, inst, cause);
}

/** Starts (or restarts) an instance already bound to a node. */
export function beginStart(w: World, log: EventLog, inst: Instance, cause: Cause): void {
  const node = w.nodes[inst.node]!;
  inst.startedBy = actorOf(cause);
  inst.startAt = w.tick;
  inst.memLeak = 0;
  inst.memUsed = workingSet(w.scenario.services[inst.service]!, 0);
  inst.overTicks = 0;
  stopWork(inst);
  inst.endpointUntil = -1;
  if (node.state === "failed") {
    // Bound to a node that died but does not look NotReady yet: its kubelet never starts
    // it, and it waits there with the node's other pods until they are evicted.
    setState(log, inst, "lost", "node-failed", 0);
    return;
  }
  if (inst.runtime === "vm") {
    setState(log, inst, "booting", cause, HOST_MODE_SPECS[node.mode].vmBoot);
    return;
  }
  if (hasImage(node, inst.service)) {
    // A fresh placement says why it is quick (the cached image); a restart says who restarted it.
    setState(log, inst, "booting", PLACEMENT_CAUSES.has(cause) ? "image-cached" : cause, CONTAINER_START_TICKS);
    return;
  }
  requestPull(w, node, inst.service);
  setState(log, inst, "pulling", "image-pull", 0, pullLeft(node, inst.service));
}

export interface KubeletRestart {
  /** Seconds to wait before restarting the container (0: at once). */
  readonly wait: number;
  /** The back-off to keep for its next exit. */
  readonly backoff: number;
}

/**
 * The kubelet's decision when a container of a pod exits (kuberuntime_manager.go doBackOff
 * with the kubelet's flowcontrol.Backoff, 10 s initial, 300 s MaxContainerBackOff): with no
 * back-off on record, or when it ran more than 600 s since its last restart (the
 * HasExpiredFunc the kubelet sets), it restarts at once and starts a back-off of 10 s;
 * otherwise it waits the back-off, which doubles, up to 300 s.
 */
export function onContainerExit(backoff: number, sinceLastStart: number): KubeletRestart {
  if (backoff === 0 || sinceLastStart > BACKOFF_RESET_TICKS) return { wait: 0, backoff: BACKOFF_INITIAL_TICKS };
  return { wait: backoff, backoff: Math.min(backoff * 2, BACKOFF_MAX_TICKS) };
}

/**
 * The app in an instance died. The kubelet restarts a pod of a Deployment, at once the first
 * time and then after a growing delay (CrashLoopBackOff); anything else stays crashed until
 * someone restarts it.
 */
export function crash(w: World, log: EventLog, inst: Instance, cause: Cause, a = 0): void {
  // A VM that dies mid-migration stays where it was: the copy on the target is dropped.
  if (inst.target >= 0) {
    unreserve(w.nodes[inst.target]!, inst);
    inst.target = -1;
  }
  stopWork(inst);
  inst.overTicks = 0;
  inst.runningSince = -1;
  if (inst.managed && w.upgrades.kubernetes) {
    const next = onContainerExit(inst.backoff, log.tick - inst.startAt);
    inst.backoff = next.backoff;
    inst.restarts++;
    setState(log, inst, "crashed", cause, 0, a);
    if (next.wait === 0) beginStart(w, log, inst, "restart-kubelet");
    else setState(log, inst, "backoff", cause, next.wait, next.wait);
    return;
  }
  setState(log, inst, "crashed", cause, 0, a);
}

/** Begins graceful termination; the instance keeps its reservation until it is gone. */
export function terminate(w: World, log: EventLog, inst: Instance, cause: Cause): void {
  if (inst.state === "terminating" || inst.state === "gone") return;
  cancelHandJob(w, inst);
  if (inst.node < 0) {
    // Never placed: nothing to release, it simply goes.
    setState(log, inst, "gone", cause, 0);
    return;
  }
  stopWork(inst);
  setState(log, inst, "terminating", cause, TERMINATION_TICKS);
}

/** Removes an instance at once (its node is gone or failed without recovery). */
export function dropInstance(w: World, log: EventLog, inst: Instance, cause: Cause): void {
  if (inst.state === "gone") return;
  cancelHandJob(w, inst);
  if (inst.node >= 0) unreserve(w.nodes[inst.node]!, inst);
  if (inst.target >= 0) {
    unreserve(w.nodes[inst.target]!, inst);
    inst.target = -1;
  }
  setState(log, inst, "gone", cause, 0);
  log.push("instance-removed", cause, { instance: inst.id, service: inst.service, node: inst.node });
}

/** An instance counts for its service while it is not on its way out. */
export function isActive(inst: Instance): boolean {
  return inst.state !== "terminating" && inst.state !== "gone";
}

export function findInstance(w: World, id: number): Instance | undefined {
  // Instances stay sorted by id (ids grow, removal keeps order), so bisect.
  const a = w.instances;
  let lo = 0,
    hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid]!.id;
    if (v === id) return a[mid];
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
