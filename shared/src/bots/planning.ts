/**
 * What the bots know how to work out: how much capacity a service needs soon, which node
 * shape is cheapest for it, and where an instance fits. Bots see only what a player sees
 * (the world and the scenario's published traffic curve, announced spikes included).
 */
import { HOST_MODE_SPECS, type HostMode, type NodeType } from "../model/constants.ts";
import type { Node, Runtime, World } from "../model/model.ts";
import { allocatable, reservedCpu, reservedMem, vmThroughputPct } from "../datacenter/resources.ts";
import { nodeCost } from "../datacenter/economy.ts";
import { baseDemand } from "../datacenter/traffic.ts";

/**
 * Requests per second one replica of a service serves as this runtime on this host mode,
 * with `vms` VMs sharing the host (a hosted hypervisor's VMs slow each other down); by
 * default as many as fit on the smallest node on offer.
 */
export function replicaCapacity(w: World, s: number, runtime: Runtime, mode: HostMode, vms = -1): number {
  const spec = w.scenario.services[s]!;
  let pct = 100;
  if (runtime === "vm") {
    const n =
      vms >= 0
        ? vms
        : fitCount(w.scenario.nodeTypes[0]!, mode, reservedCpu("vm", spec.cpu), reservedMem("vm", spec.mem));
    pct = vmThroughputPct(mode, n);
  }
  return Math.max(1, Math.trunc((spec.capacity * pct) / 100));
}

/** Highest demand expected in the next `horizon` ticks, from the curve and announced spikes. */
export function forecast(w: World, s: number, horizon: number): number {
  const spec = w.scenario.services[s]!;
  const t0 = w.tick;
  // Only spikes already announced (or under way) are known to a player.
  const known = {
    ...spec,
    traffic: { ...spec.traffic, spikes: spec.traffic.spikes.filter((sp) => t0 >= sp.at - sp.announce) },
  };
  let peak = 0;
  for (let t = t0; t <= t0 + horizon; t += 5) peak = Math.max(peak, baseDemand(known, s, w.spikes, t));
  // Noise can push demand above the curve.
  return Math.trunc((peak * (100 + spec.traffic.noise)) / 100);
}

/** Which runtime a bot uses for a service (containers where allowed and offered). */
export function runtimeFor(w: World, s: number): Runtime {
  const rule = w.scenario.services[s]!.runtime;
  if (rule === "vm-only") return "vm";
  if (rule === "container-only") return "container";
  return w.scenario.hostModes.includes("container-host") ? "container" : "vm";
}

/** How many instances of this size fit on an empty node of this shape. */
export function fitCount(type: NodeType, mode: HostMode, cpu: number, mem: number): number {
  const a = allocatable(type, mode);
  return Math.max(0, Math.min(Math.floor(a.cpu / cpu), Math.floor(a.mem / mem)));
}

export interface Shape {
  readonly type: NodeType;
  readonly mode: HostMode;
}

/** Host modes on offer that run this runtime. */
export function modesFor(w: World, runtime: Runtime): HostMode[] {
  return w.scenario.hostModes.filter((m) => HOST_MODE_SPECS[m].runs === runtime);
}

/**
 * The node shape that serves `replicasWanted` more replicas of a service for the least
 * money per tick (node cost + licence, adjusted for VM throughput on the host mode).
 */
export function cheapestShape(w: World, s: number, runtime: Runtime, replicasWanted: number): Shape | null {
  const spec = w.scenario.services[s]!;
  const cpu = reservedCpu(runtime, spec.cpu);
  const mem = reservedMem(runtime, spec.mem);
  let best: Shape | null = null;
  let bestCost = Infinity;
  for (const mode of modesFor(w, runtime)) {
    for (const type of w.scenario.nodeTypes) {
      const fit = fitCount(type, mode, cpu, mem);
      if (fit === 0) continue;
      const perTick = nodeCost(type, mode);
      const throughput = replicaCapacity(w, s, runtime, mode, fit);
      // Nodes needed for the wanted capacity, valued per request served.
      const nodes = Math.ceil(Math.max(1, replicasWanted) / fit);
      const cost = (nodes * perTick * 1000) / (Math.min(fit * nodes, Math.max(1, replicasWanted)) * throughput);
      if (cost < bestCost) {
        bestCost = cost;
        best = { type, mode };
      }
    }
  }
  return best;
}

/** Free room on nodes as the bot plans several placements within one tick. */
export class Room {
  private readonly cpu = new Map<number, number>();
  private readonly mem = new Map<number, number>();
  constructor(private readonly w: World) {}
  free(n: Node): [number, number] {
    return [this.cpu.get(n.id) ?? n.cpu - n.allocCpu, this.mem.get(n.id) ?? n.mem - n.allocMem];
  }
  take(n: Node, cpu: number, mem: number): void {
    const [c, m] = this.free(n);
    this.cpu.set(n.id, c - cpu);
    this.mem.set(n.id, m - mem);
  }
  /**
   * A ready node running this runtime with room: `fullest` picks best-fit (pack), `spread`
   * the emptiest (so one host failure takes less), otherwise first-fit.
   */
  find(
    runtime: Runtime,
    cpu: number,
    mem: number,
    fullest: boolean,
    prefer?: HostMode,
    spread = false,
    accept?: (n: Node) => boolean,
  ): Node | null {
    let best: Node | null = null;
    let bestFree = Infinity;
    for (const n of this.w.nodes) {
      if (n.state !== "ready" || HOST_MODE_SPECS[n.mode].runs !== runtime) continue;
      if (accept && !accept(n)) continue;
      const [c, m] = this.free(n);
      if (c < cpu || m < mem) continue;
      if (!fullest && !spread) return n;
      const pref = prefer && n.mode !== prefer ? 1_000_000 : 0;
      const room = c * 4 + m / 4;
      const score = (spread ? -room : room) + pref;
      if (score < bestFree) {
        bestFree = score;
        best = n;
      }
    }
    return best;
  }
}

/** Room that nodes still provisioning will bring, in instances of this size. */
export function comingSlots(w: World, runtime: Runtime, cpu: number, mem: number): number {
  let k = 0;
  for (const n of w.nodes) {
    if (n.state !== "provisioning" || HOST_MODE_SPECS[n.mode].runs !== runtime) continue;
    k += Math.min(Math.floor((n.cpu - n.allocCpu) / cpu), Math.floor((n.mem - n.allocMem) / mem));
  }
  return k;
}

/** Instances of a service that count towards its capacity (not on their way out, not on a dead node). */
export function activeOf(w: World, s: number, runtime?: Runtime): number {
  let k = 0;
  for (const i of w.instances) {
    if (i.service !== s || (runtime && i.runtime !== runtime)) continue;
    if (i.state === "terminating" || i.state === "gone" || i.state === "lost") continue;
    k++;
  }
  return k;
}

/** Demand the player sees now (the curve at tick 0, the last tick's demand after). */
export function demandNow(w: World, s: number): number {
  return w.tick === 0 ? baseDemand(w.scenario.services[s]!, s, w.spikes, 0) : w.services[s]!.demand;
}
