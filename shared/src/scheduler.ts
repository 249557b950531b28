/**
 * The Kubernetes scheduler, as its two phases.
 *
 * Filter: a node is feasible for a pod if it is a ready, schedulable (not cordoned or
 * draining) container host whose free CPU and memory fit the pod's requests.
 * Score: NodeResourcesFit with `LeastAllocated` (prefer the emptiest node: spread) or
 * `MostAllocated` (prefer the fullest: bin-pack), the mean of its CPU and memory scores on
 * 0…100, plus ImageLocality (0…100, higher when the pod's image is already on the node and
 * on many nodes). The highest total wins; ties go to the lowest node id. A pod no node
 * passes stays Pending with the reason counted per failing filter, worded like the real
 * "0/7 nodes are available: …" message.
 */
import { IMAGE_LOCALITY_MAX_MB, IMAGE_LOCALITY_MIN_MB, MAX_NODE_SCORE } from "./constants.ts";
import type { Instance, Node, SchedulerStrategy, World } from "./model.ts";
import { instanceCpu, instanceMem } from "./resources.ts";

export type FilterFail = "not-ready" | "unschedulable" | "host-mode" | "cpu" | "memory";

/** Why a node cannot take a pod of this size, or null if it can. */
export function filterNode(node: Node, cpu: number, mem: number, notReady: boolean): FilterFail | null {
  if (node.state === "provisioning" || node.state === "failed" || node.state === "gone" || notReady) return "not-ready";
  if (node.mode !== "container-host") return "host-mode";
  if (node.state === "cordoned" || node.state === "draining") return "unschedulable";
  const noCpu = node.cpu - node.allocCpu < cpu;
  const noMem = node.mem - node.allocMem < mem;
  if (noCpu) return "cpu";
  if (noMem) return "memory";
  return null;
}

/** NodeResourcesFit score (0…100) of placing a pod of this size on the node. */
export function fitScore(node: Node, cpu: number, mem: number, strategy: SchedulerStrategy): number {
  const usedCpu = node.allocCpu + cpu;
  const usedMem = node.allocMem + mem;
  let c: number, m: number;
  if (strategy === "MostAllocated") {
    c = Math.trunc((usedCpu * MAX_NODE_SCORE) / node.cpu);
    m = Math.trunc((usedMem * MAX_NODE_SCORE) / node.mem);
  } else {
    c = Math.trunc(((node.cpu - usedCpu) * MAX_NODE_SCORE) / node.cpu);
    m = Math.trunc(((node.mem - usedMem) * MAX_NODE_SCORE) / node.mem);
  }
  return (c + m) >> 1;
}

/**
 * ImageLocality score: the image size scaled by the share of nodes that have it (so an
 * image cached everywhere counts fully), clamped to [23 MB, 1000 MB] and mapped to 0…100.
 */
export function imageLocalityScore(hasImage: boolean, imageMB: number, nodesWithImage: number, totalNodes: number): number {
  if (!hasImage || totalNodes <= 0) return 0;
  let sum = Math.trunc((imageMB * nodesWithImage) / totalNodes);
  if (sum < IMAGE_LOCALITY_MIN_MB) sum = IMAGE_LOCALITY_MIN_MB;
  if (sum > IMAGE_LOCALITY_MAX_MB) sum = IMAGE_LOCALITY_MAX_MB;
  return Math.trunc((MAX_NODE_SCORE * (sum - IMAGE_LOCALITY_MIN_MB)) / (IMAGE_LOCALITY_MAX_MB - IMAGE_LOCALITY_MIN_MB));
}

/** Kubernetes considers a failed node NotReady only after the grace period; until then it still looks ready. */
export function isNotReady(w: World, node: Node): boolean {
  return node.state === "failed" && w.tick >= node.failedAt + w.scenario.timings.notReadyAfter;
}

export interface Placement {
  readonly node: number;
  readonly score: number;
}

/** The node the scheduler would choose for this pod, or -1. */
export function chooseNode(w: World, pod: Instance, candidates: readonly Node[], imageCount: number): Placement {
  const cpu = instanceCpu(pod);
  const mem = instanceMem(pod);
  const imageMB = w.scenario.services[pod.service]!.imageMB;
  const total = candidates.length;
  let best = -1;
  let bestScore = -1;
  for (let k = 0; k < candidates.length; k++) {
    const n = candidates[k]!;
    if (n.cpu - n.allocCpu < cpu || n.mem - n.allocMem < mem) continue;
    let score = fitScore(n, cpu, mem, w.scheduler);
    if (imageCount > 0) score += imageLocalityScore(n.images.includes(pod.service), imageMB, imageCount, total);
    // Strictly greater: on a tie the earlier (lower id) node stays.
    if (score > bestScore) {
      bestScore = score;
      best = n.id;
    }
  }
  return { node: best, score: bestScore };
}

/** Ready, schedulable container hosts, in id order. */
export function schedulableHosts(w: World): Node[] {
  const out: Node[] = [];
  for (const n of w.nodes) if (n.state === "ready" && n.mode === "container-host") out.push(n);
  return out;
}

/** Counts of nodes failing each filter for a pod of this size. */
export function filterCounts(w: World, cpu: number, mem: number): Record<FilterFail, number> & { total: number } {
  const c = { "not-ready": 0, unschedulable: 0, "host-mode": 0, cpu: 0, memory: 0, total: 0 };
  for (const n of w.nodes) {
    if (n.state === "gone") continue;
    c.total++;
    const f = filterNode(n, cpu, mem, false);
    if (f) c[f]++;
  }
  return c;
}

const REASON_TEXT: Readonly<Record<FilterFail, string>> = {
  "not-ready": "not ready",
  unschedulable: "cordoned or draining",
  "host-mode": "not a container host",
  cpu: "insufficient CPU",
  memory: "insufficient memory",
};

/** Why a pending pod is pending, like the real scheduler's message: "0/7 nodes are available: …". */
export function pendingReason(w: World, pod: Instance): string {
  const c = filterCounts(w, instanceCpu(pod), instanceMem(pod));
  if (c.total === 0) return "0/0 nodes are available: the cluster has no nodes.";
  const parts: string[] = [];
  for (const k of ["memory", "cpu", "unschedulable", "not-ready", "host-mode"] as const) {
    if (c[k] > 0) parts.push(`${c[k]} ${REASON_TEXT[k]}`);
  }
  const free = c.total - c["not-ready"] - c.unschedulable - c["host-mode"] - c.cpu - c.memory;
  if (parts.length === 0) return `${free}/${c.total} nodes are available: waiting for the scheduler.`;
  return `${free}/${c.total} nodes are available: ${parts.join(", ")}.`;
}

/**
 * Places every pending pod it can, oldest first. Called once a tick by the control plane.
 * Returns the pods left pending.
 */
export function schedulePending(w: World, place: (pod: Instance, node: Node) => void): number {
  let pendingLeft = 0;
  let hosts: Node[] | null = null;
  let counts: Map<number, number> | null = null;
  for (const pod of w.instances) {
    if (pod.state !== "pending" || !pod.managed) continue;
    hosts ??= schedulableHosts(w);
    counts ??= imageCounts(hosts);
    const p = chooseNode(w, pod, hosts, counts.get(pod.service) ?? 0);
    if (p.node < 0) {
      pendingLeft++;
      continue;
    }
    place(pod, w.nodes[p.node]!);
  }
  return pendingLeft;
}

/** How many of these nodes hold each service's image. */
export function imageCounts(nodes: readonly Node[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const n of nodes) for (const s of n.images) m.set(s, (m.get(s) ?? 0) + 1);
  return m;
}
