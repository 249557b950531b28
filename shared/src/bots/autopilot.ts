/**
 * The operator: one way of playing, set by a Style, that the named bots share. `autopilot`
 * is its default style, the way the game hopes a student learns to play:
 *
 * - Looks ahead: sizes each service for the highest demand of the next few minutes on the
 *   published daily curve and the spikes already announced, plus one spare replica where
 *   failures can strike.
 * - Buys automation when it pays: Kubernetes for container services (then lets the HPA and
 *   the cluster autoscaler do the work, raising the HPA's floor ahead of known peaks), VM HA
 *   for VMs on Type 1 hosts.
 * - Packs by hand where it must (VMs, or containers before Kubernetes): best fit on the
 *   node shape that serves a request most cheaply, scales down when the peak has passed
 *   and returns empty nodes.
 * - Handles trouble: replaces dead machines at once, restarts crashed instances, gives
 *   leaking pods a memory limit and rolls out the best release.
 */
import type { Command } from "../model/commands.ts";
import { BACKOFF_RESET_TICKS, HOST_MODE_SPECS, NODE_CATALOG, VM_HA_MAX_RESETS, type HostMode } from "../model/constants.ts";
import type { Runtime, World } from "../model/model.ts";
import type { Bot } from "../replay/simulate.ts";
import { allocatable, instanceCpu, instanceMem, reservedCpu, reservedMem } from "../datacenter/resources.ts";
import { runningCost } from "../datacenter/economy.ts";
import { appRelease } from "../datacenter/releases.ts";
import { haTarget, isHaProtected } from "../datacenter/vmHa.ts";
import { activeOf, cheapestShape, comingSlots, fitCount, forecast, replicaCapacity, Room, runtimeFor as defaultRuntime } from "./planning.ts";
import type { NodeType } from "../model/constants.ts";
import type { Upgrade } from "../model/scenario.ts";

/**
 * How an operator plays. Every knob has the autopilot's choice as its default; a named
 * strategy changes one or two (one idea followed or ignored), so that comparing it with
 * its twin measures what that idea is worth.
 */
export interface Style {
  readonly name: string;
  /** Seconds between two looks at the cluster. */
  readonly period: number;
  /** Runtime for services that may run either way ("best": containers where offered). */
  readonly runtime: "best" | Runtime;
  /** Host mode for VMs ("best": the cheapest per request served, Type 1 once VM HA is bought). */
  readonly vmHost: "best" | "hypervisor" | "hosted";
  /** Node size to buy ("best": the cheapest per request served). */
  readonly nodeType: "best" | NodeType;
  /** Seconds of the published curve (and announced spikes) it sizes for; 0 = only now. */
  readonly horizon: number;
  /** Seconds ahead it starts instances for (-1: the horizon); nodes are still bought for the horizon. */
  readonly startHorizon: number;
  /** Spread instances over hosts where hosts can fail (one basket is cheaper). */
  readonly spread: boolean;
  /** Run sensitive services (card data) in VMs rather than beside other tenants' containers. */
  readonly isolate: boolean;
  /** Upgrades it buys when they pay. */
  readonly upgrades: readonly Upgrade[];
  /** Restart crashed instances by hand. */
  readonly restarts: boolean;
  /** Set memory limits on leaking pods and roll out fixed releases. */
  readonly fixes: boolean;
  /** Stop extra instances and return empty nodes after a peak. */
  readonly scaleDown: boolean;
  /** Acts only until this tick, except for restarts (a walk-away player); -1 = all round. */
  readonly activeUntil: number;
  /** At most this many instances on a node (0: as many as fit, packed). */
  readonly maxPerNode: number;
  /** Utilisation it plans hand-placed capacity for, percent; lower where hosts may fail. */
  readonly planUtil: number;
  readonly resilientUtil: number;
  /** The HPA's target CPU utilisation, percent. */
  readonly hpaTarget: number;
  /** One spare replica per service where things can fail. */
  readonly spare: boolean;
  /** Bin-pack pods (MostAllocated), so the cluster autoscaler can return emptied nodes. */
  readonly binpack: boolean;
}

export const AUTOPILOT: Style = {
  name: "autopilot",
  period: 5,
  runtime: "best",
  vmHost: "best",
  nodeType: "best",
  horizon: 170,
  startHorizon: -1,
  spread: true,
  isolate: true,
  upgrades: ["vm-ha", "kubernetes", "autoscaler", "cluster-autoscaler"],
  restarts: true,
  fixes: true,
  scaleDown: true,
  activeUntil: -1,
  maxPerNode: 0,
  planUtil: 85,
  resilientUtil: 65,
  hpaTarget: 70,
  spare: true,
  binpack: false,
};

