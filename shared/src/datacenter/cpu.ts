/**
 * How a container host shares its CPU among the containers on it, as Linux does for
 * Kubernetes pods (and for plain containers started with the same settings).
 *
 * A container's CPU request becomes its cgroup weight (cpu.shares, 1024 per core, at least
 * 2: pkg/kubelet/cm/helpers_linux.go MilliCPUToShares); its limit becomes a CFS quota that
 * caps it (MilliCPUToQuota). Because the scheduler never lets requests add up past the
 * node, every container can always get what it requests; what is left over (the CPU
 * others requested but do not use, and the CPU nobody requested) goes to the containers
 * that want more, in proportion to their weights, each up to its limit. So:
 *
 *  1. each container gets min(what it wants, its request);
 *  2. the rest of the node is shared by weight among those still wanting more, round by
 *     round (weighted max-min fairness): anyone whose remaining want fits its fair share
 *     is satisfied and leaves; when nobody fits, everyone left takes its share and the
 *     CPU is used up.
 *
 * "What it wants" is already capped at its limit by the caller (the CFS quota): a
 * container at its limit is throttled even on an idle node. Integer millicores only; the
 * few millicores lost to rounding stay idle, the same in every replay.
 */

/** cgroup cpu.shares of a request in millicores (Kubernetes' MilliCPUToShares). */
export function cpuShares(reqMilli: number): number {
  const shares = Math.trunc((reqMilli * 1024) / 1000);
  return shares < 2 ? 2 : shares;
}

/**
 * Shares `capacity` millicores among `n` containers. `want[k]` is what container k would use
 * (already capped at its limit), `req[k]` its request. Writes what each gets to `got[k]`.
 * The arrays are the caller's scratch, read and written from index 0 to n-1.
 */
export function shareCpu(
  n: number,
  capacity: number,
  want: ArrayLike<number>,
  req: ArrayLike<number>,
  got: Int32Array | number[],
): void {
  let left = capacity;
  let hungry = 0;
  for (let k = 0; k < n; k++) {
    const w = want[k]!;
    const g = w < req[k]! ? w : req[k]!;
    got[k] = g;
    left -= g;
    if (w > g) hungry++;
  }
  if (left <= 0 || hungry === 0) return;
  // Weighted max-min fairness over the rest. Each round either satisfies someone (who
  // leaves) or hands out everything, so there are at most `hungry` rounds.
  for (;;) {
    let weight = 0;
    for (let k = 0; k < n; k++) if (want[k]! > got[k]!) weight += cpuShares(req[k]!);
    if (weight === 0 || left <= 0) return;
    let satisfied = false;
    const pool = left;
    for (let k = 0; k < n; k++) {
      const need = want[k]! - got[k]!;
      if (need <= 0) continue;
      const fair = Math.trunc((pool * cpuShares(req[k]!)) / weight);
      if (need <= fair) {
        got[k] = want[k]!;
        left -= need;
        satisfied = true;
      }
    }
    if (satisfied) continue;
    for (let k = 0; k < n; k++) {
      const need = want[k]! - got[k]!;
      if (need <= 0) continue;
      const fair = Math.trunc((pool * cpuShares(req[k]!)) / weight);
      got[k] = got[k]! + fair;
      left -= fair;
    }
    return;
  }
}
