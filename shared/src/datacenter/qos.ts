/**
 * Quality of Service classes of pods, and who goes first when a node runs out of memory.
 *
 * Kubernetes derives a pod's QoS class from its requests and limits (GetPodQOS,
 * pkg/apis/core/helper/qos/qos.go): Guaranteed when CPU and memory both have limits equal to
 * their requests, BestEffort when nothing is set, Burstable otherwise. The class decides two
 * things the game plays out:
 *  - the kubelet's node-pressure eviction order (pkg/kubelet/eviction/helpers.go,
 *    rankMemoryPressure): pods using more memory than they requested first, then by how far
 *    over their request they are (priority comes between the two upstream; every pod of the
 *    game has the same priority);
 *  - the kernel OOM killer's aim, through oom_score_adj (pkg/kubelet/qos/policy.go and the
 *    "Node out of memory behavior" docs): Guaranteed -997, BestEffort 1000, Burstable
 *    between 2 and 999, lower for a bigger memory request. Without Kubernetes (plain
 *    containers) every container has 0, and the biggest simply dies.
 * A pod here has one container, so the pod's class is its container's.
 */
import type { Instance } from "../model/model.ts";

export const QOS_CLASSES = ["Guaranteed", "Burstable", "BestEffort"] as const;
export type QosClass = (typeof QOS_CLASSES)[number];

/** The QoS class of a container with these requests and limits (0 = not set). */
export function qosOf(reqCpu: number, reqMem: number, limCpu: number, limMem: number): QosClass {
  if (reqCpu === 0 && reqMem === 0 && limCpu === 0 && limMem === 0) return "BestEffort";
  if (limCpu > 0 && limMem > 0 && reqCpu === limCpu && reqMem === limMem) return "Guaranteed";
  return "Burstable";
}

/** QoS class of a pod, or "" for what is not a pod (a VM, a container without Kubernetes). */
export function qosClass(i: Instance): QosClass | "" {
  return i.managed && i.runtime === "container" ? qosOf(i.reqCpu, i.reqMem, i.limCpu, i.limMem) : "";
}

const GUARANTEED_OOM_SCORE_ADJ = -997;
const BESTEFFORT_OOM_SCORE_ADJ = 1000;

/** oom_score_adj the kubelet gives a pod's container on a node with `memCapacity` MiB. */
export function oomScoreAdj(i: Instance, memCapacity: number): number {
  switch (qosClass(i)) {
    case "":
      return 0;
    case "Guaranteed":
      return GUARANTEED_OOM_SCORE_ADJ;
    case "BestEffort":
      return BESTEFFORT_OOM_SCORE_ADJ;
    case "Burstable": {
      const adj = 1000 - Math.trunc((1000 * i.reqMem) / memCapacity);
      return Math.min(Math.max(2, adj), 999);
    }
  }
}

/**
 * The kernel's badness of a container: its share of the machine's memory in thousandths
 * plus its oom_score_adj (mm/oom_kill.c oom_badness, in the kernel's 0…1000 scale).
 */
export function oomBadness(i: Instance, memCapacity: number): number {
  return Math.trunc((1000 * i.memUsed) / memCapacity) + oomScoreAdj(i, memCapacity);
}

/** The container the OOM killer ends first: highest badness, lowest id on a tie. */
export function oomVictim(list: readonly Instance[], memCapacity: number): Instance | null {
  let best: Instance | null = null;
  let bestScore = 0;
  for (const i of list) {
    const s = oomBadness(i, memCapacity);
    if (!best || s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}

/**
 * True when pod a is evicted before pod b under memory pressure: a pod over its memory
 * request before one within it, then the one further over its request; lowest id on a tie.
 */
export function evictsBefore(a: Instance, b: Instance): boolean {
  const overA = a.memUsed - a.reqMem;
  const overB = b.memUsed - b.reqMem;
  const exA = overA > 0;
  const exB = overB > 0;
  if (exA !== exB) return exA;
  if (overA !== overB) return overA > overB;
  return a.id < b.id;
}

/** The pod the kubelet evicts first, or null. */
export function evictionVictim(list: readonly Instance[]): Instance | null {
  let best: Instance | null = null;
  for (const i of list) if (!best || evictsBefore(i, best)) best = i;
  return best;
}
