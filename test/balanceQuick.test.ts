// Balance, the quick checks (seeds 1–3): every campaign level is won by playing well and
// never by doing nothing; the autopilot earns two stars and the third sits above it (the
// expert's); buying for the peak and walking away earns one star on the levels where planning
// pays; on each competitive scenario the autopilot beats greedy, which beats idle.
// The full rules over seeds 1–5, with every named strategy, are in test/balance.test.ts and
// docs/balance.md (`npm run balance`).
import { describe, expect, it } from "vitest";
import { BOTS, listScenarios, runMatch, scoreOf, slaBp, starsOf, STRATEGIES } from "@overcommit/shared";

const SEEDS = [1, 2, 3];
const campaign = listScenarios().filter((s) => s.kind === "campaign");
const competitive = listScenarios().filter((s) => s.kind === "competitive");
/** Levels where the walk-away player is held to one star (see docs/balance.md for the others). */
const WALK_AWAY_ONE_STAR = [
  "campaign-1-packing",
  "campaign-2-hypervisors",
  "campaign-3-containers",
  "campaign-4-isolation",
  "campaign-5-spike",
  "campaign-6-self-healing",
  "campaign-7-kubernetes",
];

describe("the campaign", () => {
  it("has eight levels in order", () => {
    expect(campaign.map((s) => s.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("puts each level's par below its target", () => {
    for (const s of campaign) expect(s.parScore, s.id).toBeLessThan(s.targetScore);
  });

  it.each(campaign.flatMap((s) => SEEDS.map((seed) => ({ id: s.id, seed, s }))))(
    "$id seed $seed: autopilot earns 2 stars",
    ({ s, seed }) => {
      const { world } = runMatch(s, seed, BOTS.autopilot);
      expect({
        stars: starsOf(world),
        score: scoreOf(world),
        par: s.parScore,
        target: s.targetScore,
        sla: slaBp(world),
      }).toMatchObject({ stars: 2 });
    },
  );

  it.each(campaign.flatMap((s) => SEEDS.map((seed) => ({ id: s.id, seed, s }))))(
    "$id seed $seed: idle earns no star",
    ({ s, seed }) => {
      const { world } = runMatch(s, seed, BOTS.idle);
      expect(starsOf(world)).toBe(0);
    },
  );

  it.each(
    campaign
      .filter((s) => WALK_AWAY_ONE_STAR.includes(s.id))
      .flatMap((s) => SEEDS.map((seed) => ({ id: s.id, seed, s }))),
  )("$id seed $seed: walking away earns at most one star", ({ s, seed }) => {
    const { world } = runMatch(s, seed, STRATEGIES["walk-away"]!);
    expect(starsOf(world)).toBeLessThanOrEqual(1);
  });
});

describe("competitive scenarios", () => {
  it("there are at least two", () => {
    expect(competitive.length).toBeGreaterThanOrEqual(2);
  });

  it.each(competitive.flatMap((s) => SEEDS.map((seed) => ({ id: s.id, seed, s }))))(
    "$id seed $seed: autopilot > greedy > idle",
    ({ s, seed }) => {
      const score = (bot: keyof typeof BOTS) => scoreOf(runMatch(s, seed, BOTS[bot]).world);
      const a = score("autopilot");
      const g = score("greedy");
      const i = score("idle");
      expect(a, `autopilot ${a} vs greedy ${g}`).toBeGreaterThan(g);
      expect(g, `greedy ${g} vs idle ${i}`).toBeGreaterThan(i);
    },
  );
});
