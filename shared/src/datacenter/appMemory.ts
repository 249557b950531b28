/**
 * What an app holds in memory, and when a node says it is short: plain functions the engine's
 * phases and the scheduler share (the node's memory pass itself is memory.ts).
 */
import { APP_MEM_IDLE_PCT, APP_MEM_LOAD_PCT } from "../model/constants.ts";
import type { Instance, Node } from "../model/model.ts";
import type { ServiceSpec } from "../model/scenario.ts";

/** Memory (MiB) an app of this service uses while serving `served` requests per second, leaks aside. */
export function workingSet(spec: ServiceSpec, served: number): number {
  const idle = Math.trunc((spec.mem * APP_MEM_IDLE_PCT) / 100);
  if (spec.capacity <= 0 || served <= 0) return idle;
  return idle + Math.trunc((spec.mem * APP_MEM_LOAD_PCT * served) / (100 * spec.capacity));
}

/** Whether an instance holds memory on its node now (a process is up, or starting). */
export function holdsMemory(i: Instance): boolean {
  return i.state === "running" || i.state === "booting" || i.state === "migrating";
}

/** The kubelet reports MemoryPressure on this node now. */
export function underPressure(n: Node, tick: number): boolean {
  return n.pressureUntil > tick;
}
