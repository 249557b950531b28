/** Human units for CPU (millicores) and memory (MiB), and a node's state in a word, shared by the scene and the DOM. */
import type { NodeView } from "@overcommit/shared";

export function fmtCpu(m: number): string {
  return m >= 1000 ? `${(m / 1000).toFixed(m % 1000 === 0 ? 0 : 1)} cores` : `${m} m`;
}

export function fmtMem(mib: number): string {
  return mib >= 1024 ? `${(mib / 1024).toFixed(mib % 1024 === 0 ? 0 : 1)} GiB` : `${mib} MiB`;
}

/** A node's state as a player reads it: a panicked kernel reboots, Kubernetes' NotReady, who bought it. */
export function nodeStateText(n: NodeView): string {
  if (n.state === "ready") return n.byAutoscaler ? "ready (autoscaler)" : "ready";
  if (n.state === "failed") return n.rebooting ? "rebooting" : n.notReady ? "NotReady" : "failed";
  return n.state;
}
