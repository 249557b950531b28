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
 *
 * What it judges of a round is in judgement.ts, its Kubernetes play in kubernetesPlay.ts,
 * its style's knobs in style.ts.
 */
import type { Command } from "../model/commands.ts";
import { NODE_CATALOG, VM_HA_MAX_RESETS, type HostMode } from "../model/constants.ts";
import type { Node, Runtime, World } from "../model/model.ts";
import type { Bot } from "../replay/simulate.ts";
import { instanceCpu, instanceMem, reservedCpu, reservedMem } from "../datacenter/resources.ts";
import { runningCost } from "../datacenter/economy.ts";
import { appRelease } from "../datacenter/releases.ts";
import { haTarget, isHaProtected } from "../datacenter/vmHa.ts";
import { handsBusy, handTicks, isHandSetup } from "../datacenter/handWork.ts";
import { isActive } from "../datacenter/instances.ts";
import { activeOf, cheapestShape, comingSlots, fitCount, Room } from "./planning.ts";
import { hostFailuresLikely, kernelPanicsLikely, replicasNeeded, runtimeFor } from "./judgement.ts";
import { manageKubernetes } from "./kubernetesPlay.ts";
import { AUTOPILOT, type Style } from "./style.ts";

// The style and the autopilot's own choices live in style.ts; named here too, with the operator.
export { AUTOPILOT, type Style };

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
  const rels = [...w.scenario.services[s]!.releases].sort(
    (a, b) => a.leakMiB - b.leakMiB || a.crashPerMillion - b.crashPerMillion || b.version - a.version,
  );
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
      const stale = w.instances.find(
        (i) => i.service === s && !i.managed && i.state === "running" && appRelease(i.release) !== best,
      );
      const anyStarting = w.instances.some((i) => i.service === s && (i.state === "booting" || i.state === "pulling"));
      if (stale && !anyStarting) out.push({ type: "restart", instance: stale.id });
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
    const vms = w.instances.filter(
      (i) => i.service === s && i.runtime === "vm" && i.state === "running" && w.nodes[i.node]!.mode === "hypervisor",
    );
    if (vms.length < 2) continue;
    const perNode = new Map<number, number>();
    for (const h of hosts) perNode.set(h.id, 0);
    for (const i of vms) perNode.set(i.node, (perNode.get(i.node) ?? 0) + 1);
    const fair = Math.ceil(vms.length / hosts.length);
    for (const [node, count] of perNode) {
      if (count <= fair) continue;
      const vm = vms.find((i) => i.node === node)!;
      const to = hosts
        .filter(
          (h) =>
            h.id !== node &&
            (perNode.get(h.id) ?? 0) + 1 < count &&
            h.cpu - h.allocCpu >= instanceCpu(vm) &&
            h.mem - h.allocMem >= instanceMem(vm),
        )
        .sort((a, b) => (perNode.get(a.id) ?? 0) - (perNode.get(b.id) ?? 0) || a.id - b.id)[0];
      if (!to) continue;
      out.push({ type: "migrate", instance: vm.id, node: to.id });
      return;
    }
  }
}

