// Balance: every campaign level is winnable (autopilot earns 3 stars), doing nothing never
// earns a star, and on each competitive scenario autopilot beats greedy, which beats idle.
// Several seeds each, because a level that only works for one seed is not balanced.
import { describe, expect, it } from "vitest";
import { BOTS, listScenarios, runMatch, scoreOf, slaBp, starsOf } from "../src/index.ts";

const SEEDS = [1, 2, 3];
const campaign = listScenarios().filter((s) => s.kind === "campaign");
const competitive = listScenarios().filter((s) => s.kind === "competitive");

describe("the campaign", () => {
  it("has eight levels in order", () => {
    expect(campaign.map((s) => s.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each(campaign.flatMap((s) => SEEDS.map((seed) => ({ id: s.id, seed, s }))))("$id seed $seed: autopilot earns 3 stars", ({ s, seed }) => {
    const { world } = runMatch(s, seed, BOTS.autopilot);
    expect({ stars: starsOf(world), score: scoreOf(world), target: s.targetScore, sla: slaBp(world) }).toMatchObject({ stars: 3 });
  });

  it.each(campaign.flatMap((s) => SEEDS.map((seed) => ({ id: s.id, seed, s }))))("$id seed $seed: idle earns no star", ({ s, seed }) => {
    const { world } = runMatch(s, seed, BOTS.idle);
    expect(starsOf(world)).toBe(0);
  });
});

describe("competitive scenarios", () => {
  it("there are at least two", () => {
    expect(competitive.length).toBeGreaterThanOrEqual(2);
  });

  it.each(competitive.flatMap((s) => SEEDS.map((seed) => ({ id: s.id, seed, s }))))("$id seed $seed: autopilot > greedy > idle", ({ s, seed }) => {
    const score = (bot: keyof typeof BOTS) => scoreOf(runMatch(s, seed, BOTS[bot]).world);
    const a = score("autopilot");
    const g = score("greedy");
    const i = score("idle");
    expect(a, `autopilot ${a} vs greedy ${g}`).toBeGreaterThan(g);
    expect(g, `greedy ${g} vs idle ${i}`).toBeGreaterThan(i);
  });
});
