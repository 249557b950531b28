/**
 * A small classroom scenario for server tests, independent of the shipped catalogue (whose
 * balance changes): a container web service and a VM-only ERP on two ready nodes, a
 * scripted crash at tick 12, quiet random failures. Served through a test catalogue.
 */
import type { Scenario, ServiceSpec } from "@overcommit/shared";
import type { ScenarioCatalog } from "../src/scenarios.ts";

function service(over: Partial<ServiceSpec>): ServiceSpec {
  return {
    id: "web",
    name: "Storefront web",
    runtime: "either",
    why: "",
    cpu: 500,
    mem: 512,
    capacity: 100,
    imageMB: 200,
    revenue: 4,
    penalty: 2,
    traffic: { base: 150, shape: [[0, 100]], period: 2400, spikes: [], noise: 5 },
    releases: [{ version: 1, crashPerMillion: 0, leakMiB: 0, note: "" }],
    ...over,
  };
}

export const TEST_SCENARIO: Scenario = {
  id: "server-test",
  version: 1,
  title: "Server test",
  kind: "competitive",
  level: 0,
  concepts: [],
  briefing: { title: "Server test", text: "", firstStep: "" },
  length: 400,
  speed: 4,
  startMoney: 5000,
  nodeTypes: ["small", "medium", "large"],
  hostModes: ["hypervisor", "hosted", "container-host"],
  services: [
    service({}),
    service({ id: "erp", name: "Legacy ERP", runtime: "vm-only", why: "A legacy Windows app.", cpu: 1000, mem: 2048, capacity: 50, traffic: { base: 40, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } }),
  ],
  upgrades: { "vm-ha": { price: 500, upkeep: 1 }, kubernetes: { price: 800, upkeep: 1 } },
  failures: { nodeFailure: 0, kernelIncident: 0, registryOutage: 0, registryOutageTicks: 60, noisyNeighbour: 0, noisyNeighbourTicks: 60 },
  events: [{ at: 12, kind: "crash", target: "web", size: 0 }],
  start: {
    nodes: [
      { type: "small", mode: "container-host" },
      { type: "medium", mode: "hypervisor" },
    ],
    instances: [
      { service: "web", runtime: "container", node: 0 },
      { service: "web", runtime: "container", node: 0 },
      { service: "erp", runtime: "vm", node: 1 },
    ],
  },
  timings: { nodeProvision: 90, nodeRepair: 300, notReadyAfter: 40, evictAfter: 300, vmHaDetect: 40 },
  targetScore: 0,
};

export const testCatalog: ScenarioCatalog = {
  list: () => [TEST_SCENARIO],
  get: (id) => (id === TEST_SCENARIO.id ? TEST_SCENARIO : undefined),
};
