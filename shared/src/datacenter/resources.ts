/**
 * What a node offers and what an instance takes from it. The one home of the rule that a
 * VM reserves its app's request plus a guest OS while a container reserves its request
 * only, and of each host mode's overhead.
 */
import {
  HOST_MODE_SPECS,
  NODE_CATALOG,
  VM_GUEST_OS_CPU,
  VM_GUEST_OS_MEM,
  VM_THROUGHPUT_FLOOR_PCT,
  type HostMode,
  type NodeType,
} from "../model/constants.ts";
import type { Instance, Node, Runtime } from "../model/model.ts";
import type { ServiceSpec } from "../model/scenario.ts";

export interface Allocatable {
  readonly cpu: number;
  readonly mem: number;
}

/** Node capacity minus the host mode's overhead (hypervisor or host OS + runtime). */
export function allocatable(type: NodeType, mode: HostMode): Allocatable {
  const cap = NODE_CATALOG[type];
  const m = HOST_MODE_SPECS[mode];
  const cpuOverhead = Math.floor((cap.cpu * m.cpuOverheadPct) / 100) + m.cpuOverhead;
  return { cpu: cap.cpu - cpuOverhead, mem: cap.mem - m.memOverhead };
}

export function overheadOf(type: NodeType, mode: HostMode): Allocatable {
  const cap = NODE_CATALOG[type];
  const a = allocatable(type, mode);
  return { cpu: cap.cpu - a.cpu, mem: cap.mem - a.mem };
}

/** CPU reserved on the node by an instance with this app request. */
export function reservedCpu(runtime: Runtime, reqCpu: number): number {
  return runtime === "vm" ? reqCpu + VM_GUEST_OS_CPU : reqCpu;
}

export function reservedMem(runtime: Runtime, reqMem: number): number {
  return runtime === "vm" ? reqMem + VM_GUEST_OS_MEM : reqMem;
}

export function instanceCpu(i: Instance): number {
  return reservedCpu(i.runtime, i.reqCpu);
}

export function instanceMem(i: Instance): number {
  return reservedMem(i.runtime, i.reqMem);
}

/**
 * The requests and limits a new instance of a service starts with: its app's manifest. A VM
 * takes its requests as the hypervisor's reservation and has no limits of its own.
 */
export function defaultResources(
  spec: ServiceSpec,
  runtime: Runtime,
): { reqCpu: number; reqMem: number; limCpu: number; limMem: number } {
  const vm = runtime === "vm";
  return { reqCpu: spec.cpu, reqMem: spec.mem, limCpu: vm ? 0 : spec.limCpu, limMem: vm ? 0 : spec.limMem };
}

/** CPU limit an instance adds to its node's sum of limits: a VM's is its reservation, an unlimited container's nothing. */
export function instanceLimCpu(i: Instance): number {
  return i.runtime === "vm" ? instanceCpu(i) : i.limCpu;
}

export function instanceLimMem(i: Instance): number {
  return i.runtime === "vm" ? instanceMem(i) : i.limMem;
}

export function freeCpu(n: Node): number {
  return n.cpu - n.allocCpu;
}

export function freeMem(n: Node): number {
  return n.mem - n.allocMem;
}

/** Share of its nominal throughput each of `vms` VMs on a host of this mode delivers, percent. */
export function vmThroughputPct(mode: HostMode, vms: number): number {
  const m = HOST_MODE_SPECS[mode];
  const pct = m.vmThroughputPct - m.vmContentionPct * Math.max(0, vms - 1);
  return pct < VM_THROUGHPUT_FLOOR_PCT ? VM_THROUGHPUT_FLOOR_PCT : pct;
}

/** The runtime a host mode runs. */
export function runtimeOf(mode: HostMode): Runtime {
  return HOST_MODE_SPECS[mode].runs;
}