function runtimeFor(style: Style, w: World, s: number): Runtime {
  const spec = w.scenario.services[s]!;
  if (spec.runtime !== "either") return defaultRuntime(w, s);
  // Data that must not share a kernel goes into VMs, each with a kernel of its own.
  if (spec.sensitive && style.isolate && w.scenario.hostModes.some((m) => m !== "container-host")) return "vm";
  return style.runtime === "best" ? defaultRuntime(w, s) : style.runtime;
}


/** Whether anything can kill instances in this round (an outage or a spike kills none). */
function hasFailures(w: World): boolean {
  const f = w.scenario.failures;
  const killers = w.scenario.events.some((e) => e.kind === "crash" || e.kind === "node-failure" || e.kind === "kernel-incident");
  return f.nodeFailure > 0 || f.kernelIncident > 0 || killers || w.scenario.services.some((s) => s.releases.some((r) => r.crashPerMillion > 0 || r.leakMiB > 0));
}

/** Host failures expected in the round: scripted ones, or a rate that makes one likely. */
function hostFailuresLikely(style: Style, w: World): boolean {
  if (!style.spread) return false;
  if (w.scenario.events.some((e) => e.kind === "node-failure")) return true;
  const hosts = Math.max(1, w.nodes.filter((n) => n.state !== "gone").length);
  return w.scenario.failures.nodeFailure * hosts * w.scenario.length >= 500_000;
}

/** Kernel panics expected on container hosts: a panic takes every container of its host down. */
function kernelPanicsLikely(style: Style, w: World): boolean {
  if (!style.spread) return false;
  if (w.scenario.events.some((e) => e.kind === "kernel-incident")) return true;
  const hosts = Math.max(1, w.nodes.filter((n) => n.state !== "gone" && n.mode === "container-host").length);
  return w.scenario.failures.kernelIncident * hosts * w.scenario.length >= 500_000;
}

/** Replicas a service needs for the coming peak (or, with horizon 0, for now) at the planning utilisation. */
function replicasNeeded(style: Style, w: World, s: number, runtime: Runtime, mode: HostMode, utilPct: number, horizon = style.horizon): number {
  const peak = forecast(w, s, horizon);
  if (peak <= 0) return 0;
  const base = Math.ceil((peak * 100) / (replicaCapacity(w, s, runtime, mode) * utilPct));
  return base + (style.spare && hasFailures(w) ? 1 : 0);
}

/** An upgrade is worth buying once the basics run and the purchase leaves a cushion. */
function affordable(w: World, price: number): boolean {
  const short = w.tick === 0 || w.services.some((st) => st.capacity < st.demand);
  return !short && w.money >= 2 * price + runningCost(w) * 120;
}

function buyUpgrades(style: Style, w: World, out: Command[]): void {
  const offers = w.scenario.upgrades;
  const wantsContainers = w.scenario.services.some((_, s) => runtimeFor(style, w, s) === "container");
  const wantsVms = w.scenario.services.some((_, s) => runtimeFor(style, w, s) === "vm");
  let bought = false; // one purchase per decision, so the cushion check stays honest
  const buy = (u: "kubernetes" | "autoscaler" | "cluster-autoscaler" | "vm-ha"): void => {
    const o = offers[u];
    if (!bought && o && !w.upgrades[u] && style.upgrades.includes(u) && affordable(w, o.price)) {
      out.push({ type: "buy-upgrade", upgrade: u });
      bought = true;
    }
  };
  if (wantsContainers) {
    if (!w.upgrades.kubernetes) buy("kubernetes");
    else {
      buy("autoscaler");
      buy("cluster-autoscaler");
    }
  }
  if (wantsVms && w.scenario.hostModes.includes("hypervisor") && hostFailuresLikely(style, w)) buy("vm-ha");
}

/** The best release on offer: no leak first, then the lowest crash rate. */
function bestRelease(w: World, s: number): number {
  const rels = [...w.scenario.services[s]!.releases].sort((a, b) => a.leakMiB - b.leakMiB || a.crashPerMillion - b.crashPerMillion || b.version - a.version);
  return rels[0]!.version;
}

