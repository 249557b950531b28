/**
 * VM HA (as vSphere HA): when a Type 1 host fails, its VMs are restarted on other Type 1
 * hosts once the failure is detected; VM Monitoring resets a VM whose guest died once its
 * heartbeats and then its I/O have been silent long enough, at most 3 times. Like vSphere HA it is a feature of a bare-metal hypervisor
 * cluster: VMs on Type 2 hosts are not protected. Without it, VMs of a failed host are lost.
 *
 * When it cannot help (no host with room, or the reset limit reached) it says so once, at
 * the tick it would first have acted: that tick follows from the state alone (the host's
 * failure, the crash), so the world keeps no note of what was said and its hash is unchanged.
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

/** Seconds of silence after which VM Monitoring resets a dead guest. */
const RESET_AFTER = Math.max(VM_HA_MONITOR_TICKS, VM_HA_IO_STATS_TICKS);

/** Per tick, for one instance in state lost or crashed. */
export function vmHaCheck(w: World, log: EventLog, inst: Instance): void {
  if (!isHaProtected(w, inst)) return;
  if (inst.state === "crashed") {
    const due = log.tick - inst.since;
    // VM Monitoring gives up on a VM it has reset too often (its `restarts` count its resets).
    if (inst.restarts >= VM_HA_MAX_RESETS) {
      if (due === RESET_AFTER)
        log.push("vm-ha-gave-up", inst.cause, {
          instance: inst.id,
          service: inst.service,
          node: inst.node,
          resets: inst.restarts,
        });
      return;
    }
    if (due >= RESET_AFTER) {
      inst.restarts++;
      beginStart(w, log, inst, "restart-vm-ha");
    }
    return;
  }
  if (inst.state !== "lost") return;
  const from = inst.node >= 0 ? w.nodes[inst.node]! : null;
  if (from && (from.failedAt < 0 || log.tick < from.failedAt + w.scenario.timings.vmHaDetect)) return;
  const to = haTarget(w, inst);
  if (!to) {
    // HA keeps trying each tick, as the real one retries; it says so at its first try.
    if (from && log.tick === from.failedAt + w.scenario.timings.vmHaDetect) noRoom(log, inst, from.id);
    return;
  }
  if (from) unreserve(from, inst);
  inst.node = to.id;
  reserve(to, inst);
  // Powered on afresh elsewhere: VM Monitoring's reset count starts over.
  inst.restarts = 0;
  beginStart(w, log, inst, "rescheduled-vm-ha");
}

/**
 * A lost VM left without its host (the failed host was removed): VM HA tries at once, from the
 * next tick on. Said now if its first try on the host's schedule has not come yet and there
 * is no room; after that tick it has been said already.
 */
export function vmHaDetached(w: World, log: EventLog, inst: Instance, from: Node): void {
  if (log.tick < from.failedAt + w.scenario.timings.vmHaDetect && !haTarget(w, inst)) noRoom(log, inst, from.id);
}

/** `node`: the failed host it was lost with. */
function noRoom(log: EventLog, inst: Instance, node: number): void {
  log.push("vm-ha-no-room", "node-failed", {
    instance: inst.id,
    service: inst.service,
    node,
    cpu: instanceCpu(inst),
    mem: instanceMem(inst),
  });
}

/** VM HA protects VMs on Type 1 hosts of a cluster that bought it (a lost VM whose host was removed stays protected). */
export function isHaProtected(w: World, inst: Instance): boolean {
  if (inst.runtime !== "vm" || !w.upgrades["vm-ha"]) return false;
  return inst.node < 0 ? inst.state === "lost" : w.nodes[inst.node]!.mode === "hypervisor";
}
