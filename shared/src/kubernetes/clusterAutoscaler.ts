/**
 * The cluster autoscaler add-on (kubernetes/autoscaler, cluster-autoscaler/FAQ.md "How does
 * scale-up work?" / "How does scale-down work?"), every scan (10 s), with its default flags:
 *
 * Scale-up: the pods the scheduler could not place are first fitted onto the nodes already
 * on their way (FilterOutSchedulable, upcoming nodes); for the rest the binpacking estimator
 * (estimator/binpacking_estimator.go) counts the nodes of the chosen type they need: groups of
 * identical pods, biggest first (decreasing_pod_orderer.go: CPU and memory as shares of the
 * node), each pod first-fit onto the new nodes, a new node when it fits none; a pod that
 * does not fit even an empty node gets none. A node takes at most 110 pods (the kubelet's
 * maxPods). Never past the maximum number of nodes.
 *
 * Scale-down, unless a node was added in the last 10 minutes
 * (--scale-down-delay-after-add) or one was just added in this scan: a ready container host
 * is unneeded while its requests stay under 50 % of its allocatable in CPU and in memory
 * (--scale-down-utilization-threshold) and every pod on it could move: it belongs to a
 * controller, its PodDisruptionBudget allows the eviction, and it fits on another node not
 * itself being removed. After 10 minutes unneeded (--scale-down-unneeded-time) it is
 * removed: empty nodes together (up to 10 at a time, --max-scale-down-parallelism), a node
 * with pods one at a time (--max-drain-parallelism 1), drained like any node.
 */
import {
  CA_MAX_EMPTY_BULK_DELETE,
  CA_SCALE_DOWN_DELAY_AFTER_ADD_TICKS,
  CA_SCALE_DOWN_UNNEEDED_TICKS,
  CA_SCALE_DOWN_UTIL_PCT,
  CA_SCAN_TICKS,
  KUBELET_MAX_PODS,
  MAX_NODES,
} from "../model/constants.ts";
import type { EventLog } from "../model/events.ts";
import type { Instance, Node, World } from "../model/model.ts";
import { allocatable, instanceCpu, instanceMem } from "../datacenter/resources.ts";
import { setNodeState } from "../datacenter/nodes.ts";
import { newNode } from "../datacenter/world.ts";
import { runningNow } from "../datacenter/incidents.ts";

export function clusterAutoscalerTick(w: World, log: EventLog): void {
  const ca = w.autoscaler;
  if (!ca.enabled || !w.upgrades["cluster-autoscaler"] || log.tick % CA_SCAN_TICKS !== 0) return;
  const added = scaleUp(w, log);
  scaleDown(w, log, added);
}

/** A pod as the estimator sees it: its reservation. */
export interface PodShape {
  readonly cpu: number;
  readonly mem: number;
}

/** What a node offers: allocatable CPU and memory, and the pods its kubelet takes. */
export interface NodeShape {
  readonly cpu: number;
  readonly mem: number;
  readonly pods?: number;
}

/** Free room on a node of a simulation. */
interface Room {
  cpu: number;
  mem: number;
  pods: number;
  used: boolean;
}

function room(n: NodeShape): Room {
  return { cpu: n.cpu, mem: n.mem, pods: n.pods ?? KUBELET_MAX_PODS, used: false };
}

function fits(r: Room, p: PodShape): boolean {
  return r.cpu >= p.cpu && r.mem >= p.mem && r.pods > 0;
}

function take(r: Room, p: PodShape): void {
  r.cpu -= p.cpu;
  r.mem -= p.mem;
  r.pods--;
  r.used = true;
}

function giveBack(r: Room, p: PodShape): void {
  r.cpu += p.cpu;
  r.mem += p.mem;
  r.pods++;
}

/**
 * BinpackingNodeEstimator.Estimate: how many new nodes of this allocatable size the pods
 * need. `groups` are lists of identical pods; the biggest group (by CPU and memory as shares
 * of the node) goes first.
 */
