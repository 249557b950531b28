// Money: revenue per 100 served requests, node and licence costs, SLA credits for dropped
// requests, bankruptcy after 60 s in the red, score, SLA and stars.
import { describe, expect, it } from "vitest";
import { createWorld, lowerBound, lowerBoundNodes, slaBp, starsOf, scoreOf, step } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { run, send } from "./helpers.ts";

describe("money each tick", () => {
  it.each([
    { mode: "container-host" as const, runtime: "container" as const, cost: 1, why: "a small node costs 1" },
    { mode: "hypervisor" as const, runtime: "vm" as const, cost: 2, why: "a small Type 1 node costs 1 + a licence of 1" },
    { mode: "hosted" as const, runtime: "vm" as const, cost: 1, why: "a small Type 2 node has no licence" },
  ])("$why", ({ mode, runtime, cost }) => {
    const sc = scenario({
      services: [service({ revenue: 3, penalty: 5, traffic: { base: 150, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
      start: { nodes: [{ type: "small", mode }], instances: [{ service: "web", runtime, node: 0 }] },
    });
    const w = createWorld(sc, 1);
    step(w, []);
    // 150 req/s against one replica: served depends on the host (Type 2 VMs lose throughput).
    const served = w.services[0]!.served;
    const dropped = 150 - served;
    const expected = Math.trunc((served * 3) / 100) - Math.trunc((dropped * 5) / 100) - cost;
    expect(w.money - w.startMoney).toBe(expected);
  });

  it("keeps the remainders, so 100 ticks of 50 req/s at 1 credit per 100 earn exactly 50", () => {
    const sc = scenario({
      services: [service({ revenue: 1, penalty: 0, traffic: { base: 50, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
      start: { nodes: [{ type: "small", mode: "container-host" }], instances: [{ service: "web", runtime: "container", node: 0 }] },
    });
    const w = createWorld(sc, 1);
    run(w, 100);
    expect(w.stats.revenue).toBe(50);
  });

  it("a cluster 60 s in the red is bankrupt and stops", () => {
    const sc = scenario({
      startMoney: 100,
      services: [service({ penalty: 10, traffic: { base: 100, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
    });
    const w = createWorld(sc, 1);
    const events = run(w, 200);
    const negative = events.find((e) => e.type === "money-negative")!;
    const bankrupt = events.find((e) => e.type === "bankrupt")!;
    expect(negative.tick).toBe(11); // 10 credits of SLA credits a tick from 100
    expect(bankrupt.tick - negative.tick).toBe(60);
    expect(w.bankrupt && w.finished).toBe(true);
    const tick = w.tick;
    send(w, { type: "buy-node", nodeType: "small", mode: "hosted" });
    expect(w.tick).toBe(tick);
    expect(starsOf(w)).toBe(0);
  });

  it.each([
    { sla: 10000, score: 500, target: 400, stars: 3 },
    { sla: 9900, score: 100, target: 400, stars: 2 },
    { sla: 9000, score: 500, target: 400, stars: 2 },
    { sla: 9000, score: 100, target: 400, stars: 1 },
  ])("SLA $sla bp and score $score (target $target) earn $stars stars", ({ sla, score, target, stars }) => {
    const w = createWorld(scenario({ targetScore: target, length: 60 }), 1);
    run(w, 60);
    w.money = w.startMoney + score;
    w.services[0]!.totalDemand = 10000;
    w.services[0]!.totalServed = sla;
    expect(slaBp(w)).toBe(sla);
    expect(scoreOf(w)).toBe(score);
    expect(starsOf(w)).toBe(stars);
  });
});

describe("the lower bound of nodes", () => {
  it.each([
    { cpu: 3750, mem: 100, nodes: 1 },
    { cpu: 3751, mem: 100, nodes: 2 },
    { cpu: 100, mem: 15360 * 3, nodes: 3 },
    { cpu: 0, mem: 0, nodes: 0 },
  ])("$cpu m and $mem MiB need at least $nodes small container hosts", ({ cpu, mem, nodes }) => {
    expect(lowerBound(cpu, mem, "small", "container-host")).toBe(nodes);
  });

  it("counts VMs and containers apart, on the node shape the player uses", () => {
    const sc = scenario({
      start: {
        nodes: [{ type: "small", mode: "hypervisor" }, { type: "small", mode: "hypervisor" }, { type: "small", mode: "container-host" }],
        instances: [
          { service: "web", runtime: "vm", node: 0 },
          { service: "web", runtime: "vm", node: 1 },
          { service: "web", runtime: "container", node: 2 },
        ],
      },
    });
    // Two 750 m VMs fit one Type 1 small node; one container needs one container host.
    expect(lowerBoundNodes(createWorld(sc, 1))).toBe(2);
  });
});
