/**
 * Scenarios made in code, for tests and benchmarks (`@overcommit/shared/fixtures`): the
 * rule tests' small hand-made worlds (one idea per test, nothing random unless the test asks
 * for it), the server tests' classroom and the benchmarks' reference clusters.
 * `scenario({...})` and `service({...})` fill every field the caller leaves out with quiet
 * defaults: no traffic, no failures, no events, plenty of money, every upgrade cheap.
 */
import {
  NODE_MONITOR_GRACE_TICKS,
  NODE_PROVISION_TICKS,
  NODE_REPAIR_TICKS,
  VM_HA_DETECTION_TICKS,
} from "./model/constants.ts";
import type { Scenario, ServiceSpec } from "./model/scenario.ts";

export function service(over: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    id: "web",
    name: "Storefront web",
    runtime: "either",
    why: "",
    sensitive: false,
    cpu: 500,
    mem: 512,
    limCpu: 0,
    limMem: 0,
    capacity: 100,
    imageMB: 200,
    revenue: 2,
    penalty: 2,
    traffic: { base: 0, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 },
    releases: [{ version: 1, crashPerMillion: 0, leakMiB: 0, note: "" }],
    ...over,
  };
}

export function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    id: "test",
    version: 1,
    title: "Test",
    kind: "competitive",
    level: 0,
    concepts: [],
    briefing: { title: "", text: "", firstStep: "" },
    length: 100000,
    speed: 4,
    startMoney: 100000,
    nodeTypes: ["small", "medium", "large"],
    hostModes: ["hypervisor", "hosted", "container-host"],
    services: [service()],
    upgrades: {
      "vm-ha": { price: 100, upkeep: 0 },
      kubernetes: { price: 100, upkeep: 0 },
      autoscaler: { price: 100, upkeep: 0 },
      "cluster-autoscaler": { price: 100, upkeep: 0 },
    },
    failures: {
      nodeFailure: 0,
      kernelIncident: 0,
      registryOutage: 0,
      registryOutageTicks: 120,
      noisyNeighbour: 0,
      noisyNeighbourTicks: 120,
    },
    events: [],
    start: { nodes: [], instances: [] },
    timings: {
      nodeProvision: NODE_PROVISION_TICKS,
      nodeRepair: NODE_REPAIR_TICKS,
      notReadyAfter: NODE_MONITOR_GRACE_TICKS,
      evictAfter: 300,
      vmHaDetect: VM_HA_DETECTION_TICKS,
      handVm: 0,
      handContainer: 0,
    },
    breachFine: 0,
    parScore: 0,
    targetScore: 0,
    ...over,
  };
}
