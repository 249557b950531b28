/**
 * The cluster autoscaler add-on. Every scan (10 s):
 * - scale up: when pods have been unschedulable for at least one scan, buy enough nodes of
 *   the chosen type to hold their requests (minus nodes already on their way), within the
 *   maximum;
 * - scale down: a container host whose requests stay under 50 % of its allocatable for
 *   10 minutes, whose pods all belong to Deployments and would fit elsewhere, is drained
 *   and removed — never within 10 minutes of the last scale-up.
 */
import {
  CA_SCALE_DOWN_DELAY_AFTER_ADD_TICKS,
  CA_SCALE_DOWN_UNNEEDED_TICKS,
  CA_SCALE_DOWN_UTIL_PCT,
  CA_SCAN_TICKS,
  MAX_NODES,
} from "../constants.ts";
import type { EventLog } from "../events.ts";
import type { Node, World } from "../model.ts";
import { allocatable, instanceCpu, instanceMem } from "../resources.ts";
import { instancesOn, setNodeState } from "../nodes.ts";
import { newNode } from "../world.ts";

export function clusterAutoscalerTick(w: World, log: EventLog): void {
  const ca = w.autoscaler;
  if (!ca.enabled || !w.upgrades["cluster-autoscaler"] || log.tick % CA_SCAN_TICKS !== 0) return;
  scaleUp(w, log);
  scaleDown(w, log);
}

function scaleUp(w: World, log: EventLog): void {
  const ca = w.autoscaler;
  let cpu = 0;
  let mem = 0;
  let stuck = 0;
  for (const i of w.instances) {
    if (i.state === "pending" && i.managed && log.tick - i.since >= CA_SCAN_TICKS) {
      cpu += instanceCpu(i);
      mem += instanceMem(i);
      stuck++;
    }
  }
  if (stuck === 0) {
    ca.unschedSince = -1;
    return;
  }
  if (ca.unschedSince < 0) ca.unschedSince = log.tick;
  const a = allocatable(ca.nodeType, "container-host");
  let coming = 0;
  let count = 0;
  for (const n of w.nodes) {
    if (n.state === "gone" || n.mode !== "container-host") continue;
    count++;
    if (n.state === "provisioning") coming++;
  }
  const needed = Math.max(Math.ceil(cpu / a.cpu), Math.ceil(mem / a.mem)) - coming;
  const room = Math.min(ca.maxNodes - count, MAX_NODES - w.nodes.length);
  const add = Math.min(needed, room);
  for (let k = 0; k < add; k++) {
    const n = newNode(w.nodes.length, ca.nodeType, "container-host", log.tick, w.scenario.timings.nodeProvision);
    n.byAutoscaler = true;
    w.nodes.push(n);
    ca.lastAdd = log.tick;
    log.push("ca-scale-up", "cluster-autoscaler", { node: n.id, a: stuck });
  }
}

function scaleDown(w: World, log: EventLog): void {
  const ca = w.autoscaler;
  const t = log.tick;
  let candidate: Node | null = null;
  for (const n of w.nodes) {
    if (n.state !== "ready" || n.mode !== "container-host") continue;
    const low = n.allocCpu * 100 < n.cpu * CA_SCALE_DOWN_UTIL_PCT && n.allocMem * 100 < n.mem * CA_SCALE_DOWN_UTIL_PCT;
    if (!low) {
      n.lowSince = -1;
      continue;
    }
    if (n.lowSince < 0) n.lowSince = t;
    if (!candidate && t - n.lowSince >= CA_SCALE_DOWN_UNNEEDED_TICKS) candidate = n;
  }
  if (!candidate || (ca.lastAdd >= 0 && t - ca.lastAdd < CA_SCALE_DOWN_DELAY_AFTER_ADD_TICKS)) return;
  if (!podsFitElsewhere(w, candidate)) return;
  setNodeState(log, candidate, "draining", 0);
  candidate.lowSince = -1;
  log.push("ca-scale-down", "cluster-autoscaler", { node: candidate.id });
  log.push("node-draining", "cluster-autoscaler", { node: candidate.id });
}

/** Would every pod of this node find room on the other ready container hosts (first fit)? */
export function podsFitElsewhere(w: World, n: Node): boolean {
  const others = w.nodes.filter((m) => m.id !== n.id && m.state === "ready" && m.mode === "container-host");
  const freeCpu = others.map((m) => m.cpu - m.allocCpu);
  const freeMem = others.map((m) => m.mem - m.allocMem);
  for (const p of instancesOn(w, n.id)) {
    if (p.state === "terminating") continue;
    if (!p.managed) return false; // a bare pod has no controller to recreate it
    const c = instanceCpu(p);
    const m = instanceMem(p);
    let placed = false;
    for (let k = 0; k < others.length; k++) {
      if (freeCpu[k]! >= c && freeMem[k]! >= m) {
        freeCpu[k]! -= c;
        freeMem[k]! -= m;
        placed = true;
        break;
      }
    }
    if (!placed) return false;
  }
  return true;
}
