/**
 * `step`: the one entry point that advances a world by one tick.
 *
 * Order within a tick (fixed, because the random stream is drawn in this order):
 *  1. apply the queued commands, in arrival order (each accepted or refused);
 *  2. advance the clock; scripted incidents and spikes of this tick; random failures;
 *  3. node timers (provisioning, repair, NotReady, eviction, drains); image pulls;
 *  4. instance timers (pull → start → running, back-off, migration, termination, VM HA),
 *     memory leaks and OOM kills, random process crashes;
 *  5. the control plane: Deployments, scheduler, HPA, cluster autoscaler;
 *  6. traffic: demand, load balancing, served and dropped requests, overload crashes;
 *  7. incidents, money, statistics, end of round.
 * Nothing here reads a clock or Math.random; the same world and commands always give the
 * same next world.
 */
import {
  CONTAINER_START_TICKS,
  HISTORY_SAMPLE_TICKS,
  VM_GUEST_OS_CPU,
  VM_GUEST_OS_MEM,
  OVERLOAD_CRASH_PCT,
  OVERLOAD_CRASH_TICKS,
} from "../model/constants.ts";
import type { Cause } from "../model/causes.ts";
import type { Command } from "../model/commands.ts";
import { EventLog, type GameEvent } from "../model/events.ts";
import type { Instance, Node, World } from "../model/model.ts";
import { applyCommand, type CommandResult } from "./apply.ts";
import { beginStart, placeOn, setState, unreserve } from "../datacenter/instances.ts";
import { advancePulls } from "../datacenter/images.ts";
import { advanceNodes } from "../datacenter/nodes.ts";
import { applyIncident, crashInstance, drawFailures, noisyTick, registryTick } from "../datacenter/failures.ts";
import { vmHaCheck } from "../datacenter/vmHa.ts";
import { reconcileDeployments } from "../kubernetes/deployment.ts";
import { schedulePending } from "../kubernetes/scheduler.ts";
import { hpaTick } from "../kubernetes/hpa.ts";
import { clusterAutoscalerTick } from "../kubernetes/clusterAutoscaler.ts";
import { cpuFor, demandAt, servedBy, spikeEnd, spikesAt, vmCapacity } from "../datacenter/traffic.ts";
import { shareCpu } from "../datacenter/cpu.ts";
import { nodeMemory } from "../datacenter/memory.ts";
import { holdsMemory, workingSet } from "../datacenter/appMemory.ts";
import { openIncident, resolveIncident, updateIncidents } from "../datacenter/incidents.ts";
import { scoreOf, settle } from "../datacenter/economy.ts";
import { releaseSpec } from "../datacenter/releases.ts";
import { lowerBoundNodes, usedNodes } from "../datacenter/queries.ts";
import { chance, hashInt } from "../model/rng.ts";
import { StepScratch } from "./stepScratch.ts";

export interface StepResult {
  readonly events: GameEvent[];
  /** One result per command, in the order given. */
  readonly results: CommandResult[];
}

/**
 * Advances `w` by one tick. `scratch` is the working memory between the tick's phases: pass
 * the same one to every step of a long run, or each step allocates its own.
 */
export function step(w: World, commands: readonly Command[], scratch: StepScratch = new StepScratch()): StepResult {
  const log = new EventLog(w.tick);
  const results: CommandResult[] = [];
  for (const c of commands) results.push(applyCommand(w, log, c));
  if (w.finished) return { events: log.events, results };

  w.tick++;
  log.tick = w.tick;
  const t = w.tick;

  scriptAndSpikes(w, log);
  drawFailures(w, log);
  registryTick(w, log);
  noisyTick(w, log);
  advanceNodes(w, log);
  advancePulls(w, log);
  advanceInstances(w, log, scratch);
  if (w.upgrades.kubernetes) controlPlane(w, log, scratch);
  serveTraffic(w, log, scratch);
  settle(w, log);
  if (t % HISTORY_SAMPLE_TICKS === 0) sample(w);
  if (!w.finished && t >= w.scenario.length) {
    w.finished = true;
    log.push("round-over", "round-over", { score: scoreOf(w) });
  }
  if (log.gone > 0) w.instances = w.instances.filter((i) => i.state !== "gone");
  return { events: log.events, results };
}

