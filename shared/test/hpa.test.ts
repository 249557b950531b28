// The Horizontal Pod Autoscaler's decision, as a table: tolerance, scale-up limit and the
// scale-down stabilisation window.
import { describe, expect, it } from "vitest";
import { createWorld, hpaDecide, step, type Hpa } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

const hpa = (over: Partial<Hpa> = {}): Hpa => ({ enabled: true, min: 1, max: 100, targetPct: 50, recs: [], lastUtil: -1, ...over });

describe("HPA decisions", () => {
  it.each([
    { current: 4, util: 54, desired: 4, why: "within the 0.1 tolerance (54 vs 50): no change" },
    { current: 4, util: 46, desired: 4, why: "within tolerance below target: no change" },
    { current: 4, util: 56, desired: 5, why: "ceil(4 × 56 / 50) = 5" },
    { current: 4, util: 100, desired: 8, why: "ceil(4 × 100 / 50) = 8" },
    { current: 2, util: 200, desired: 6, why: "wants 8, but +4 pods is the most in one period" },
    { current: 10, util: 200, desired: 20, why: "wants 40, but +100 % is the most in one period" },
    { current: 4, util: 10, desired: 1, why: "scale down to ceil(4 × 10 / 50) = 1 with no earlier recommendation" },
    { current: 4, util: 60, desired: 4, max: 4, why: "never above max" },
    { current: 4, util: 5, desired: 3, min: 3, why: "never below min" },
  ])("$current pods at $util% → $desired ($why)", ({ current, util, desired, min, max }) => {
    expect(hpaDecide(current, util, hpa({ min: min ?? 1, max: max ?? 100 }), 1000).desired).toBe(desired);
  });

  it.each([
    { recs: [800, 6], tick: 1000, desired: 6, why: "a recommendation of 6 within the last 300 s holds the floor" },
    { recs: [690, 6, 900, 3], tick: 1000, desired: 3, why: "the 6 is older than 300 s; the highest recent is 3" },
    { recs: [700, 6], tick: 1000, desired: 1, why: "exactly 300 s old is outside the window" },
  ])("scale-down stabilisation: $why", ({ recs, tick, desired }) => {
    expect(hpaDecide(8, 5, hpa({ recs }), tick).desired).toBe(desired);
  });

  it("acts only every 15 s in a running world and follows the load", () => {
    const sc = scenario({
      services: [service({ capacity: 100, traffic: { base: 600, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
      start: { nodes: [{ type: "medium", mode: "container-host" }], instances: [] },
    });
    const w = createWorld(sc, 1);
    send(
      w,
      { type: "buy-upgrade", upgrade: "kubernetes" },
      { type: "buy-upgrade", upgrade: "autoscaler" },
      { type: "set-replicas", service: "web", replicas: 2 },
    );
    send(w, { type: "set-autoscaler", service: "web", enabled: true, min: 1, max: 20, targetPct: 60 });
    until(w, (x) => x.instances.filter((i) => i.state === "running").length === 2);
    const ticks: number[] = [];
    for (let k = 0; k < 200; k++) for (const e of step(w, []).events) if (e.type === "hpa-scaled") ticks.push(e.tick);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => t % 15 === 0)).toBe(true);
    // 600 req/s at 60 % of 100 req/s per pod needs 10 pods.
    expect(w.services[0]!.deployment!.replicas).toBe(10);
  });
});
