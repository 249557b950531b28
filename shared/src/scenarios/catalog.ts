/**
 * The scenarios shipped with the game: the eight campaign levels in order, then the
 * competitive classroom scenarios. The data lives in shared/scenarios/*.json; each file is
 * validated when this module loads, so a broken file stops the build's tests at once.
 */
import type { Scenario } from "../model/scenario.ts";
import { parseScenario } from "./validate.ts";
import c1 from "../../scenarios/campaign-1-packing.json" with { type: "json" };
import c2 from "../../scenarios/campaign-2-hypervisors.json" with { type: "json" };
import c3 from "../../scenarios/campaign-3-containers.json" with { type: "json" };
import c4 from "../../scenarios/campaign-4-isolation.json" with { type: "json" };
import c5 from "../../scenarios/campaign-5-spike.json" with { type: "json" };
import c6 from "../../scenarios/campaign-6-self-healing.json" with { type: "json" };
import c7 from "../../scenarios/campaign-7-kubernetes.json" with { type: "json" };
import c8 from "../../scenarios/campaign-8-chaos.json" with { type: "json" };
import blackFriday from "../../scenarios/black-friday.json" with { type: "json" };
import examWeek from "../../scenarios/exam-week.json" with { type: "json" };

const FILES: readonly unknown[] = [c1, c2, c3, c4, c5, c6, c7, c8, blackFriday, examWeek];

const ALL: readonly Scenario[] = FILES.map((f) => {
  const r = parseScenario(f);
  if (!r.ok) throw new Error(`A shipped scenario is broken: ${r.message}`);
  return r.value;
}).sort((a, b) => (a.kind === b.kind ? a.level - b.level : a.kind === "campaign" ? -1 : 1));

export function listScenarios(): readonly Scenario[] {
  return ALL;
}

export function getScenario(id: string): Scenario | undefined {
  return ALL.find((s) => s.id === id);
}