function fixReleases(w: World, out: Command[]): void {
  for (let s = 0; s < w.services.length; s++) {
    const st = w.services[s]!;
    const best = bestRelease(w, s);
    if (appRelease(st.release) !== best) {
      out.push({ type: "rollout", service: w.scenario.services[s]!.id, release: best });
      continue;
    }
    // Hand-run instances pick a release up when restarted: roll them one at a time.
    if (!st.deployment) {
      const stale = w.instances.find((i) => i.service === s && !i.managed && i.state === "running" && appRelease(i.release) !== best);
      const anyStarting = w.instances.some((i) => i.service === s && (i.state === "booting" || i.state === "pulling"));
      if (stale && !anyStarting) out.push({ type: "restart", instance: stale.id });
    }
  }
}

function manageKubernetes(style: Style, w: World, out: Command[]): void {
  for (let s = 0; s < w.services.length; s++) {
    const dep = w.services[s]!.deployment;
    if (!dep || runtimeFor(style, w, s) !== "container") continue;
    const spec = w.scenario.services[s]!;
    // Leaking apps get a memory limit so an OOM kill takes only the leaking pod, high
    // enough that a pod runs over 10 minutes between kills: the kubelet then restarts it
    // at once every time instead of backing off for longer and longer (CrashLoopBackOff).
    const leak = Math.max(0, ...spec.releases.map((r) => r.leakMiB));
    // Room for its working set when it bursts (140 % of its nominal memory at twice its
    // nominal load) plus the leak of those 10 minutes.
    const limMem = Math.max(Math.ceil(dep.reqMem * 1.5), Math.ceil(spec.mem * 1.4) + leak * (BACKOFF_RESET_TICKS + 60));
    if (style.fixes && leak > 0 && dep.limMem < limMem) {
      out.push({ type: "set-resources", service: spec.id, reqCpu: dep.reqCpu, reqMem: dep.reqMem, limCpu: dep.reqCpu * 2, limMem });
    }
    // N+1: where a host may die, enough pods that the others carry the load without it
    // (the HPA cannot help then: it does not count pods it cannot measure).
    const hosts = w.nodes.filter((n) => n.mode === "container-host" && n.state === "ready").length;
    const need = Math.max(1, replicasNeeded(style, w, s, "container", "container-host", 90));
    const floor = hostFailuresLikely(style, w) && hosts >= 2 ? Math.ceil((need * hosts) / (hosts - 1)) : need;
    if (w.upgrades.autoscaler) {
      const max = Math.max(floor * 3, 10);
      // Raise the floor ahead of a peak at once; lower it only once the need has clearly
      // fallen (a quarter), so the floor is not re-set every few seconds as the curve moves.
      const moved = floor > dep.hpa.min || floor * 4 <= dep.hpa.min * 3;
      if (!dep.hpa.enabled || moved || dep.hpa.targetPct !== style.hpaTarget) {
        out.push({ type: "set-autoscaler", service: spec.id, enabled: true, min: floor, max, targetPct: style.hpaTarget });
      }
    } else {
      const want = Math.max(1, replicasNeeded(style, w, s, "container", "container-host", style.planUtil));
      if (dep.replicas !== want) out.push({ type: "set-replicas", service: spec.id, replicas: want });
    }
  }
  spreadPods(style, w, out);
  if (w.upgrades["cluster-autoscaler"]) {
    const shape = bestContainerHost(w);
    if (!w.autoscaler.enabled || w.autoscaler.nodeType !== shape) {
      out.push({ type: "set-cluster-autoscaler", enabled: true, nodeType: shape, maxNodes: 200 });
    }
  } else {
    // No cluster autoscaler: buy enough container hosts for the pods waiting for room.
    let cpu = 0;
    let mem = 0;
    for (const i of w.instances) {
      if (i.state === "pending") {
        cpu += i.reqCpu;
        mem += i.reqMem;
      }
    }
    const type = bestContainerHost(w);
    const a = allocatable(type, "container-host");
    let coming = 0;
    for (const n of w.nodes) if (n.state === "provisioning" && n.mode === "container-host") coming++;
    const need = Math.max(Math.ceil(cpu / a.cpu), Math.ceil(mem / a.mem)) - coming;
    for (let k = 0; k < need; k++) out.push({ type: "buy-node", nodeType: type, mode: "container-host" });
  }
}

/**
 * Never keep too many eggs in one basket: where hosts can fail, run at least two container
 * hosts, and when one node holds more than its fair share of a service's running pods (as
 * after nodes were added), delete one there so the ReplicaSet recreates it and the
 * scheduler, which spreads a Deployment, puts it on an emptier node — what the descheduler
 * does in a real cluster.
 */