function scriptAndSpikes(w: World, log: EventLog): void {
  const t = log.tick;
  for (const e of w.scenario.events) if (e.at === t) applyIncident(w, log, e.kind, e.target, e.size);
  const specs = w.scenario.services;
  for (let s = 0; s < specs.length; s++) {
    const hits = spikesAt(specs[s]!, t);
    if (!hits) continue;
    for (const sp of hits.announced) log.push("spike-announced", "", { service: s, at: sp.at, peak: sp.peak });
    for (const sp of hits.started) {
      log.push("spike-started", "", { service: s, peak: sp.peak, until: spikeEnd(sp) });
      openIncident(w, log, "spike", s, -1, 0, 0);
    }
    for (const _ of hits.ended) endSpike(w, log, s);
  }
  for (let k = w.spikes.length - 1; k >= 0; k--) {
    const sp = w.spikes[k]!;
    if (sp.at === t) {
      log.push("spike-started", "", { service: sp.service, peak: sp.peak, until: spikeEnd(sp) });
      openIncident(w, log, "spike", sp.service, -1, 0, 0);
    }
    if (spikeEnd(sp) <= t) {
      w.spikes.splice(k, 1);
      endSpike(w, log, sp.service);
    }
  }
}

function endSpike(w: World, log: EventLog, service: number): void {
  log.push("spike-ended", "", { service });
  for (const id of w.openIncidents) {
    const inc = w.incidents[id]!;
    if (inc.kind !== "spike" || inc.service !== service) continue;
    const st = service >= 0 ? w.services[service]! : null;
    const by = st && st.lastStartTick >= inc.tick ? st.lastStartBy : inc.dropped === 0 ? "headroom" : "nobody";
    resolveIncident(w, log, id, by);
    break;
  }
}

/** Who starts an instance when its wait in "backoff" ends: a person, or else the kubelet's back-off. */
const BACKOFF_ENDS: Partial<Record<Cause, Cause>> = { "on-call": "restart-player", "hand-setup": "deployed" };

/**
 * Timers, memory and crashes of every instance. It also gathers, into `sc`, what the rest of
 * the tick needs, so that no later phase has to walk every instance again: the Service
 * endpoints after the timers, each service's active pods and how many of them are pending.
 */
function advanceInstances(w: World, log: EventLog, sc: StepScratch): void {
  const t = log.tick;
  const specs = w.scenario.services;
  const nodes = w.nodes;
  const list = w.instances;
  sc.beginInstances(w.services.length);
  const endpoints = sc.endpoints;
  const bySvc = sc.podsBySvc;
  let pendingPods = 0;
  for (let k = 0; k < nodes.length; k++) {
    nodes[k]!.usedMem = 0;
    nodes[k]!.vms = 0;
  }
  for (let k = 0; k < list.length; k++) {
    const inst = list[k]!;
    switch (inst.state) {
      case "pulling":
        if (w.nodes[inst.node]!.images.includes(inst.service))
          setState(log, inst, "booting", "image-pull", CONTAINER_START_TICKS);
        break;
      case "booting":
        if (--inst.wait <= 0) toRunning(w, log, inst);
        break;
      case "backoff":
        if (--inst.wait <= 0) beginStart(w, log, inst, BACKOFF_ENDS[inst.cause] ?? "restart-backoff");
        break;
      case "crashed":
      case "lost":
        vmHaCheck(w, log, inst);
        break;
      case "migrating":
        if (--inst.wait <= 0) finishMigration(w, log, inst);
        break;
      case "terminating":
        if (--inst.wait <= 0) {
          unreserve(w.nodes[inst.node]!, inst);
          setState(log, inst, "gone", inst.cause, 0);
          log.push("instance-removed", inst.cause, { instance: inst.id, service: inst.service, node: inst.node });
        }
        break;
      case "running": {
        const spec = specs[inst.service]!;
        const rel = spec.releases.length === 1 ? spec.releases[0]! : releaseSpec(spec, inst.release);
        // A leak is uneven from second to second (0 to twice its mean), so replicas drift apart.
        if (rel.leakMiB > 0) inst.memLeak += hashInt(w.seed, inst.id, t, 2 * rel.leakMiB + 1);
        inst.memUsed = workingSet(spec, inst.served) + inst.memLeak;
        // Over its own limit (or a VM over its guest's memory), the app alone is killed.
        const limit = inst.limMem > 0 ? inst.limMem : inst.runtime === "vm" ? inst.reqMem : 0;
        if (limit > 0 && inst.memUsed > limit) {
          crashInstance(w, log, inst, "oom", limit);
          break;
        }
        if (rel.crashPerMillion > 0 && chanceCrash(w, rel.crashPerMillion)) crashInstance(w, log, inst, "crash");
        break;
      }
      default:
        break;
    }
    const st = inst.state;
    if (st === "running" || st === "migrating" || (st === "lost" && inst.endpointUntil > t)) endpoints.push(inst);
    if (inst.node >= 0 && holdsMemory(inst)) {
      const n = nodes[inst.node]!;
      if (inst.runtime === "vm") {
        n.usedMem += inst.memUsed + VM_GUEST_OS_MEM;
        n.vms++;
      } else n.usedMem += inst.memUsed;
    }
    if (inst.managed && st !== "terminating" && st !== "gone") {
      bySvc[inst.service]!.push(inst);
      if (st === "pending") pendingPods++;
    }
  }
  sc.pendingPods = pendingPods;
  nodeMemory(w, log);
}