export function estimateNodes(groups: readonly (readonly PodShape[])[], node: NodeShape): number {
  const score = (g: readonly PodShape[]): number => g[0]!.cpu * node.mem + g[0]!.mem * node.cpu;
  const ordered = groups.filter((g) => g.length > 0).map((g, k) => ({ g, k, s: score(g) }));
  // Decreasing score; equal scores keep their order (upstream's order among them is arbitrary).
  ordered.sort((a, b) => b.s - a.s || a.k - b.k);
  const nodes: Room[] = [];
  for (const { g } of ordered) {
    let k = 0;
    // tryToScheduleOnExistingNodes: first fit onto the new nodes, until a pod fits none.
    for (; k < g.length; k++) {
      const r = nodes.find((n) => fits(n, g[k]!));
      if (!r) break;
      take(r, g[k]!);
    }
    // tryToScheduleOnNewNodes: the last node added, else a new one.
    for (; k < g.length; k++) {
      const last = nodes[nodes.length - 1];
      if (last && fits(last, g[k]!)) {
        take(last, g[k]!);
        continue;
      }
      // A pod that did not fit an empty new node would not fit another one either.
      if (last && !last.used) break;
      const fresh = room(node);
      nodes.push(fresh);
      if (!fits(fresh, g[k]!)) break;
      take(fresh, g[k]!);
    }
  }
  return nodes.filter((n) => n.used).length;
}

