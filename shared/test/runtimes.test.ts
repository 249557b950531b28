// VMs vs containers: what each reserves on a node and how long each takes to start.
import { describe, expect, it } from "vitest";
import { createWorld, findInstance, HOST_MODE_SPECS, allocatable } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

const sc = scenario({
  services: [service({ cpu: 500, mem: 512, imageMB: 230 })],
  start: {
    nodes: [
      { type: "small", mode: "hypervisor" },
      { type: "small", mode: "hosted" },
      { type: "small", mode: "container-host" },
    ],
    instances: [],
  },
});

describe("what an instance reserves", () => {
  it.each([
    { runtime: "vm" as const, node: 0, cpu: 750, mem: 1536, why: "app + guest OS (250 m, 1024 MiB)" },
    { runtime: "vm" as const, node: 1, cpu: 750, mem: 1536, why: "same VM on a Type 2 host" },
    { runtime: "container" as const, node: 2, cpu: 500, mem: 512, why: "app only: no guest OS" },
  ])("$runtime on node $node reserves $cpu m / $mem MiB ($why)", ({ runtime, node, cpu, mem }) => {
    const w = createWorld(sc, 1);
    send(w, { type: "deploy", service: "web", runtime, node });
    expect(w.nodes[node]!.allocCpu).toBe(cpu);
    expect(w.nodes[node]!.allocMem).toBe(mem);
  });

  it.each([
    { mode: "hypervisor" as const, cpu: 3920, mem: 15360 },
    { mode: "hosted" as const, cpu: 3600, mem: 12288 },
    { mode: "container-host" as const, cpu: 3750, mem: 15360 },
  ])("a small $mode node offers $cpu m / $mem MiB after its overhead", ({ mode, cpu, mem }) => {
    expect(allocatable("small", mode)).toEqual({ cpu, mem });
  });
});

describe("how long an instance takes to serve", () => {
  it.each([
    { runtime: "vm" as const, node: 0, ticks: HOST_MODE_SPECS.hypervisor.vmBoot, what: "Type 1 VM boot" },
    { runtime: "vm" as const, node: 1, ticks: HOST_MODE_SPECS.hosted.vmBoot, what: "Type 2 VM boot" },
    { runtime: "container" as const, node: 2, ticks: 5 + 2, what: "pull ceil(230/50)=5 s, then start 2 s" },
  ])("$what: running after $ticks ticks", ({ runtime, node, ticks }) => {
    const w = createWorld(sc, 1);
    send(w, { type: "deploy", service: "web", runtime, node });
    const taken = until(w, (x) => x.instances[0]!.state === "running");
    expect(taken + 1).toBe(ticks);
  });

  it("a second container on the same node starts from the cached image in 2 ticks", () => {
    const w = createWorld(sc, 1);
    send(w, { type: "deploy", service: "web", runtime: "container", node: 2 });
    until(w, (x) => x.instances[0]!.state === "running");
    send(w, { type: "deploy", service: "web", runtime: "container", node: 2 });
    const second = w.instances[1]!;
    expect(second.state).toBe("booting");
    expect(second.cause).toBe("image-cached");
    expect(until(w, () => findInstance(w, second.id)!.state === "running") + 1).toBe(2);
  });

  it("a registry outage stalls a pull; a cached image still starts", () => {
    const w = createWorld(sc, 1);
    send(w, { type: "inject", incident: "registry-outage", target: "any", size: 100 });
    send(w, { type: "deploy", service: "web", runtime: "container", node: 2 });
    for (let k = 0; k < 50; k++) send(w);
    expect(w.instances[0]!.state).toBe("pulling");
    until(w, (x) => x.instances[0]!.state === "running", 200);
    expect(w.tick).toBeGreaterThan(100);
  });
});
