// The forecast a player sees: the published daily curve, plus each spike from the moment it
// is announced (never before), matching the demand the engine draws before its jitter; an
// instructor's spike is announced two minutes ahead like the scenarios' own.
import { describe, expect, it } from "vitest";
import { baseDemand, clock, createWorld, explainEvent, getScenario, publishedDemand, step } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { run } from "./helpers.ts";

describe("publishedDemand", () => {
  const sc = getScenario("campaign-5-spike")!;
  const s = sc.services.findIndex((x) => x.traffic.spikes.length > 0);
  const spec = sc.services[s]!;
  const spike = spec.traffic.spikes[0]!;
  const peak = spike.at + spike.ramp + 1;

  it("hides a spike until it is announced", () => {
    const before = publishedDemand(spec, s, spike.at - spike.announce - 1, peak);
    const after = publishedDemand(spec, s, spike.at - spike.announce, peak);
    expect(after).toBeGreaterThan(before * 2);
    expect(before).toBe(publishedDemand({ ...spec, traffic: { ...spec.traffic, spikes: [] } }, s, 0, peak));
  });

  it("once announced, is the engine's demand before jitter", () => {
    for (let t = 0; t < sc.length; t += 37)
      expect(publishedDemand(spec, s, sc.length, t)).toBe(baseDemand(spec, s, [], t));
  });
});

describe("an instructor's spike", () => {
  // Two minutes' warning, as a campaign or a broadcast gives: the forecast shows it at once,
  // the traffic comes when it said, and the incident opens when the traffic does.
  it("is announced 120 s ahead, in the forecast at once, and starts when it said", () => {
    const sc = scenario({
      services: [service({ traffic: { base: 100, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
    });
    const w = createWorld(sc, 1);
    run(w, 10);
    const { events } = step(w, [{ type: "inject", incident: "spike", target: "any", size: 0 }]);
    const announced = events.find((e) => e.type === "spike-announced")!;
    // Applied at tick 10, before its step: the traffic comes at 130, ×3 (the default size).
    expect({ at: announced.a, peak: announced.b }).toEqual({ at: 130, peak: 300 });
    expect(explainEvent(sc, announced)).toBe(`Traffic spike ahead for every service: ×3.0 at ${clock(announced.a)}.`);
    expect(events.some((e) => e.type === "spike-started" || e.type === "incident")).toBe(false);
    const spec = sc.services[0]!;
    expect(publishedDemand(spec, 0, w.tick, announced.a + 40, w.spikes)).toBe(300);
    const until = run(w, announced.a - w.tick - 1);
    expect(until.some((e) => e.type === "spike-started")).toBe(false);
    expect(w.services[0]!.demand).toBe(100);
    const start = run(w, 1);
    expect(start.find((e) => e.type === "spike-started")?.tick).toBe(announced.a);
    expect(start.find((e) => e.type === "incident")?.state).toBe("spike");
    run(w, 40);
    expect(w.services[0]!.demand).toBe(300);
  });
});
