/**
 * Why something happened. Every state change of a node or an instance carries one of
 * these codes; explain.ts turns (event, cause) into the sentence a player reads, and the
 * debrief counts incidents by the concept each cause teaches.
 */
export const CAUSES = [
  "",
  // placement and start
  "deployed",
  "scheduled",
  "replica-set",
  "autoscaled",
  "rollout",
  "image-pull",
  "image-cached",
  "booted",
  "started",
  "restart-player",
  "on-call",
  "hand-setup",
  "restart-backoff",
  "restart-kubelet",
  "restart-vm-ha",
  "rescheduled-vm-ha",
  "migrate",
  "migrated",
  // trouble
  "crash",
  "oom",
  "oom-node",
  "overload",
  "kernel",
  "node-failed",
  "not-ready",
  "evicted",
  "memory-pressure",
  "registry-down",
  "noisy",
  // endings
  "stopped",
  "drained",
  "scaled-down",
  "replaced",
  "node-removed",
  // nodes
  "bought",
  "provisioned",
  "repaired",
  "rebooted",
  "cordon",
  "uncordon",
  "remove",
  "cluster-autoscaler",
  "hardware",
  // money
  "bankrupt",
  "round-over",
] as const;
export type Cause = (typeof CAUSES)[number];
