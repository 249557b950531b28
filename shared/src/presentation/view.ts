/**
 * The read-only view of one cluster that the renderer draws. Solo play builds it from the
 * local world with `viewOf`; online play receives the same shape from the server (which
 * maps a world with the same per-item functions below, then mirrors it into Colyseus schema).
 * One renderer, one shape, whichever way the world reached the browser.
 *
 * It holds what a player sees, not the engine's bookkeeping (no random state, no carries).
 */
import type { HostMode, NodeType } from "../model/constants.ts";
import type { Instance, InstanceState, Node, NodeState, Runtime, SchedulerStrategy, World } from "../model/model.ts";
import { type RuntimeRule, type Upgrade, UPGRADES } from "../model/scenario.ts";
import { scoreOf, slaBp } from "../datacenter/economy.ts";
import { pendingReason, isNotReady } from "../kubernetes/scheduler.ts";
import { spikeEnd } from "../datacenter/traffic.ts";
import { qosClass, type QosClass } from "../datacenter/qos.ts";
import { holdsMemory, underPressure } from "../datacenter/appMemory.ts";

export interface NodeView {
  readonly id: number;
  readonly type: NodeType;
  readonly mode: HostMode;
  readonly state: NodeState;
  /** Kubernetes has noticed the failure (NotReady). */
  readonly notReady: boolean;
  /** Seconds left while provisioning or being repaired. */
  readonly wait: number;
  readonly cpu: number;
  readonly mem: number;
  /** Requests placed here (never more than cpu / mem). */
  readonly allocCpu: number;
  readonly allocMem: number;
  /** Limits placed here; above cpu / mem the node is overcommitted. */
  readonly limCpu: number;
  readonly limMem: number;
  /** CPU used and memory held in the last tick. */
  readonly usedCpu: number;
  readonly usedMem: number;
  /** The kubelet reports MemoryPressure (it evicts pods to get memory back). */
  readonly pressure: boolean;
  readonly images: number;
  readonly noisy: boolean;
  readonly byAutoscaler: boolean;
  /** Down after a kernel panic, back once it has rebooted (in `wait` s): not a hardware failure. */
  readonly rebooting: boolean;
  /** VMs up on it: on a hosted (Type 2) hypervisor they slow each other down. */
  readonly vms: number;
}

export interface InstanceView {
  readonly id: number;
  readonly service: number;
  readonly runtime: Runtime;
  readonly node: number;
  readonly state: InstanceState;
  readonly cause: string;
  readonly wait: number;
  readonly reqCpu: number;
  readonly reqMem: number;
  readonly limCpu: number;
  readonly limMem: number;
  readonly memUsed: number;
  /** CPU it used in the last tick, and what its load asked for (more than its limit: throttled). */
  readonly cpuUsed: number;
  readonly cpuWant: number;
  readonly throttled: boolean;
  /** Guaranteed, Burstable or BestEffort for a pod; "" for VMs and containers without Kubernetes. */
  readonly qos: QosClass | "";
  readonly load: number;
  readonly served: number;
  readonly managed: boolean;
  readonly release: number;
  readonly target: number;
  readonly restarts: number;
  /** Why a pending pod is pending, else "". */
  readonly pending: string;
}

export interface ServiceView {
  readonly id: string;
  readonly name: string;
  readonly rule: RuntimeRule;
  readonly demand: number;
  readonly served: number;
  readonly dropped: number;
  readonly capacity: number;
  /** Desired replicas of its Deployment, or -1 when Kubernetes does not manage it. */
  readonly replicas: number;
  readonly hpa: boolean;
  readonly hpaMin: number;
  readonly hpaMax: number;
  readonly hpaTarget: number;
  readonly hpaUtil: number;
  readonly release: number;
  /** Its Deployment's pod template (0 = not set); without Kubernetes, 0. */
  readonly reqCpu: number;
  readonly reqMem: number;
  readonly limMem: number;
  readonly limCpu: number;
  readonly pdbMin: number;
}

export interface SpikeView {
  readonly service: number;
  readonly at: number;
  readonly end: number;
  readonly peak: number;
}

export interface ClusterView {
  readonly scenario: string;
  readonly tick: number;
  readonly length: number;
  readonly money: number;
  readonly score: number;
  readonly slaBp: number;
  /** Times the bank bailed the cluster out, and what those bail-outs cost the score. */
  readonly bailouts: number;
  readonly debt: number;
  readonly finished: boolean;
  readonly scheduler: SchedulerStrategy;
  readonly upgrades: readonly Upgrade[];
  readonly registryDown: boolean;
  /** Tick the player's queued hand work is done (at or before `tick`: nothing queued). */
  readonly handsFreeAt: number;
  readonly nodes: readonly NodeView[];
  readonly instances: readonly InstanceView[];
  readonly services: readonly ServiceView[];
  /** Spikes announced or under way (surprises only once they start). */
  readonly spikes: readonly SpikeView[];
}