function spreadPods(style: Style, w: World, out: Command[]): void {
  if (!hostFailuresLikely(style, w)) return;
  // Once a minute is enough for a descheduler: each stop restarts a pod elsewhere.
  if (w.tick % 60 !== 0) return;
  const hosts = w.nodes.filter((n) => n.mode === "container-host" && (n.state === "ready" || n.state === "provisioning"));
  if (hosts.length < 2) {
    out.push({ type: "buy-node", nodeType: bestContainerHost(w), mode: "container-host" });
    return;
  }
  if (hosts.filter((n) => n.state === "ready").length < 2) return;
  for (let s = 0; s < w.services.length; s++) {
    if (!w.services[s]!.deployment) continue;
    const running = w.instances.filter((i) => i.service === s && i.managed && i.state === "running");
    if (running.length < 2) continue;
    const busy = w.instances.some((i) => i.service === s && i.managed && (i.state === "pending" || i.state === "pulling" || i.state === "booting"));
    if (busy) continue;
    const ready = hosts.filter((n) => n.state === "ready").length;
    const fair = Math.ceil(running.length / ready) + 1;
    const perNode = new Map<number, number>();
    for (const i of running) perNode.set(i.node, (perNode.get(i.node) ?? 0) + 1);
    for (const [node, count] of perNode) {
      if (count <= fair) continue;
      const onIt = running.filter((i) => i.node === node);
      out.push({ type: "stop", instance: onIt[onIt.length - 1]!.id });
      break;
    }
  }
}

/**
 * The same for VMs on Type 1 hosts, by live migration: where hosts can fail, no host keeps
 * more than its fair share of a service's VMs (a round starts with everything on one).
 * One move at a time, to the host with the fewest of that service that has room.
 */
function spreadVms(style: Style, w: World, out: Command[]): void {
  if (!hostFailuresLikely(style, w) || w.tick % 30 !== 0) return;
  if (w.instances.some((i) => i.state === "migrating")) return;
  const hosts = w.nodes.filter((n) => n.state === "ready" && n.mode === "hypervisor");
  if (hosts.length < 2) return;
  for (let s = 0; s < w.services.length; s++) {
    const vms = w.instances.filter((i) => i.service === s && i.runtime === "vm" && i.state === "running" && w.nodes[i.node]!.mode === "hypervisor");
    if (vms.length < 2) continue;
    const perNode = new Map<number, number>();
    for (const h of hosts) perNode.set(h.id, 0);
    for (const i of vms) perNode.set(i.node, (perNode.get(i.node) ?? 0) + 1);
    const fair = Math.ceil(vms.length / hosts.length);
    for (const [node, count] of perNode) {
      if (count <= fair) continue;
      const vm = vms.find((i) => i.node === node)!;
      const to = hosts
        .filter((h) => h.id !== node && (perNode.get(h.id) ?? 0) + 1 < count && h.cpu - h.allocCpu >= instanceCpu(vm) && h.mem - h.allocMem >= instanceMem(vm))
        .sort((a, b) => (perNode.get(a.id) ?? 0) - (perNode.get(b.id) ?? 0) || a.id - b.id)[0];
      if (!to) continue;
      out.push({ type: "migrate", instance: vm.id, node: to.id });
      return;
    }
  }
}

/** The container-host size with the most allocatable CPU per credit. */
function bestContainerHost(w: World): (typeof w.scenario.nodeTypes)[number] {
  let best = w.scenario.nodeTypes[0]!;
  let bestValue = -1;
  const totalCpu = w.scenario.services.reduce((a, s) => a + s.cpu, 0);
  for (const t of w.scenario.nodeTypes) {
    const a = allocatable(t, "container-host");
    // Large nodes only pay off when the cluster is big enough to fill them.
    const value = Math.min(a.cpu, totalCpu * 8) / NODE_CATALOG[t].cost;
    if (value > bestValue) {
      bestValue = value;
      best = t;
    }
  }
  return best;
}