function chanceCrash(w: World, perMillion: number): boolean {
  return chance(w.rng, perMillion);
}

function toRunning(w: World, log: EventLog, inst: Instance): void {
  const t = log.tick;
  setState(log, inst, "running", inst.runtime === "vm" ? "booted" : "started", 0);
  inst.runningSince = t;
  const st = w.services[inst.service]!;
  st.lastStartBy = inst.startedBy;
  st.lastStartTick = t;
  const took = t - inst.startAt;
  if (inst.runtime === "vm") {
    w.stats.vmStarts++;
    w.stats.vmStartTicks += took;
    w.stats.vmReservedMem += inst.reqMem + VM_GUEST_OS_MEM;
    w.stats.vmAppMem += inst.reqMem;
  } else {
    w.stats.containerStarts++;
    w.stats.containerStartTicks += took;
    w.stats.containerReservedMem += inst.reqMem;
    w.stats.containerAppMem += inst.reqMem;
  }
}

function finishMigration(w: World, log: EventLog, inst: Instance): void {
  unreserve(w.nodes[inst.node]!, inst);
  inst.node = inst.target;
  inst.target = -1;
  setState(log, inst, "running", "migrated", 0);
}

function controlPlane(w: World, log: EventLog, sc: StepScratch): void {
  const bySvc = sc.podsBySvc;
  const pending = sc.pendingPods;
  const before = w.nextInstanceId;
  reconcileDeployments(w, log, bySvc);
  // The scheduler only has work when pods wait or the ReplicaSets just made some.
  const left =
    pending > 0 || w.nextInstanceId !== before
      ? schedulePending(w, (pod: Instance, node: Node) => placeOn(w, log, pod, node, "scheduled"))
      : 0;
  if (left > 0) {
    for (const i of w.instances) {
      if (i.state === "pending" && i.since === log.tick)
        log.push("unschedulable", "", { instance: i.id, service: i.service });
    }
  }
  // The HPA reads the load the pods carried in the previous tick.
  hpaTick(w, log, bySvc);
  clusterAutoscalerTick(w, log);
}

/**
 * Traffic: the load balancer splits each service's demand over its endpoints; each node
 * shares its CPU among the containers on it (cpu.ts); each instance serves what its CPU
 * allows. Three passes over the endpoints: loads and CPU wants; the sharing on nodes where
 * the wants add up past the CPU; what each served.
 */
