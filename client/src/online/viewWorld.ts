/**
 * Online play receives a ClusterView, not a World, but the rule queries the panels use
 * (canPlace, runningCost, a deployment's requests) take a World. This builds a read-only
 * stand-in with exactly the fields those queries read, from the view and the scenario.
 * A client-side helper for now; a view-based canPlace in shared/ would make it unneeded.
 */
import { NODE_CATALOG, type ClusterView, type Scenario, type World } from "@overcommit/shared";

export function worldFromView(scenario: Scenario, v: ClusterView): World {
  const nodes = [];
  for (const n of v.nodes) {
    // canPlace indexes nodes by id: keep the array dense up to the largest id.
    nodes[n.id] = {
      id: n.id,
      type: n.type,
      mode: n.mode,
      state: n.state,
      since: 0,
      wait: n.wait,
      cpu: n.cpu,
      mem: n.mem,
      allocCpu: n.allocCpu,
      allocMem: n.allocMem,
      images: [],
      pullService: [],
      pullLeft: [],
      failedAt: -1,
      noisyUntil: -1,
      noisyInstance: -1,
      byAutoscaler: n.byAutoscaler,
      lowSince: -1,
    };
  }
  for (let k = 0; k < nodes.length; k++) {
    if (!nodes[k]) nodes[k] = { ...(nodes.find(Boolean) ?? fallbackNode()), id: k, state: "gone" as const };
  }
  const upgrades = { "vm-ha": false, kubernetes: false, autoscaler: false, "cluster-autoscaler": false };
  for (const u of v.upgrades) upgrades[u] = true;
  const services = v.services.map((sv, s) => {
    const spec = scenario.services[s]!;
    return {
      demand: sv.demand,
      served: sv.served,
      dropped: sv.dropped,
      capacity: sv.capacity,
      release: sv.release,
      deployment:
        sv.replicas >= 0
          ? { replicas: sv.replicas, release: sv.release, reqCpu: spec.cpu, reqMem: spec.mem, limCpu: sv.limCpu, limMem: sv.limMem, pdbMin: sv.pdbMin, rolling: false, hpa: { enabled: sv.hpa, min: sv.hpaMin, max: sv.hpaMax, targetPct: sv.hpaTarget, recs: [], lastUtil: sv.hpaUtil } }
          : null,
    };
  });
  return {
    scenario,
    tick: v.tick,
    money: v.money,
    nodes,
    services,
    upgrades,
    scheduler: v.scheduler,
    autoscaler: { enabled: false, nodeType: scenario.nodeTypes[0] ?? "small", maxNodes: 0, unschedSince: -1, lastAdd: -1 },
    finished: v.finished,
    bankrupt: v.bankrupt,
  } as unknown as World;
}

function fallbackNode() {
  const type = "small" as const;
  const mode = "hypervisor" as const;
  return { id: 0, type, mode, state: "gone" as const, since: 0, wait: 0, cpu: NODE_CATALOG[type].cpu, mem: NODE_CATALOG[type].mem, allocCpu: 0, allocMem: 0, images: [], pullService: [], pullLeft: [], failedAt: -1, noisyUntil: -1, noisyInstance: -1, byAutoscaler: false, lowSince: -1 };
}

