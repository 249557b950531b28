/**
 * The Kubernetes scheduler, as its two phases, with the default profile's plugins.
 *
 * Filter: a node is feasible for a pod if it is a ready, schedulable (not cordoned or
 * draining) container host whose free CPU and memory fit the pod's requests.
 * Score: the default profile's plugins (kubernetes/scoring.ts), weighed as upstream:
 * NodeResourcesFit × 1 (`LeastAllocated`, the default, or `MostAllocated`),
 * PodTopologySpread × 2 (system-default spreading of a ReplicaSet's pods over nodes),
 * NodeResourcesBalancedAllocation × 1 and ImageLocality × 1. The highest total wins; ties go
 * to the lowest node id. A pod no node passes stays Pending with upstream's FitError
 * message: every reason with its node count ("0/3 nodes are available: 1 Insufficient
 * memory, 2 Insufficient cpu.").
 *
 * Only container hosts are Kubernetes nodes: VM hosts run a hypervisor, not a kubelet, and
 * a node still being provisioned has not joined the cluster yet.
 */
import {
  KUBELET_MAX_PODS,
  SCORE_WEIGHT_BALANCED,
  SCORE_WEIGHT_FIT,
  SCORE_WEIGHT_IMAGE_LOCALITY,
  SCORE_WEIGHT_TOPOLOGY_SPREAD,
} from "../model/constants.ts";
import type { Instance, Node, World } from "../model/model.ts";
import { instanceCpu, instanceMem } from "../datacenter/resources.ts";
import { underPressure } from "../datacenter/appMemory.ts";
import { qosClass } from "../datacenter/qos.ts";
import {
  balancedAllocationScore,
  fitScore,
  imageLocalityScore,
  spreadRawScore,
  spreadScore,
  spreadWeight,
} from "./scoring.ts";

/** A node the control plane knows: a container host that has joined and not been removed. */
export function isKubernetesNode(n: Node): boolean {
  return n.mode === "container-host" && n.state !== "provisioning" && n.state !== "gone";
}

/** Kubernetes considers a failed node NotReady only after the grace period; until then it still looks ready. */
export function isNotReady(w: World, node: Node): boolean {
  return node.state === "failed" && w.tick >= node.failedAt + w.scenario.timings.notReadyAfter;
}

export interface Placement {
  readonly node: number;
  readonly score: number;
}

/**
 * What one scheduling pass needs besides the nodes, built once and kept up to date as pods
 * are placed: how many Kubernetes nodes hold each image, and how many pods of each
 * ReplicaSet (service and release) every node holds.
 */
export interface ScheduleContext {
  readonly hosts: Node[];
  readonly clusterNodes: number;
  readonly images: Map<number, number>;
  readonly spread: Map<number, Int32Array>;
  /**
   * Each host's Fit + BalancedAllocation score for the pod shape last asked about: pods of one
   * ReplicaSet come one after another, and placing one changes only its own node's score.
   * A host's entry is current while its epoch equals `epoch`.
   */
  readonly partial: Int32Array;
  readonly partialEpoch: Int32Array;
  epoch: number;
  shapeCpu: number;
  shapeMem: number;
  /** Scratch for one pod: its feasible hosts (indexes into `hosts`), their spreading counts, and the spreading score by count. */
  readonly feasible: Int32Array;
  readonly feasibleCount: Int32Array;
  byCount: Int32Array;
}

/**
 * Container hosts the scheduler sees as Ready and schedulable, in id order. A node that
 * failed within the grace period is among them: nothing has told the scheduler yet, and a
 * pod bound to it waits there, lost, until its eviction. A node under MemoryPressure is too,
 * but its node.kubernetes.io/memory-pressure:NoSchedule taint keeps BestEffort pods away
 * (`toleratesPressure`).
 */
export function schedulableHosts(w: World): Node[] {
  const out: Node[] = [];
  for (const n of w.nodes) {
    if (n.mode !== "container-host") continue;
    if (n.state === "ready" || (n.state === "failed" && !isNotReady(w, n))) out.push(n);
  }
  return out;
}

/**
 * Whether a pod tolerates the memory-pressure taint: the API server gives every pod but a
 * BestEffort one that toleration (podtolerationrestriction admission, since Kubernetes 1.8;
 * "Taint Nodes by Condition" in the docs), so only BestEffort pods stay off such a node.
 */