function serveTraffic(w: World, log: EventLog, sc: StepScratch): void {
  const nS = w.services.length;
  sc.reserveServices(nS);
  const { demand, count, live, base, rem, rank } = sc;
  demandAt(w, demand);
  count.fill(0, 0, nS);
  live.fill(0, 0, nS);
  rank.fill(0, 0, nS);
  const t = log.tick;
  // Endpoints after the timers, less any the control plane stopped since.
  const endpoints = sc.endpoints;
  let n = 0;
  for (let k = 0; k < endpoints.length; k++) {
    const i = endpoints[k]!;
    if (i.state === "running" || i.state === "migrating") live[i.service]!++;
    else if (i.state !== "lost" || i.endpointUntil <= t) continue;
    count[i.service]!++;
    endpoints[n++] = i;
  }
  endpoints.length = n;
  for (let s = 0; s < nS; s++) {
    const c = count[s]!;
    base[s] = c > 0 ? Math.trunc(demand[s]! / c) : 0;
    rem[s] = c > 0 ? demand[s]! % c : 0;
    const st = w.services[s]!;
    st.served = 0;
    st.capacity = 0;
  }
  const specs = w.scenario.services;
  const nodes = w.nodes;
  for (let k = 0; k < nodes.length; k++) nodes[k]!.usedCpu = 0;
  // Pass 1: each endpoint's load; what each container's load asks of the CPU (capped at its
  // limit: the CFS quota); VMs serve within their reserved vCPUs and are done here.
  let contended = false;
  for (let k = 0; k < n; k++) {
    const i = endpoints[k]!;
    const s = i.service;
    const load = base[s]! + (rank[s]!++ < rem[s]! ? 1 : 0);
    i.load = load;
    // A VM being live-migrated serves on its source host until it switches.
    if (i.state !== "running" && i.state !== "migrating") {
      // A pod on a node that died unnoticed: its share of requests fails.
      i.served = 0;
      continue;
    }
    const spec = specs[s]!;
    const node = nodes[i.node]!;
    if (i.runtime === "vm") {
      const cap = vmCapacity(spec, i, node);
      const served = load < cap ? load : cap;
      i.cpuUsed = cap > 0 ? Math.trunc((i.reqCpu * served) / cap) : 0;
      i.cpuWant = i.cpuUsed;
      node.usedCpu += i.cpuUsed + VM_GUEST_OS_CPU;
      finishServing(w, log, i, load, served, cap, live[s]!);
      continue;
    }
    const need = node.noisyInstance === i.id && node.noisyUntil > t ? node.cpu : cpuFor(spec, load);
    const want = i.limCpu > 0 && need > i.limCpu ? i.limCpu : need;
    i.cpuWant = need;
    i.cpuUsed = want;
    node.usedCpu += want;
    if (node.usedCpu > node.cpu) contended = true;
  }
  // Pass 2: where the containers of a node want more than it has, share it as the kernel does.
  if (contended) shareContendedNodes(endpoints, n, nodes, sc);
  // Pass 3: what each container served with the CPU it got.
  for (let k = 0; k < n; k++) {
    const i = endpoints[k]!;
    if (i.runtime !== "container" || i.state !== "running") continue;
    const spec = specs[i.service]!;
    const can = servedBy(spec, i.cpuUsed);
    const served = i.load < can ? i.load : can;
    // What it can serve is at least what its request guarantees.
    const cap = i.cpuUsed > i.reqCpu ? can : servedBy(spec, i.reqCpu);
    finishServing(w, log, i, i.load, served, cap, live[i.service]!);
  }
  for (let s = 0; s < nS; s++) {
    const st = w.services[s]!;
    const d = demand[s]!;
    const wasDropping = st.dropped * 100 > st.demand;
    st.demand = d;
    st.dropped = d - st.served;
    st.totalDemand += d;
    st.totalServed += st.served;
    st.totalDropped += st.dropped;
    if (!wasDropping && st.dropped * 100 > d) log.push("dropping", "", { service: s, dropped: st.dropped, demand: d });
  }
  let totalLive = 0;
  for (let s = 0; s < nS; s++) totalLive += live[s]!;
  updateIncidents(w, log, live, totalLive);
}

/** Records what an instance served; one kept over 125 % of what it can serve for 20 s crashes. */
function finishServing(
  w: World,
  log: EventLog,
  i: Instance,
  load: number,
  served: number,
  cap: number,
  running: number,
): void {
  i.served = served;
  const st = w.services[i.service]!;
  st.served += served;
  st.capacity += cap;
  if (load * 100 > cap * OVERLOAD_CRASH_PCT) {
    if (++i.overTicks >= OVERLOAD_CRASH_TICKS) crashInstance(w, log, i, "overload", load, running);
  } else {
    i.overTicks = 0;
  }
}

/** Pass 2 of serveTraffic: CPU shared on each node whose containers want more than it has. */
function shareContendedNodes(endpoints: readonly Instance[], n: number, nodes: readonly Node[], sc: StepScratch): void {
  const { shareWant, shareReq, shareGot } = sc;
  const byNode = new Map<number, Instance[]>();
  for (let k = 0; k < n; k++) {
    const i = endpoints[k]!;
    if (i.runtime !== "container" || i.state !== "running") continue;
    const node = nodes[i.node]!;
    if (node.usedCpu <= node.cpu) continue;
    const on = byNode.get(node.id);
    if (on) on.push(i);
    else byNode.set(node.id, [i]);
  }
  for (const [id, list] of byNode) {
    const node = nodes[id]!;
    for (let k = 0; k < list.length; k++) {
      shareWant[k] = list[k]!.cpuUsed;
      shareReq[k] = list[k]!.reqCpu;
    }
    shareCpu(list.length, node.cpu, shareWant, shareReq, shareGot);
    let used = 0;
    for (let k = 0; k < list.length; k++) {
      list[k]!.cpuUsed = shareGot[k]!;
      used += shareGot[k]!;
    }
    node.usedCpu = used;
  }
}

function sample(w: World): void {
  for (const st of w.services) st.history.push(st.demand, st.capacity, st.served);
  w.stats.nodeTicks += usedNodes(w);
  w.stats.lowerBoundTicks += lowerBoundNodes(w);
}