/** Hand placement for a service: scale to the forecast, pack best-fit, buy the cheapest shape. */
function manageByHand(
  style: Style,
  w: World,
  s: number,
  runtime: Runtime,
  room: Room,
  out: Command[],
  bought: Map<string, number>,
  urgentOnly: boolean,
): void {
  const spec = w.scenario.services[s]!;
  const cpu = reservedCpu(runtime, spec.cpu);
  const mem = reservedMem(runtime, spec.mem);
  const preferMode: HostMode | undefined =
    runtime === "vm" && style.vmHost !== "best" && w.scenario.hostModes.includes(style.vmHost)
      ? style.vmHost
      : runtime === "vm" &&
          (w.upgrades["vm-ha"] || w.scenario.hostModes.length === 1) &&
          w.scenario.hostModes.includes("hypervisor")
        ? "hypervisor"
        : undefined;
  const shape = cheapestShape(
    w,
    s,
    runtime,
    Math.max(1, replicasNeeded(style, w, s, runtime, preferMode ?? "hypervisor", style.planUtil)),
  );
  const mode: HostMode | undefined = preferMode ?? shape?.mode;
  if (!mode) return;
  // Where hosts can die, keep headroom and spread, so the survivors can carry the load.
  const resilient =
    runtime === "vm" ? hostFailuresLikely(style, w) : hostFailuresLikely(style, w) || kernelPanicsLikely(style, w);
  // With VM HA and room kept for a dead host's VMs, a host's loss is made good in a minute:
  // no headroom needed on top.
  const healed = runtime === "vm" && mode === "hypervisor" && keepsFailoverRoom(style, w);
  const util = resilient && !healed ? style.resilientUtil : style.planUtil;
  // Nodes are bought for the demand a node's lead time ahead; instances are started for
  // the demand their own start time ahead (all at once, by default).
  // Hand work queues: what is deployed now starts only once the operator has done the jobs
  // already queued and this one, so it looks that much further ahead.
  const queue = handTicks(w, runtime) > 0 ? handsBusy(w) + handTicks(w, runtime) : 0;
  const need = replicasNeeded(style, w, s, runtime, mode, util, urgentOnly ? 0 : style.horizon + queue);
  const startNeed =
    style.startHorizon < 0 || urgentOnly
      ? need
      : replicasNeeded(style, w, s, runtime, mode, util, style.startHorizon + queue);
  // VMs that VM HA is bringing back elsewhere count (a replacement would only be stopped
  // again), as long as HA finds a host with room for them.
  let active = activeOf(w, s, runtime);
  for (const i of w.instances)
    if (i.service === s && i.state === "lost" && isHaProtected(w, i) && haTarget(w, i)) active++;
  let missing = startNeed - active;
  const perNode = new Map<number, number>();
  if (style.maxPerNode > 0)
    for (const i of w.instances)
      if (i.node >= 0 && i.state !== "gone") perNode.set(i.node, (perNode.get(i.node) ?? 0) + 1);
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
    const type =
      style.nodeType !== "best" && w.scenario.nodeTypes.includes(style.nodeType)
        ? style.nodeType
        : resilient
          ? w.scenario.nodeTypes[0]!
          : (shape?.type ?? w.scenario.nodeTypes[0]!);
    const fit =
      style.maxPerNode > 0
        ? Math.min(style.maxPerNode, fitCount(type, mode, cpu, mem))
        : fitCount(type, mode, cpu, mem);
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
  const starting = w.instances.some(
    (i) =>
      i.service === s &&
      (i.state === "booting" || i.state === "pulling" || i.state === "pending" || i.state === "lost" || isHandSetup(i)),
  );
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

/**
 * VM HA can only restart a dead host's VMs where there is room for them. Like vSphere HA's
 * admission control ("host failures the cluster tolerates: 1"), the operator keeps enough
 * free room on the other Type 1 hosts to take in the VMs of any one host.
 */
function failoverFits(w: World, without = -1): boolean {
  const hosts = w.nodes.filter(
    (n) => n.mode === "hypervisor" && (n.state === "ready" || n.state === "provisioning") && n.id !== without,
  );
  for (const dead of hosts) {
    const vms = w.instances
      .filter((i) => i.node === dead.id && i.runtime === "vm" && isActive(i))
      .map((i) => [instanceCpu(i), instanceMem(i)] as const)
      .sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    if (vms.length === 0) continue;
    const free = hosts.filter((h) => h !== dead).map((h) => [h.cpu - h.allocCpu, h.mem - h.allocMem]);
    for (const [cpu, mem] of vms) {
      const f = free.find((r) => r[0]! >= cpu && r[1]! >= mem);
      if (!f) return false;
      f[0]! -= cpu;
      f[1]! -= mem;
    }
  }
  return true;
}

function keepsFailoverRoom(style: Style, w: World): boolean {
  return w.upgrades["vm-ha"] && hostFailuresLikely(style, w);
}

/**
 * A big Type 1 host left holding a few VMs (a round starts on one) costs more than the
 * small hosts the VMs spread over: once the others have room for its VMs it is cordoned,
 * emptied by live migration one VM a look, and returned.
 */
function emptyBigHost(style: Style, w: World, out: Command[]): void {
  if (!hostFailuresLikely(style, w) || style.nodeType !== "best" || !style.scaleDown) return;
  if (w.tick % 10 !== 0 || w.instances.some((i) => i.state === "migrating")) return;
  const small = w.scenario.nodeTypes[0]!;
  const others = (big: Node) =>
    w.nodes.filter((h) => h.state === "ready" && h.mode === "hypervisor" && h.id !== big.id);
  const draining = w.nodes.find((n) => n.state === "cordoned" && n.mode === "hypervisor" && n.type !== small);
  if (draining) {
    const vm = w.instances.find((i) => i.node === draining.id && i.runtime === "vm" && isActive(i));
    if (!vm) {
      out.push({ type: "remove-node", node: draining.id });
      return;
    }
    if (vm.state !== "running") return;
    const to = others(draining).find(
      (h) => h.cpu - h.allocCpu >= instanceCpu(vm) && h.mem - h.allocMem >= instanceMem(vm),
    );
    if (to) out.push({ type: "migrate", instance: vm.id, node: to.id });
    return;
  }
  for (const big of w.nodes) {
    if (big.state !== "ready" || big.mode !== "hypervisor" || big.type === small) continue;
    const vms = w.instances.filter((i) => i.node === big.id && i.runtime === "vm" && isActive(i));
    const free = others(big).map((h) => [h.cpu - h.allocCpu, h.mem - h.allocMem]);
    const fits = vms.every((vm) => {
      const f = free.find((r) => r[0]! >= instanceCpu(vm) && r[1]! >= instanceMem(vm));
      if (!f) return false;
      f[0]! -= instanceCpu(vm);
      f[1]! -= instanceMem(vm);
      return true;
    });
    if (fits) {
      out.push({ type: "cordon", node: big.id });
      return;
    }
  }
}

/** Buys a host (one at a time) while the cluster could not take in a dead host's VMs. */
function keepFailoverRoom(style: Style, w: World, out: Command[]): void {
  if (!keepsFailoverRoom(style, w) || out.some((c) => c.type === "buy-node")) return;
  if (w.nodes.some((n) => n.mode === "hypervisor" && n.state === "provisioning")) return;
  const type = w.scenario.nodeTypes[0]!;
  if (failoverFits(w) || w.money < NODE_CATALOG[type].cost * 200) return;
  out.push({ type: "buy-node", nodeType: type, mode: "hypervisor" });
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
    if (n.mode === "hypervisor" && keepsFailoverRoom(style, w) && !failoverFits(w, n.id)) continue;
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
      if (
        i.state === "crashed" &&
        !i.managed &&
        !haResets &&
        host &&
        (host.state === "ready" || host.state === "cordoned")
      )
        out.push({ type: "restart", instance: i.id });
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
  emptyBigHost(style, w, out);
  keepFailoverRoom(style, w, out);
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
    const old = w.instances.find(
      (i) => i.service === s && i.runtime !== runtime && !i.managed && i.state === "running",
    );
    if (!old) continue;
    const mode: HostMode =
      runtime === "container"
        ? "container-host"
        : w.scenario.hostModes.includes("hypervisor")
          ? "hypervisor"
          : "hosted";
    if (mine.length >= replicasNeeded(style, w, s, runtime, mode, style.planUtil, 0))
      out.push({ type: "stop", instance: old.id });
  }
}