export function toleratesPressure(pod: Instance): boolean {
  return qosClass(pod) !== "BestEffort";
}

export function scheduleContext(w: World): ScheduleContext {
  const images = new Map<number, number>();
  let clusterNodes = 0;
  for (const n of w.nodes) {
    if (!isKubernetesNode(n)) continue;
    clusterNodes++;
    for (const s of n.images) images.set(s, (images.get(s) ?? 0) + 1);
  }
  const hosts = schedulableHosts(w);
  return {
    hosts,
    clusterNodes,
    images,
    spread: new Map(),
    partial: new Int32Array(hosts.length),
    partialEpoch: new Int32Array(hosts.length),
    epoch: 0,
    shapeCpu: -1,
    shapeMem: -1,
    feasible: new Int32Array(hosts.length),
    feasibleCount: new Int32Array(hosts.length),
    byCount: new Int32Array(16),
  };
}

/** The ReplicaSet a pod belongs to: its service and its release (the pod-template hash). */
function replicaSetKey(service: number, release: number): number {
  return release * 4096 + service;
}

/**
 * Pods of this ReplicaSet on each node (indexed by node id): the default spreading
 * constraint's selector matches them, and not pods being deleted.
 */
function spreadCounts(w: World, ctx: ScheduleContext, service: number, release: number): Int32Array {
  const key = replicaSetKey(service, release);
  let counts = ctx.spread.get(key);
  if (counts) return counts;
  counts = new Int32Array(w.nodes.length);
  for (const i of w.instances) {
    if (
      i.node >= 0 &&
      i.managed &&
      i.service === service &&
      i.release === release &&
      i.state !== "terminating" &&
      i.state !== "gone"
    )
      counts[i.node]!++;
  }
  ctx.spread.set(key, counts);
  return counts;
}

/** The node the scheduler would choose for this pod, or -1. */
export function chooseNode(w: World, pod: Instance, ctx: ScheduleContext): Placement {
  const cpu = instanceCpu(pod);
  const mem = instanceMem(pod);
  const hosts = ctx.hosts;
  const feasibleScratch = ctx.feasible;
  const countScratch = ctx.feasibleCount;
  if (cpu !== ctx.shapeCpu || mem !== ctx.shapeMem) {
    ctx.shapeCpu = cpu;
    ctx.shapeMem = mem;
    ctx.epoch++;
  }
  // Filter, noting each feasible node's count of this ReplicaSet's pods.
  const counts = spreadCounts(w, ctx, pod.service, pod.release);
  const avoidPressure = !toleratesPressure(pod);
  let feasible = 0;
  let minCount = Number.MAX_SAFE_INTEGER;
  let maxCount = 0;
  for (let k = 0; k < hosts.length; k++) {
    const n = hosts[k]!;
    if (n.cpu - n.allocCpu < cpu || n.mem - n.allocMem < mem || n.pods >= KUBELET_MAX_PODS) continue;
    if (avoidPressure && underPressure(n, w.tick)) continue;
    const c = counts[n.id]!;
    feasibleScratch[feasible] = k;
    countScratch[feasible++] = c;
    if (c < minCount) minCount = c;
    if (c > maxCount) maxCount = c;
  }
  if (feasible === 0) return { node: -1, score: -1 };
  // PodTopologySpread: the raw score grows with the count, so the extremes come from the
  // extreme counts; its weighted, normalised score takes one value per count in between.
  const weight = spreadWeight(feasible);
  const minRaw = spreadRawScore(minCount, weight);
  const maxRaw = spreadRawScore(maxCount, weight);
  const span = maxCount - minCount + 1;
  if (ctx.byCount.length < span) ctx.byCount = new Int32Array(span * 2);
  const byCountScratch = ctx.byCount;
  for (let c = 0; c < span; c++)
    byCountScratch[c] =
      SCORE_WEIGHT_TOPOLOGY_SPREAD * spreadScore(spreadRawScore(minCount + c, weight), minRaw, maxRaw);
  const imageMB = w.scenario.services[pod.service]!.imageMB;
  const withImage = ctx.images.get(pod.service) ?? 0;
  const image =
    withImage > 0 ? SCORE_WEIGHT_IMAGE_LOCALITY * imageLocalityScore(true, imageMB, withImage, ctx.clusterNodes) : 0;
  const { partial, partialEpoch, epoch } = ctx;
  let best = -1;
  let bestScore = -1;
  for (let f = 0; f < feasible; f++) {
    const k = feasibleScratch[f]!;
    if (partialEpoch[k] !== epoch) {
      const n = hosts[k]!;
      partial[k] =
        SCORE_WEIGHT_FIT * fitScore(n, cpu, mem, w.scheduler) +
        SCORE_WEIGHT_BALANCED * balancedAllocationScore(n, cpu, mem);
      partialEpoch[k] = epoch;
    }
    let score = partial[k]! + byCountScratch[countScratch[f]! - minCount]!;
    if (image > 0 && hosts[k]!.images.includes(pod.service)) score += image;
    // Strictly greater: on a tie the earlier (lower id) node stays.
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return { node: hosts[best]!.id, score: bestScore };
}

/** Records a placement in the context, so the next pod sees it: its node's counts and scores changed. */
function notePlaced(ctx: ScheduleContext, pod: Instance, node: number): void {
  const counts = ctx.spread.get(replicaSetKey(pod.service, pod.release));
  if (counts) counts[node]!++;
  // Hosts are in id order.
  let lo = 0;
  let hi = ctx.hosts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = ctx.hosts[mid]!.id;
    if (id === node) {
      ctx.partialEpoch[mid] = -1;
      return;
    }
    if (id < node) lo = mid + 1;
    else hi = mid - 1;
  }
}