/** Hand placement for a service: scale to the forecast, pack best-fit, buy the cheapest shape. */
function manageByHand(style: Style, w: World, s: number, runtime: Runtime, room: Room, out: Command[], bought: Map<string, number>, urgentOnly: boolean): void {
  const spec = w.scenario.services[s]!;
  const cpu = reservedCpu(runtime, spec.cpu);
  const mem = reservedMem(runtime, spec.mem);
  const preferMode: HostMode | undefined =
    runtime === "vm" && style.vmHost !== "best" && w.scenario.hostModes.includes(style.vmHost)
      ? style.vmHost
      : runtime === "vm" && (w.upgrades["vm-ha"] || w.scenario.hostModes.length === 1) && w.scenario.hostModes.includes("hypervisor")
        ? "hypervisor"
        : undefined;
  const shape = cheapestShape(w, s, runtime, Math.max(1, replicasNeeded(style, w, s, runtime, preferMode ?? "hypervisor", style.planUtil)));
  const mode: HostMode | undefined = preferMode ?? shape?.mode;
  if (!mode) return;
  // Where hosts can die, keep headroom and spread, so the survivors can carry the load.
  const resilient = runtime === "vm" ? hostFailuresLikely(style, w) : hostFailuresLikely(style, w) || kernelPanicsLikely(style, w);
  const util = resilient ? style.resilientUtil : style.planUtil;
  // Nodes are bought for the demand a node's lead time ahead; instances are started for
  // the demand their own start time ahead (all at once, by default).
  const need = replicasNeeded(style, w, s, runtime, mode, util, urgentOnly ? 0 : style.horizon);
  const startNeed = style.startHorizon < 0 || urgentOnly ? need : replicasNeeded(style, w, s, runtime, mode, util, style.startHorizon);
  // VMs that VM HA is bringing back elsewhere count (a replacement would only be stopped
  // again), as long as HA finds a host with room for them.
  let active = activeOf(w, s, runtime);
  for (const i of w.instances) if (i.service === s && i.state === "lost" && isHaProtected(w, i) && haTarget(w, i)) active++;
  let missing = startNeed - active;
  const perNode = new Map<number, number>();
  if (style.maxPerNode > 0) for (const i of w.instances) if (i.node >= 0 && i.state !== "gone") perNode.set(i.node, (perNode.get(i.node) ?? 0) + 1);
  const accept = style.maxPerNode > 0 ? (n: { id: number }) => (perNode.get(n.id) ?? 0) < style.maxPerNode : undefined;
  while (missing > 0) {
    const n = room.find(runtime, cpu, mem, true, mode, resilient, accept);
    if (!n) break;
    out.push({ type: "deploy", service: spec.id, runtime, node: n.id });
    room.take(n, cpu, mem);
    perNode.set(n.id, (perNode.get(n.id) ?? 0) + 1);
    missing--;
  }
  // Room for what the node horizon needs beyond what was started now.
  missing += need - startNeed;
  if (missing > 0 && !urgentOnly) {
    // Resilient: many small hosts rather than one big one.
    const type = style.nodeType !== "best" && w.scenario.nodeTypes.includes(style.nodeType) ? style.nodeType : resilient ? w.scenario.nodeTypes[0]! : (shape?.type ?? w.scenario.nodeTypes[0]!);
    const fit = style.maxPerNode > 0 ? Math.min(style.maxPerNode, fitCount(type, mode, cpu, mem)) : fitCount(type, mode, cpu, mem);
    const key = `${runtime}`;
    let short = missing - comingSlots(w, runtime, cpu, mem) - (bought.get(key) ?? 0);
    while (short > 0 && fit > 0 && w.money > NODE_CATALOG[type].cost * 200) {
      out.push({ type: "buy-node", nodeType: type, mode });
      bought.set(key, (bought.get(key) ?? 0) + fit);
      short -= fit;
    }
  }
  // Scale down after a peak: stop what is beyond the need (+1 slack), emptiest hosts first,
  // so that whole nodes empty and can be returned.
  // Never while some are still starting: stopping running ones then leaves too few serving.
  const starting = w.instances.some((i) => i.service === s && (i.state === "booting" || i.state === "pulling" || i.state === "pending" || i.state === "lost"));
  if (style.scaleDown && !urgentOnly && !starting && active > need + 1) {
    const load = new Map<number, number>();
    for (const i of w.instances) if (i.node >= 0 && i.state !== "gone") load.set(i.node, (load.get(i.node) ?? 0) + 1);
    const extra = w.instances
      .filter((i) => i.service === s && i.runtime === runtime && i.state === "running" && !i.managed)
      .sort((a, b) => (load.get(a.node) ?? 0) - (load.get(b.node) ?? 0) || b.id - a.id);
    for (const i of extra.slice(0, active - need - 1)) out.push({ type: "stop", instance: i.id });
  }
}

