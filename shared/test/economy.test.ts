// Money: revenue per 100 served requests, node and licence costs, SLA credits for dropped
// requests, bankruptcy after 60 s in the red and the bank's bail-out, score, SLA and stars.
import { describe, expect, it } from "vitest";
import { createWorld, lowerBound, lowerBoundNodes, slaBp, starsOf, scoreOf, step } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { run, send } from "./helpers.ts";

describe("money each tick", () => {
  it.each([
    { mode: "container-host" as const, runtime: "container" as const, cost: 2, why: "a small node costs 2" },
    {
      mode: "hypervisor" as const,
      runtime: "vm" as const,
      cost: 3,
      why: "a small Type 1 node costs 2 + a licence of 1 for its one socket",
    },
    { mode: "hosted" as const, runtime: "vm" as const, cost: 2, why: "a small Type 2 node has no licence" },
  ])("$why", ({ mode, runtime, cost }) => {
    const sc = scenario({
      services: [
        service({
          revenue: 3,
          penalty: 5,
          traffic: { base: 150, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 },
        }),
      ],
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
      services: [
        service({
          revenue: 1,
          penalty: 0,
          traffic: { base: 50, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 },
        }),
      ],
      start: {
        nodes: [{ type: "small", mode: "container-host" }],
        instances: [{ service: "web", runtime: "container", node: 0 }],
      },
    });
    const w = createWorld(sc, 1);
    run(w, 100);
    expect(w.stats.revenue).toBe(50);
  });

  // 10 credits of SLA credits a tick (100 req/s dropped at 10 per 100) from 100 credits.
  const broke = () =>
    scenario({
      startMoney: 100,
      services: [
        service({ penalty: 10, traffic: { base: 100, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } }),
      ],
    });

  it("a cluster 60 s in the red is bankrupt: the bank tops it up to its starting money and it plays on", () => {
    const w = createWorld(broke(), 1);
    const events = run(w, 70);
    const negative = events.find((e) => e.type === "money-negative")!;
    expect(negative.tick).toBe(11);
    expect(events.some((e) => e.type === "bailout")).toBe(false);
    const before = scoreOf(w); // the tick before the bail-out
    const { events: now } = step(w, []);
    const bailout = now.find((e) => e.type === "bailout")!;
    expect(bailout.tick - negative.tick).toBe(60);
    expect(bailout.cause).toBe("bankrupt");
    expect(w.money).toBe(w.startMoney);
    expect({ bailouts: w.bailouts, finished: w.finished }).toEqual({ bailouts: 1, finished: false });
    // The loan covers the debt; the fee is half the starting money.
    expect(bailout.a).toBe(w.startMoney + 610); // −10 at tick 11, −610 at tick 71
    expect(bailout.b).toBe(50);
    expect(w.debt).toBe(bailout.a + bailout.b);
    // The score carries the debt: it moves by the tick's own loss of 10 and the fee, not by the top-up.
    expect(scoreOf(w)).toBe(before - 10 - bailout.b);
    // Still playing: commands are applied and the clock runs.
    const r = send(w, { type: "buy-node", nodeType: "small", mode: "hosted" });
    expect(r.results[0]!.ok).toBe(true);
    expect(w.tick).toBe(72);
  });

  it("every further 60 s in the red is another bail-out, counted and charged", () => {
    const w = createWorld(broke(), 1);
    const events = run(w, 400);
    const bailouts = events.filter((e) => e.type === "bailout");
    expect(bailouts.length).toBeGreaterThanOrEqual(2);
    expect(w.bailouts).toBe(bailouts.length);
    expect(w.debt).toBe(bailouts.reduce((d, e) => d + e.a + e.b, 0));
    // Each bail-out went 60 s after the money went below zero again.
    const negatives = events.filter((e) => e.type === "money-negative");
    bailouts.forEach((b, k) => expect(b.tick - negatives[k]!.tick).toBe(60));
    // Never bankrupt twice in a row without going below zero again first.
    expect(negatives.length).toBeGreaterThanOrEqual(bailouts.length);
  });

  it("a bailed-out run earns no star, even with the SLA and the target reached", () => {
    const w = createWorld(scenario({ targetScore: 100, length: 60 }), 1);
    run(w, 60);
    w.services[0]!.totalDemand = 10000;
    w.services[0]!.totalServed = 10000;
    w.money = w.startMoney + 1000;
    expect(starsOf(w)).toBe(3);
    w.bailouts = 1;
    w.debt = 500;
    expect(scoreOf(w)).toBe(500);
    expect(starsOf(w)).toBe(0);
  });

  it("the round's end reports the score with the debt taken off", () => {
    const w = createWorld({ ...broke(), length: 200 }, 1);
    const events = run(w, 200);
    const over = events.find((e) => e.type === "round-over")!;
    expect(w.bailouts).toBeGreaterThan(0);
    expect(over.a).toBe(scoreOf(w));
    expect(over.a).toBe(w.money - w.startMoney - w.debt);
  });

  it.each([
    { sla: 10000, score: 500, par: 200, target: 400, stars: 3 },
    { sla: 9900, score: 300, par: 200, target: 400, stars: 2 },
    { sla: 9900, score: 100, par: 200, target: 400, stars: 1 },
    { sla: 9000, score: 500, par: 200, target: 400, stars: 1 },
    { sla: 9000, score: 100, par: 200, target: 400, stars: 1 },
  ])(
    "SLA $sla bp and score $score (par $par, target $target) earn $stars stars",
    ({ sla, score, par, target, stars }) => {
      const w = createWorld(scenario({ parScore: par, targetScore: target, length: 60 }), 1);
      run(w, 60);
      w.money = w.startMoney + score;
      w.services[0]!.totalDemand = 10000;
      w.services[0]!.totalServed = sla;
      expect(slaBp(w)).toBe(sla);
      expect(scoreOf(w)).toBe(score);
      expect(starsOf(w)).toBe(stars);
    },
  );
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
        nodes: [
          { type: "small", mode: "hypervisor" },
          { type: "small", mode: "hypervisor" },
          { type: "small", mode: "container-host" },
        ],
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
