/**
 * Online play receives a ClusterView, not a World, but the rule queries the panels use
 * (canPlace, runningCost, a deployment's requests) take a World. This builds a read-only
 * stand-in with exactly the fields those queries read, from the view and the scenario.
 * A client-side helper for now; a view-based canPlace in shared/ would make it unneeded.
 */
import { newNode, type ClusterView, type Node, type Scenario, type World } from "@overcommit/shared";

export function worldFromView(scenario: Scenario, v: ClusterView): World {
  const nodes: Node[] = [];
  for (const n of v.nodes) {
    // canPlace indexes nodes by id: keep the array dense up to the largest id.
    const node = newNode(n.id, n.type, n.mode, 0, 0);
    node.state = n.state;
    node.wait = n.wait;
    node.allocCpu = n.allocCpu;
    node.allocMem = n.allocMem;
    node.byAutoscaler = n.byAutoscaler;
    node.rebooting = n.rebooting;
    node.vms = n.vms;
    nodes[n.id] = node;
  }
  for (let k = 0; k < nodes.length; k++) {
    if (!nodes[k]) {
      const gone = newNode(k, "small", "hypervisor", 0, 0);
      gone.state = "gone";
      nodes[k] = gone;
    }
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
          ? {
              replicas: sv.replicas,
              release: sv.release,
              reqCpu: sv.reqCpu,
              reqMem: sv.reqMem,
              limCpu: sv.limCpu,
              limMem: sv.limMem,
              pdbMin: sv.pdbMin,
              rolling: false,
              hpa: {
                enabled: sv.hpa,
                min: sv.hpaMin,
                max: sv.hpaMax,
                targetPct: sv.hpaTarget,
                recs: [],
                lastUtil: sv.hpaUtil,
              },
            }
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
    autoscaler: {
      enabled: false,
      nodeType: scenario.nodeTypes[0] ?? "small",
      maxNodes: 0,
      unschedSince: -1,
      lastAdd: -1,
    },
    finished: v.finished,
    bailouts: v.bailouts,
    debt: v.debt,
    handsFreeAt: v.handsFreeAt,
  } as unknown as World;
}