export function viewOf(w: World): ClusterView {
  return {
    ...headerOf(w),
    nodes: w.nodes.filter(isShown).map((n) => nodeView(w, n)),
    instances: w.instances.map((i) => instanceView(w, i)),
    services: w.services.map((_, s) => serviceView(w, s)),
    spikes: spikesOf(w),
  };
}

/*
 * The pieces of `viewOf`, one per kind of item, so that the server can mirror a world into
 * its synchronised state item by item without building a whole ClusterView first. Every
 * mapping from the world to what a player sees lives here.
 */

/** The cluster's own fields (everything in a ClusterView but its lists). */
export type ClusterHeaderView = Omit<ClusterView, "nodes" | "instances" | "services" | "spikes">;

export function headerOf(w: World): ClusterHeaderView {
  const t = w.tick;
  return {
    scenario: w.scenario.id,
    tick: t,
    length: w.scenario.length,
    money: w.money,
    score: scoreOf(w),
    slaBp: slaBp(w),
    bailouts: w.bailouts,
    debt: w.debt,
    finished: w.finished,
    scheduler: w.scheduler,
    upgrades: UPGRADES.filter((u) => w.upgrades[u]),
    registryDown: w.registryDownUntil > t,
    handsFreeAt: w.handsFreeAt,
  };
}

/** Whether a node is in the view at all (a removed node is not). */
export function isShown(n: Node): boolean {
  return n.state !== "gone";
}

export function nodeView(w: World, n: Node): NodeView {
  return {
    id: n.id,
    type: n.type,
    mode: n.mode,
    state: n.state,
    // Only Kubernetes marks nodes NotReady: a failed Type 1 host, or any host without it, is just failed.
    notReady: w.upgrades.kubernetes && n.mode === "container-host" && isNotReady(w, n),
    wait: n.wait,
    cpu: n.cpu,
    mem: n.mem,
    allocCpu: n.allocCpu,
    allocMem: n.allocMem,
    limCpu: n.limCpu,
    limMem: n.limMem,
    usedCpu: n.usedCpu,
    usedMem: n.usedMem,
    pressure: underPressure(n, w.tick),
    images: n.images.length,
    noisy: n.noisyUntil > w.tick,
    byAutoscaler: n.byAutoscaler,
    rebooting: n.rebooting,
    vms: n.vms,
  };
}

export function instanceView(w: World, i: Instance): InstanceView {
  return {
    id: i.id,
    service: i.service,
    runtime: i.runtime,
    node: i.node,
    state: i.state,
    cause: i.cause,
    wait: i.wait,
    reqCpu: i.reqCpu,
    reqMem: i.reqMem,
    limCpu: i.limCpu,
    limMem: i.limMem,
    // What it holds now: nothing while it is not started (queued, crashed, lost), whatever it held last.
    memUsed: holdsMemory(i) ? i.memUsed : 0,
    cpuUsed: i.cpuUsed,
    cpuWant: i.cpuWant,
    throttled: i.limCpu > 0 && i.cpuWant > i.limCpu && i.state === "running",
    qos: qosClass(i),
    load: i.load,
    served: i.served,
    managed: i.managed,
    release: i.release,
    target: i.target,
    restarts: i.restarts,
    pending: i.state === "pending" ? pendingReason(w, i) : "",
  };
}

/** Service `s` (its index in the scenario). */
export function serviceView(w: World, s: number): ServiceView {
  const spec = w.scenario.services[s]!;
  const st = w.services[s]!;
  const dep = st.deployment;
  return {
    id: spec.id,
    name: spec.name,
    rule: spec.runtime,
    demand: st.demand,
    served: st.served,
    dropped: st.dropped,
    capacity: st.capacity,
    replicas: dep ? dep.replicas : -1,
    hpa: dep ? dep.hpa.enabled : false,
    hpaMin: dep ? dep.hpa.min : 0,
    hpaMax: dep ? dep.hpa.max : 0,
    hpaTarget: dep ? dep.hpa.targetPct : 0,
    hpaUtil: dep ? dep.hpa.lastUtil : -1,
    release: dep ? dep.release : st.release,
    reqCpu: dep ? dep.reqCpu : 0,
    reqMem: dep ? dep.reqMem : 0,
    limMem: dep ? dep.limMem : 0,
    limCpu: dep ? dep.limCpu : 0,
    pdbMin: dep ? dep.pdbMin : -1,
  };
}

/** Spikes announced or under way (surprises only once they start). */
export function spikesOf(w: World): SpikeView[] {
  const t = w.tick;
  const spikes: SpikeView[] = [];
  w.scenario.services.forEach((spec, s) => {
    for (const sp of spec.traffic.spikes) {
      const end = spikeEnd(sp);
      if (t >= sp.at - sp.announce && t < end) spikes.push({ service: s, at: sp.at, end, peak: sp.peak });
    }
  });
  for (const sp of w.spikes) spikes.push({ service: sp.service, at: sp.at, end: spikeEnd(sp), peak: sp.peak });
  return spikes;
}