/** The pods the scheduler could not place, in groups of identical ones (same service, release and requests). */
function unschedulableGroups(w: World): Instance[][] {
  const groups = new Map<string, Instance[]>();
  for (const i of w.instances) {
    if (i.state !== "pending" || !i.managed) continue;
    const key = `${i.service}/${i.release}/${i.reqCpu}/${i.reqMem}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.values()];
}

/** Returns whether it added nodes. */
function scaleUp(w: World, log: EventLog): boolean {
  const ca = w.autoscaler;
  const groups = unschedulableGroups(w);
  if (groups.length === 0) {
    ca.unschedSince = -1;
    return false;
  }
  if (ca.unschedSince < 0) ca.unschedSince = log.tick;
  // Pods that will fit on the container hosts already being provisioned wait for them.
  const upcoming: Room[] = [];
  let count = 0;
  for (const n of w.nodes) {
    if (n.state === "gone" || n.mode !== "container-host") continue;
    count++;
    if (n.state === "provisioning")
      upcoming.push(room({ cpu: n.cpu - n.allocCpu, mem: n.mem - n.allocMem, pods: KUBELET_MAX_PODS - n.pods }));
  }
  const left: PodShape[][] = [];
  let stuck = 0;
  for (const g of groups) {
    const rest: PodShape[] = [];
    for (const p of g) {
      const shape = { cpu: instanceCpu(p), mem: instanceMem(p) };
      const r = upcoming.find((u) => fits(u, shape));
      if (r) take(r, shape);
      else rest.push(shape);
    }
    stuck += rest.length;
    left.push(rest);
  }
  if (stuck === 0) return false;
  const needed = estimateNodes(left, allocatable(ca.nodeType, "container-host"));
  const headroom = Math.min(ca.maxNodes - count, MAX_NODES - w.nodes.length);
  const add = Math.min(needed, headroom);
  for (let k = 0; k < add; k++) {
    const n = newNode(w.nodes.length, ca.nodeType, "container-host", log.tick, w.scenario.timings.nodeProvision);
    n.byAutoscaler = true;
    w.nodes.push(n);
    ca.lastAdd = log.tick;
    log.push("ca-scale-up", "cluster-autoscaler", { node: n.id, pending: stuck });
  }
  return add > 0;
}

function underThreshold(n: Node): boolean {
  return n.allocCpu * 100 < n.cpu * CA_SCALE_DOWN_UTIL_PCT && n.allocMem * 100 < n.mem * CA_SCALE_DOWN_UTIL_PCT;
}

function scaleDown(w: World, log: EventLog, addedNow: boolean): void {
  const ca = w.autoscaler;
  const t = log.tick;
  // Where pods of a removed node could go: every ready container host, less what the
  // simulation has already moved there. Nodes found removable stop being destinations, and
  // the pods moved onto a node must move again if it is removed too.
  const hosts = w.nodes.filter((m) => m.state === "ready" && m.mode === "container-host");
  const free = new Map<number, Room>(
    hosts.map((m) => [
      m.id,
      room({ cpu: m.cpu - m.allocCpu, mem: m.mem - m.allocMem, pods: KUBELET_MAX_PODS - m.pods }),
    ]),
  );
  const movedIn = new Map<number, PodShape[]>();
  const pods = podsByNode(w);
  const healthy = new Map<number, number>();
  const empty: Node[] = [];
  let drainCandidate: Node | null = null;
  // Empty nodes are considered first: removing them moves nothing.
  const order = [...hosts.filter((m) => !pods.has(m.id)), ...hosts.filter((m) => pods.has(m.id))];
  for (const n of order) {
    const on = pods.get(n.id) ?? [];
    if (!underThreshold(n) || !canMoveAll(w, n, on, movedIn.get(n.id) ?? [], free, movedIn, healthy)) {
      n.lowSince = -1;
      continue;
    }
    if (n.lowSince < 0) n.lowSince = t;
    free.delete(n.id);
    if (t - n.lowSince < CA_SCALE_DOWN_UNNEEDED_TICKS) continue;
    if (on.length === 0) empty.push(n);
    else if (!drainCandidate || n.id < drainCandidate.id) drainCandidate = n;
  }
  if (addedNow || (ca.lastAdd >= 0 && t - ca.lastAdd < CA_SCALE_DOWN_DELAY_AFTER_ADD_TICKS)) return;
  for (const n of empty.slice(0, CA_MAX_EMPTY_BULK_DELETE)) remove(log, n);
  // One node with pods at a time: none while the last one still drains.
  if (ca.drainingNode >= 0 && w.nodes[ca.drainingNode]!.state !== "draining") ca.drainingNode = -1;
  if (drainCandidate && ca.drainingNode < 0) {
    remove(log, drainCandidate);
    ca.drainingNode = drainCandidate.id;
  }
}

function remove(log: EventLog, n: Node): void {
  setNodeState(log, n, "draining", 0);
  n.lowSince = -1;
  log.push("ca-scale-down", "cluster-autoscaler", { node: n.id });
  log.push("node-draining", "cluster-autoscaler", { node: n.id });
}

/** Instances still holding each node (not those already terminating). */
function podsByNode(w: World): Map<number, Instance[]> {
  const m = new Map<number, Instance[]>();
  for (const i of w.instances) {
    if (i.node < 0 || i.state === "terminating" || i.state === "gone") continue;
    const l = m.get(i.node);
    if (l) l.push(i);
    else m.set(i.node, [i]);
  }
  return m;
}

/**
 * Could every pod of this node move (the FAQ's "What types of pods can prevent CA from
 * removing a node?"), and the pods the simulation already moved onto it? On success the
 * simulation keeps them where it put them. `healthy` tracks each service's running pods the
 * simulation may still evict under its PodDisruptionBudget.
 */
function canMoveAll(
  w: World,
  n: Node,
  on: readonly Instance[],
  moved: readonly PodShape[],
  free: Map<number, Room>,
  movedIn: Map<number, PodShape[]>,
  healthy: Map<number, number>,
): boolean {
  const shapes: PodShape[] = [...moved];
  const evicted = new Map<number, number>();
  for (const p of on) {
    // A bare pod has no controller to recreate it.
    if (!p.managed) return false;
    const dep = w.services[p.service]!.deployment;
    if (dep && dep.pdbMin >= 0 && p.state === "running") {
      const k = (evicted.get(p.service) ?? 0) + 1;
      if ((healthy.get(p.service) ?? runningNow(w, p.service)) - k < dep.pdbMin) return false;
      evicted.set(p.service, k);
    }
    shapes.push({ cpu: instanceCpu(p), mem: instanceMem(p) });
  }
  const placed: [number, Room, PodShape][] = [];
  for (const shape of shapes) {
    let to = -1;
    for (const [id, r] of free) {
      if (id !== n.id && fits(r, shape)) {
        to = id;
        break;
      }
    }
    if (to < 0) {
      for (const [, r, s] of placed) giveBack(r, s);
      return false;
    }
    const r = free.get(to)!;
    take(r, shape);
    placed.push([to, r, shape]);
  }
  for (const [to, , shape] of placed) {
    const l = movedIn.get(to);
    if (l) l.push(shape);
    else movedIn.set(to, [shape]);
  }
  for (const [s, k] of evicted) healthy.set(s, (healthy.get(s) ?? runningNow(w, s)) - k);
  return true;
}
