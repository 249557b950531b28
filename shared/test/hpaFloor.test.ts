/**
 * How the operator sets the HPA's floor (bots/kubernetesPlay.ts): the autopilot raises it
 * with every step the forecast adds; the expert, with its floor band, only when the
 * forecast outgrows the floor by that share, and lets the HPA scale up in between, so a
 * peak takes a few commands rather than one per replica.
 */
import { describe, expect, it } from "vitest";
import { AUTOPILOT, BOTS, EXPERT, getScenario, runMatch, type Bot } from "../src/index.ts";

const SCENARIOS = ["campaign-7-kubernetes", "campaign-8-chaos", "black-friday"];

/** Every change of an HPA's minimum after the one that turned it on: [service, from, to]. */
function floorChanges(id: string, bot: Bot): [string, number, number][] {
  const { replay } = runMatch(getScenario(id)!, 1, bot);
  const last = new Map<string, number>();
  const out: [string, number, number][] = [];
  for (const { cmd } of replay.log) {
    if (cmd.type !== "set-autoscaler") continue;
    const from = last.get(cmd.service);
    if (from !== undefined && from !== cmd.min) out.push([cmd.service, from, cmd.min]);
    last.set(cmd.service, cmd.min);
  }
  return out;
}

describe.each(SCENARIOS.map((id) => ({ id })))("$id, seed 1", ({ id }) => {
  const expert = floorChanges(id, BOTS.expert);
  const autopilot = floorChanges(id, BOTS.autopilot);

  it("the expert raises a floor only past its band, and still raises floors ahead of the peaks", () => {
    expect(EXPERT.floorBand).toBeGreaterThan(0);
    const raises = expert.filter(([, from, to]) => to > from);
    expect(raises.length).toBeGreaterThan(0);
    for (const [service, from, to] of raises)
      expect({ service, from, to, pastBand: to * 100 > from * (100 + EXPERT.floorBand) }).toMatchObject({
        pastBand: true,
      });
    // Lowered only once the need has clearly fallen (a quarter), as the autopilot does.
    for (const [service, from, to] of expert.filter(([, f, t]) => t < f))
      expect({ service, from, to, quarter: to * 4 <= from * 3 }).toMatchObject({ quarter: true });
  });

  it("the autopilot follows the forecast in small steps, with more than twice the expert's floor changes", () => {
    expect(AUTOPILOT.floorBand).toBe(0);
    // One replica a step, or two where its N+1 doubles what a lost host would take.
    expect(autopilot.some(([, from, to]) => to > from && to <= from + 2)).toBe(true);
    expect(expert.length * 2).toBeLessThan(autopilot.length);
  });
});