/**
 * A dead machine is decommissioned at once rather than waited for: its repair takes 15
 * minutes and costs all the while, and with Kubernetes its pods stay bound to it until
 * evicted (350 s). Removing it (as deleting a Node object does) lets the ReplicaSet replace
 * its pods now; a VM HA cluster still restarts its VMs elsewhere; hand-run instances are
 * replaced by the placement below like any that is missing.
 */
function removeDeadNodes(w: World, out: Command[]): void {
  for (const n of w.nodes) if (n.state === "failed") out.push({ type: "remove-node", node: n.id });
}

/** Returns nodes nobody uses (keeping one of each kind while anything may need it). */
function returnEmptyNodes(style: Style, w: World, out: Command[]): void {
  if (!style.scaleDown || w.upgrades["cluster-autoscaler"]) return;
  const used = new Set<number>();
  for (const i of w.instances) {
    if (i.state === "gone") continue;
    used.add(i.node);
    if (i.target >= 0) used.add(i.target);
  }
  for (const n of w.nodes) {
    if (n.state !== "ready" || used.has(n.id)) continue;
    if (w.tick - n.since < 120) continue; // freshly ready: probably bought for what comes
    // Without the cluster autoscaler, empty container hosts are drained by hand too.
    out.push({ type: "remove-node", node: n.id });
  }
}

/** A bot that plays in this style. */
export function operator(st: Style): Bot {
  return {
    name: st.name,
    act(w: World): Command[] {
      if (w.tick % st.period !== 0 || w.finished) return [];
      return decide(st, w);
    },
  };
}

function decide(style: Style, w: World): Command[] {
  const out: Command[] = [];
  const active = style.activeUntil < 0 || w.tick <= style.activeUntil;
  if (active) {
    removeDeadNodes(w, out);
    buyUpgrades(style, w, out);
  }
  if (style.restarts) {
    for (const i of w.instances) {
      const host = i.node >= 0 ? w.nodes[i.node]! : null;
      // Paging the on-call engineer only helps once the host is up again, and not for a VM
      // that VM HA's monitoring will reset itself (free, and sooner than the engineer).
      const haResets = isHaProtected(w, i) && i.restarts < VM_HA_MAX_RESETS;
      if (i.state === "crashed" && !i.managed && !haResets && host && (host.state === "ready" || host.state === "cordoned")) out.push({ type: "restart", instance: i.id });
    }
  }
  if (!active) return out;
  if (style.fixes) fixReleases(w, out);
  if (w.upgrades.kubernetes) {
    const strategy = style.binpack ? "MostAllocated" : "LeastAllocated";
    if (w.scheduler !== strategy) out.push({ type: "set-scheduler", strategy });
    manageKubernetes(style, w, out);
  }
  const room = new Room(w);
  const bought = new Map<string, number>();
  // What is short right now comes first; then room for what the forecast says is coming.
  for (const urgent of [true, false]) {
    for (let s = 0; s < w.services.length; s++) {
      const runtime = runtimeFor(style, w, s);
      if (runtime === "container" && w.upgrades.kubernetes) continue;
      manageByHand(style, w, s, runtime, room, out, bought, urgent);
    }
  }
  spreadVms(style, w, out);
  retireOtherRuntime(style, w, out);
  returnEmptyNodes(style, w, out);
  return out;
}

export const autopilot: Bot = operator(AUTOPILOT);

/**
 * A service that moved to its better runtime (VMs to containers, say) keeps its old
 * instances until the new ones carry today's demand; then they are stopped, one a look,
 * so that the hosts they held empty and can be returned.
 */
function retireOtherRuntime(style: Style, w: World, out: Command[]): void {
  if (!style.scaleDown) return;
  for (let s = 0; s < w.services.length; s++) {
    const runtime = runtimeFor(style, w, s);
    const mine = w.instances.filter((i) => i.service === s && i.runtime === runtime && i.state !== "gone");
    if (mine.some((i) => i.state !== "running")) continue;
    const old = w.instances.find((i) => i.service === s && i.runtime !== runtime && !i.managed && i.state === "running");
    if (!old) continue;
    const mode: HostMode = runtime === "container" ? "container-host" : w.scenario.hostModes.includes("hypervisor") ? "hypervisor" : "hosted";
    if (mine.length >= replicasNeeded(style, w, s, runtime, mode, style.planUtil, 0)) out.push({ type: "stop", instance: old.id });
  }
}
