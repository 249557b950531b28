/**
 * The reference worlds the benchmarks step: a classroom-sized cluster (40 nodes, about 400
 * instances, 6 services, traffic and failures on, Kubernetes and its autoscaler running)
 * and a large one (1000 nodes, 10,000 instances). Built from ordinary scenario data and
 * commands, so they exercise the same code as a game.
 */
import {
  createWorld,
  step,
  type Scenario,
  type ServiceSpec,
  type StartInstance,
  type StartNode,
  type World,
} from "@overcommit/shared";
import { scenario, service } from "@overcommit/shared/fixtures";

function svc(
  id: string,
  runtime: ServiceSpec["runtime"],
  cpu: number,
  mem: number,
  base: number,
  crash: number,
  leak = 0,
): ServiceSpec {
  return service({
    id,
    name: id,
    runtime,
    why: "bench",
    cpu,
    mem,
    imageMB: 250,
    traffic: {
      base,
      shape: [
        [0, 70],
        [600, 130],
        [1200, 100],
        [1800, 80],
      ],
      period: 2400,
      spikes: [{ at: 900, ramp: 60, peak: 200, hold: 120, announce: 120 }],
      noise: 8,
    },
    releases: [{ version: 1, crashPerMillion: crash, leakMiB: leak, note: "" }],
  });
}

export function benchScenario(scale: number): Scenario {
  // Per 40 nodes: 16 Type 1 hosts for the VM services, 24 container hosts.
  const services = [
    svc("erp", "vm-only", 2000, 4096, 900 * scale, 20),
    svc("payments", "vm-only", 1000, 2048, 1200 * scale, 20),
    svc("web", "container-only", 500, 512, 9000 * scale, 30),
    svc("api", "either", 500, 1024, 7000 * scale, 30),
    svc("search", "container-only", 1000, 1024, 4000 * scale, 20),
    svc("batch", "container-only", 250, 512, 3000 * scale, 20, 1),
  ];
  const nodes: StartNode[] = [];
  const instances: StartInstance[] = [];
  for (let k = 0; k < 16 * scale; k++) {
    nodes.push({ type: "medium", mode: "hypervisor" });
    // 16 vCPU hosts: 3 ERP VMs (2250 m) + 7 payments VMs (1250 m) ≈ 15.5 cores
    for (let j = 0; j < 3; j++) instances.push({ service: "erp", runtime: "vm", node: nodes.length - 1 });
    for (let j = 0; j < 7; j++) instances.push({ service: "payments", runtime: "vm", node: nodes.length - 1 });
  }
  for (let k = 0; k < 24 * scale; k++) nodes.push({ type: "medium", mode: "container-host" });
  return scenario({
    id: `bench-${scale}`,
    title: "Benchmark cluster",
    length: 10_000_000,
    startMoney: 10_000_000,
    services,
    upgrades: {
      kubernetes: { price: 0, upkeep: 0 },
      autoscaler: { price: 0, upkeep: 0 },
      "vm-ha": { price: 0, upkeep: 0 },
    },
    failures: {
      nodeFailure: 20,
      kernelIncident: 20,
      registryOutage: 50,
      registryOutageTicks: 60,
      noisyNeighbour: 50,
      noisyNeighbourTicks: 60,
    },
    start: { nodes, instances },
  });
}

/** A world of the given scale (1 = 40 nodes, ~400 instances), its pods placed and running. */
export function benchWorld(scale: number): World {
  const w = createWorld(benchScenario(scale), 1);
  step(w, [
    { type: "buy-upgrade", upgrade: "kubernetes" },
    { type: "buy-upgrade", upgrade: "vm-ha" },
  ]);
  step(w, [{ type: "buy-upgrade", upgrade: "autoscaler" }]);
  const pods: [string, number][] = [
    ["web", 90],
    ["api", 70],
    ["search", 40],
    ["batch", 40],
  ];
  step(
    w,
    pods.flatMap(([service, n]) => [
      {
        type: "set-autoscaler" as const,
        service,
        enabled: true,
        min: n * scale,
        max: Math.ceil(1.25 * n * scale),
        targetPct: 70,
      },
    ]),
  );
  for (let k = 0; k < 60; k++) step(w, []);
  return w;
}
