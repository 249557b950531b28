/**
 * VM HA (as vSphere HA): when a Type 1 host fails, its VMs are restarted on other Type 1
 * hosts once the failure is detected; VM Monitoring resets a VM whose guest died once its
 * heartbeats and then its I/O have been silent long enough, at most 3 times. Like vSphere HA it is a feature of a bare-metal hypervisor
 * cluster: VMs on Type 2 hosts are not protected. Without it, VMs of a failed host are lost.
 */
import { VM_HA_IO_STATS_TICKS, VM_HA_MAX_RESETS, VM_HA_MONITOR_TICKS } from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import type { Instance, Node, World } from "../model/model.ts";
import { beginStart, reserve, unreserve } from "./instances.ts";
import { instanceCpu, instanceMem } from "./resources.ts";

/** A Type 1 host with room: the one with the most free memory, lowest id on ties. */
export function haTarget(w: World, inst: Instance): Node | null {
  const cpu = instanceCpu(inst);
  const mem = instanceMem(inst);
  let best: Node | null = null;
  for (const n of w.nodes) {
    if (n.state !== "ready" || n.mode !== "hypervisor" || n.id === inst.node) continue;
    if (n.cpu - n.allocCpu < cpu || n.mem - n.allocMem < mem) continue;
    if (!best || n.mem - n.allocMem > best.mem - best.allocMem) best = n;
  }
  return best;
}

/** Per tick, for one instance in state lost or crashed. */
export function vmHaCheck(w: World, log: EventLog, inst: Instance): void {
  if (!isHaProtected(w, inst)) return;
  if (inst.state === "crashed") {
    // VM Monitoring gives up on a VM it has reset too often (its `restarts` count its resets).
    if (inst.restarts >= VM_HA_MAX_RESETS) return;
    if (log.tick - inst.since >= Math.max(VM_HA_MONITOR_TICKS, VM_HA_IO_STATS_TICKS)) {
      inst.restarts++;
      beginStart(w, log, inst, "restart-vm-ha");
    }
    return;
  }
  if (inst.state !== "lost") return;
  const from = inst.node >= 0 ? w.nodes[inst.node]! : null;
  if (from && (from.failedAt < 0 || log.tick < from.failedAt + w.scenario.timings.vmHaDetect)) return;
  const to = haTarget(w, inst);
  if (!to) return; // HA keeps trying each tick, as the real one retries
  if (from) unreserve(from, inst);
  inst.node = to.id;
  reserve(to, inst);
  // Powered on afresh elsewhere: VM Monitoring's reset count starts over.
  inst.restarts = 0;
  beginStart(w, log, inst, "rescheduled-vm-ha");
}

/** VM HA protects VMs on Type 1 hosts of a cluster that bought it (a lost VM whose host was removed stays protected). */
export function isHaProtected(w: World, inst: Instance): boolean {
  if (inst.runtime !== "vm" || !w.upgrades["vm-ha"]) return false;
  return inst.node < 0 ? inst.state === "lost" : w.nodes[inst.node]!.mode === "hypervisor";
}
