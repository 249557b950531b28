/**
 * Which pods a ReplicaSet deletes first when it has too many: upstream's
 * `ActivePodsWithRanks` order (kubernetes/pkg/controller/controller_utils.go), used by
 * `getPodsToDelete` (pkg/controller/replicaset/replica_set.go). Earlier in the order goes
 * first:
 *  1. a pod not yet bound to a node before a bound one;
 *  2. phase Pending (waiting, pulling its image, starting) before Running;
 *  3. not ready before ready;
 *  4. (pod-deletion-cost: the game sets none);
 *  5. the pod whose node holds more active pods of the same Deployment first;
 *  6. of two ready pods, the one ready for less time, compared on a log2 scale;
 *  7. more container restarts first;
 *  8. the newer pod first, on a log2 scale of age.
 * Upstream breaks what is left (equal log2 ranks) by pod UID, a random order; the game takes
 * the higher instance id, so replays delete the same pod.
 */
import type { Instance, World } from "../model/model.ts";
import { isNotReady } from "./scheduler.ts";

/** How the ReplicaSet controller sees a pod. */
export interface PodStatus {
  readonly id: number;
  /** Bound to a node. */
  readonly assigned: boolean;
  /** Pod phase: 0 Pending, 1 Unknown, 2 Running (podPhaseToOrdinal). */
  readonly phase: number;
  readonly ready: boolean;
  /** Tick it last became ready, or -1. */
  readonly readySince: number;
  readonly restarts: number;
  readonly born: number;
  /** Active pods of the same Deployment on its node, itself included (getPodsRankedByRelatedPodsOnSameNode). */
  readonly colocated: number;
}

/** floor(log2(seconds × 10^9)): upstream compares durations in nanoseconds on a log2 scale (logarithmicRankDiff). */
export function log2NanoRank(seconds: number): number {
  if (seconds <= 0) return -1;
  let d = seconds * 1_000_000_000;
  let r = -1;
  while (d >= 1) {
    d = Math.floor(d / 2);
    r++;
  }
  return r;
}

/** Negative if `a` should be deleted before `b`. */
export function compareForDeletion(a: PodStatus, b: PodStatus, now: number): number {
  if (a.assigned !== b.assigned) return a.assigned ? 1 : -1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.colocated !== b.colocated) return b.colocated - a.colocated;
  if (a.ready && b.ready && a.readySince !== b.readySince) {
    // A pod whose ready time is unknown goes first (afterOrZero).
    if (a.readySince < 0 || b.readySince < 0) return a.readySince < 0 ? -1 : 1;
    const d = log2NanoRank(now - a.readySince) - log2NanoRank(now - b.readySince);
    if (d !== 0) return d;
    return b.id - a.id;
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  if (a.born !== b.born) {
    const d = log2NanoRank(now - a.born) - log2NanoRank(now - b.born);
    if (d !== 0) return d;
  }
  return b.id - a.id;
}

/**
 * A pod's Ready condition as the API server shows it: running, or on a dead node that the
 * node controller has not yet marked NotReady (until then nobody knows it is gone).
 */
export function podReady(w: World, p: Instance): boolean {
  return p.state === "running" || (p.state === "lost" && p.node >= 0 && !isNotReady(w, w.nodes[p.node]!));
}

/** What the controller knows of an instance of the game. */
export function podStatus(w: World, p: Instance, colocated: number): PodStatus {
  const st = p.state;
  const phase = st === "pending" || st === "pulling" || st === "booting" ? 0 : 2;
  const ready = podReady(w, p);
  return {
    id: p.id,
    assigned: p.node >= 0,
    phase,
    ready,
    readySince: ready ? p.runningSince : -1,
    restarts: p.restarts,
    born: p.born,
    colocated,
  };
}

/**
 * The `n` pods of `candidates` to delete, in order; `related` are all active pods of the
 * same Deployment (every ReplicaSet), which decide how crowded each node is.
 */
export function podsToDelete(
  w: World,
  candidates: readonly Instance[],
  related: readonly Instance[],
  n: number,
): Instance[] {
  if (n <= 0) return [];
  if (n >= candidates.length) return [...candidates];
  const onNode = new Map<number, number>();
  for (const p of related) onNode.set(p.node, (onNode.get(p.node) ?? 0) + 1);
  const ranked = candidates.map((p) => ({ p, s: podStatus(w, p, onNode.get(p.node) ?? 0) }));
  const now = w.tick;
  ranked.sort((a, b) => compareForDeletion(a.s, b.s, now));
  return ranked.slice(0, n).map((r) => r.p);
}
