/**
 * The score plugins of kube-scheduler's default profile, each as upstream computes it, in
 * integer math. Each returns 0…100 (framework.MaxNodeScore); the scheduler weighs and sums
 * them (weights in constants.ts):
 * - NodeResourcesFit (noderesources/least_allocated.go, most_allocated.go): the mean of the
 *   CPU and memory scores, each (free or used after placing the pod) × 100 ÷ allocatable;
 * - NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go):
 *   (1 − |cpu fraction − memory fraction| ÷ 2) × 100, fractions of allocatable once the pod
 *   is placed, each capped at 1;
 * - PodTopologySpread, system-default soft spreading over hostnames
 *   (podtopologyspread/scoring.go): a node's raw score is round(matching pods on it ×
 *   ln(feasible nodes + 2) + maxSkew − 1), normalised so the fewest-matching node scores 100:
 *   100 × (max + min − raw) ÷ max;
 * - ImageLocality (imagelocality/image_locality.go): the image size scaled by the share of
 *   nodes holding it, clamped to [23 MB, 1000 MB] and mapped to 0…100.
 */
import {
  IMAGE_LOCALITY_MAX_MB,
  IMAGE_LOCALITY_MIN_MB,
  MAX_NODE_SCORE,
  SPREAD_HOSTNAME_MAX_SKEW,
} from "../model/constants.ts";
import type { Node, SchedulerStrategy } from "../model/model.ts";
import { LN_ONE, lnQ16 } from "../model/fixedLog.ts";

/** NodeResourcesFit score (0…100) of placing a pod of this size on the node. */
export function fitScore(node: Node, cpu: number, mem: number, strategy: SchedulerStrategy): number {
  const usedCpu = node.allocCpu + cpu;
  const usedMem = node.allocMem + mem;
  let c: number, m: number;
  if (strategy === "MostAllocated") {
    c = usedCpu > node.cpu ? 0 : Math.trunc((usedCpu * MAX_NODE_SCORE) / node.cpu);
    m = usedMem > node.mem ? 0 : Math.trunc((usedMem * MAX_NODE_SCORE) / node.mem);
  } else {
    c = usedCpu > node.cpu ? 0 : Math.trunc(((node.cpu - usedCpu) * MAX_NODE_SCORE) / node.cpu);
    m = usedMem > node.mem ? 0 : Math.trunc(((node.mem - usedMem) * MAX_NODE_SCORE) / node.mem);
  }
  return (c + m) >> 1;
}

/**
 * NodeResourcesBalancedAllocation score (0…100). Upstream truncates (1 − std) × 100 with
 * std = |fc − fm| ÷ 2; here the same number exactly: 100 − ⌈50 × |uc·M − um·C| ÷ (C·M)⌉.
 */
export function balancedAllocationScore(node: Node, cpu: number, mem: number): number {
  const c = node.cpu;
  const m = node.mem;
  if (c <= 0 || m <= 0) return 0;
  const uc = Math.min(node.allocCpu + cpu, c);
  const um = Math.min(node.allocMem + mem, m);
  const d = Math.abs(uc * m - um * c);
  const cm = c * m;
  return MAX_NODE_SCORE - Math.floor((50 * d + cm - 1) / cm);
}

/**
 * ImageLocality score: the image size scaled by the share of nodes that have it (so an
 * image cached everywhere counts fully), clamped to [23 MB, 1000 MB] and mapped to 0…100.
 * `totalNodes` counts every node of the cluster, not only those that could take the pod.
 */
export function imageLocalityScore(
  hasImage: boolean,
  imageMB: number,
  nodesWithImage: number,
  totalNodes: number,
): number {
  if (!hasImage || totalNodes <= 0) return 0;
  let sum = Math.trunc((imageMB * nodesWithImage) / totalNodes);
  if (sum < IMAGE_LOCALITY_MIN_MB) sum = IMAGE_LOCALITY_MIN_MB;
  if (sum > IMAGE_LOCALITY_MAX_MB) sum = IMAGE_LOCALITY_MAX_MB;
  return Math.trunc((MAX_NODE_SCORE * (sum - IMAGE_LOCALITY_MIN_MB)) / (IMAGE_LOCALITY_MAX_MB - IMAGE_LOCALITY_MIN_MB));
}

/** ln(feasible + 2) × 2^16: PodTopologySpread's topologyNormalizingWeight for hostnames. */
export function spreadWeight(feasibleNodes: number): number {
  return lnQ16(feasibleNodes + 2);
}

/**
 * PodTopologySpread raw score of a node holding `matching` pods of the pod's ReplicaSet:
 * math.Round(count × weight + maxSkew − 1) (scoreForCount; the maxSkew term waters small
 * differences down).
 */
export function spreadRawScore(matching: number, weightQ16: number, maxSkew = SPREAD_HOSTNAME_MAX_SKEW): number {
  return Math.floor((matching * weightQ16 + (maxSkew - 1) * LN_ONE + LN_ONE / 2) / LN_ONE);
}

/** PodTopologySpread NormalizeScore: fewer matching pods scores higher, 0…100. */
export function spreadScore(raw: number, minRaw: number, maxRaw: number): number {
  if (maxRaw === 0) return MAX_NODE_SCORE;
  return Math.trunc((MAX_NODE_SCORE * (maxRaw + minRaw - raw)) / maxRaw);
}