/** Why a node cannot take a pod of this size (upstream's reasons, in filter order); none if it fits. */
export function filterReasons(w: World, n: Node, cpu: number, mem: number, toleratesMemoryPressure = true): string[] {
  // NodeUnschedulable runs before TaintToleration, which runs before NodeResourcesFit.
  if (n.state === "cordoned" || n.state === "draining") return ["node(s) were unschedulable"];
  // A NotReady node carries the node.kubernetes.io/unreachable:NoSchedule taint, a node
  // under MemoryPressure node.kubernetes.io/memory-pressure:NoSchedule.
  if (isNotReady(w, n) || (!toleratesMemoryPressure && underPressure(n, w.tick)))
    return ["node(s) had untolerated taint(s)"];
  const out: string[] = [];
  // NodeResourcesFit reports every resource that is short, not only the first; the
  // kubelet's pod count is one of them.
  if (n.pods >= KUBELET_MAX_PODS) out.push("Too many pods");
  if (n.cpu - n.allocCpu < cpu) out.push("Insufficient cpu");
  if (n.mem - n.allocMem < mem) out.push("Insufficient memory");
  return out;
}

/**
 * Why a pending pod is pending, as the scheduler's FitError says it: the Kubernetes nodes
 * counted, then "<count> <reason>" for every reason, sorted as strings (Go's sort.Strings)
 * and joined with ", ". (Upstream then adds what preemption tried; the game has no pod
 * priorities, so there is nothing to preempt.)
 */
export function pendingReason(w: World, pod: Instance): string {
  const cpu = instanceCpu(pod);
  const mem = instanceMem(pod);
  const counts = new Map<string, number>();
  let total = 0;
  let fits = 0;
  for (const n of w.nodes) {
    if (!isKubernetesNode(n)) continue;
    total++;
    const why = filterReasons(w, n, cpu, mem, toleratesPressure(pod));
    if (why.length === 0) fits++;
    for (const r of why) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  if (total === 0) return "no nodes available to schedule pods";
  if (fits > 0) return `${fits}/${total} nodes could take it: waiting for the scheduler.`;
  const parts = [...counts].map(([r, k]) => `${k} ${r}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `0/${total} nodes are available: ${parts.join(", ")}.`;
}

/**
 * Places every pending pod it can, oldest first. Called once a tick by the control plane.
 * Returns the pods left pending.
 */
export function schedulePending(w: World, place: (pod: Instance, node: Node) => void): number {
  let pendingLeft = 0;
  let ctx: ScheduleContext | null = null;
  for (const pod of w.instances) {
    if (pod.state !== "pending" || !pod.managed) continue;
    ctx ??= scheduleContext(w);
    const p = chooseNode(w, pod, ctx);
    if (p.node < 0) {
      pendingLeft++;
      continue;
    }
    place(pod, w.nodes[p.node]!);
    notePlaced(ctx, pod, p.node);
  }
  return pendingLeft;
}
