/**
 * Making a new world from a scenario and a seed: the starting money, the scenario's
 * starting nodes (already provisioned) and instances (already running, images cached).
 */
import type { Scenario } from "../model/scenario.ts";
import type { Node, ServiceState, World } from "../model/model.ts";
import type { HostMode, NodeType } from "../model/constants.ts";
import { seedRng } from "../model/rng.ts";
import { allocatable, defaultResources } from "./resources.ts";
import { EventLog } from "../model/events.ts";
import { createInstance, setState } from "./instances.ts";
import { addImage } from "./images.ts";

export function newNode(id: number, type: NodeType, mode: HostMode, tick: number, provisionTicks: number): Node {
  const a = allocatable(type, mode);
  return {
    id,
    type,
    mode,
    state: provisionTicks > 0 ? "provisioning" : "ready",
    since: tick,
    wait: provisionTicks,
    cpu: a.cpu,
    mem: a.mem,
    allocCpu: 0,
    allocMem: 0,
    pods: 0,
    limCpu: 0,
    limMem: 0,
    usedCpu: 0,
    usedMem: 0,
    vms: 0,
    pressureUntil: -1,
    images: [],
    pullService: [],
    pullLeft: [],
    pullRetry: [],
    pullBackoff: [],
    failedAt: -1,
    rebooting: false,
    noisyUntil: -1,
    noisyInstance: -1,
    byAutoscaler: false,
    lowSince: -1,
  };
}

function newServiceState(release: number): ServiceState {
  return {
    demand: 0,
    served: 0,
    dropped: 0,
    capacity: 0,
    totalDemand: 0,
    totalServed: 0,
    totalDropped: 0,
    revenueCarry: 0,
    penaltyCarry: 0,
    lastStartBy: "",
    lastStartTick: -1,
    release,
    deployment: null,
    history: [],
  };
}

export function createWorld(scenario: Scenario, seed: number): World {
  const w: World = {
    scenario,
    seed: seed >>> 0,
    tick: 0,
    rng: seedRng(seed),
    money: scenario.startMoney,
    startMoney: scenario.startMoney,
    brokeSince: -1,
    bailouts: 0,
    debt: 0,
    finished: false,
    nodes: [],
    instances: [],
    nextInstanceId: 0,
    services: scenario.services.map((s) => newServiceState(s.releases[0]!.version)),
    upgrades: { "vm-ha": false, kubernetes: false, autoscaler: false, "cluster-autoscaler": false },
    scheduler: "LeastAllocated",
    autoscaler: {
      enabled: false,
      nodeType: scenario.nodeTypes[0] ?? "small",
      maxNodes: 0,
      unschedSince: -1,
      lastAdd: -1,
      drainingNode: -1,
    },
    registryDownUntil: -1,
    handsFreeAt: 0,
    spikes: [],
    incidents: [],
    openIncidents: [],
    stats: {
      nodeTicks: 0,
      lowerBoundTicks: 0,
      vmStarts: 0,
      vmStartTicks: 0,
      containerStarts: 0,
      containerStartTicks: 0,
      vmReservedMem: 0,
      vmAppMem: 0,
      containerReservedMem: 0,
      containerAppMem: 0,
      vmsHitByKernel: 0,
      containersHitByKernel: 0,
      migrations: 0,
      imagePulls: 0,
      onCallPages: 0,
      onCallCost: 0,
      handJobs: 0,
      handTicks: 0,
      revenue: 0,
      costs: 0,
      penalties: 0,
    },
  };
  for (const sn of scenario.start.nodes) w.nodes.push(newNode(w.nodes.length, sn.type, sn.mode, 0, 0));
  // Starting instances are already up: their images are cached and they run from tick 0.
  const log = new EventLog(0);
  for (const si of scenario.start.instances) {
    const svc = scenario.services.findIndex((s) => s.id === si.service);
    const spec = scenario.services[svc]!;
    const node = w.nodes[si.node]!;
    if (si.runtime === "container") addImage(node, svc);
    const inst = createInstance(w, log, {
      service: svc,
      runtime: si.runtime,
      node: node.id,
      managed: false,
      release: w.services[svc]!.release,
      ...defaultResources(spec, si.runtime),
      cause: "deployed",
    });
    setState(log, inst, "running", "started", 0);
    inst.runningSince = 0;
  }
  return w;
}
