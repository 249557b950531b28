/**
 * A small classroom scenario for server tests, independent of the shipped catalogue (whose
 * balance changes): a container web service and a VM-only ERP on two ready nodes, a
 * scripted crash at tick 12, quiet random failures. Served through a test catalogue.
 */
import type { Scenario, ServiceSpec } from "@overcommit/shared";
import { scenario, service } from "@overcommit/shared/fixtures";
import type { ScenarioCatalog } from "../src/scenarios.ts";

/** Traffic on, a little noise, a better price per request than the fixtures' quiet default. */
function tested(over: Partial<ServiceSpec>): ServiceSpec {
  return service({
    revenue: 4,
    traffic: { base: 150, shape: [[0, 100]], period: 2400, spikes: [], noise: 5 },
    ...over,
  });
}

export const TEST_SCENARIO: Scenario = scenario({
  id: "server-test",
  title: "Server test",
  briefing: { title: "Server test", text: "", firstStep: "" },
  length: 400,
  startMoney: 5000,
  services: [
    tested({}),
    tested({
      id: "erp",
      name: "Legacy ERP",
      runtime: "vm-only",
      why: "A legacy Windows app.",
      cpu: 1000,
      mem: 2048,
      capacity: 50,
      traffic: { base: 40, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 },
    }),
  ],
  upgrades: { "vm-ha": { price: 500, upkeep: 1 }, kubernetes: { price: 800, upkeep: 1 } },
  failures: {
    nodeFailure: 0,
    kernelIncident: 0,
    registryOutage: 0,
    registryOutageTicks: 60,
    noisyNeighbour: 0,
    noisyNeighbourTicks: 60,
  },
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
  timings: {
    nodeProvision: 90,
    nodeRepair: 300,
    notReadyAfter: 40,
    evictAfter: 300,
    vmHaDetect: 40,
    handVm: 0,
    handContainer: 0,
  },
});

export const testCatalog: ScenarioCatalog = {
  list: () => [TEST_SCENARIO],
  get: (id) => (id === TEST_SCENARIO.id ? TEST_SCENARIO : undefined),
};
