// The forecast a player sees: the published daily curve, plus each spike from the moment it
// is announced (never before), matching the demand the engine draws before its jitter.
import { describe, expect, it } from "vitest";
import { baseDemand, getScenario, publishedDemand } from "../src/index.ts";

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
    for (let t = 0; t < sc.length; t += 37) expect(publishedDemand(spec, s, sc.length, t)).toBe(baseDemand(spec, s, [], t));
  });
});
