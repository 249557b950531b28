/**
 * What one round of a class plays: scenario, seed, length and planning time. Checked here
 * for both ways of setting them: hosting a classroom (POST /api/classrooms) and the
 * instructor's "new round" after the end of one. Absent fields take their defaults;
 * a wrong one is refused with a sentence that names the rule.
 */
import { randomInt } from "node:crypto";
import { PLANNING_MAX_SECONDS, PLANNING_MIN_SECONDS, type Scenario } from "@overcommit/shared";
import type { ScenarioCatalog } from "./scenarios.ts";

export interface RoundSettings {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Ticks in the round. */
  readonly length: number;
  /** Seconds of planning before the clock starts (0: none). */
  readonly planningSeconds: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
}

/** `defaults` fills what the body leaves out (a new round keeps the class's planning time). */
export function readRoundSettings(
  b: Record<string, unknown>,
  scenarios: ScenarioCatalog,
  defaults: { scenario?: string; planningSeconds?: number } = {},
): Checked<RoundSettings> {
  const id = b["scenario"] ?? defaults.scenario;
  const sc = typeof id === "string" ? scenarios.get(id) : undefined;
  if (!sc)
    return {
      ok: false,
      message: `"scenario" must be one of: ${scenarios
        .list()
        .map((s) => s.id)
        .join(", ")}.`,
    };
  const seed = b["seed"] ?? randomInt(0, 0xffffffff);
  if (!isInt(seed, 0, 0xffffffff)) return { ok: false, message: '"seed" must be a whole number from 0 to 4294967295.' };
  const length = b["length"] ?? sc.length;
  if (!isInt(length, 10, sc.length))
    return { ok: false, message: `"length" must be a whole number of ticks from 10 to ${sc.length}.` };
  const planning = b["planningSeconds"] ?? defaults.planningSeconds ?? 0;
  if (!(planning === 0 || isInt(planning, PLANNING_MIN_SECONDS, PLANNING_MAX_SECONDS))) {
    return {
      ok: false,
      message: `"planningSeconds" must be 0 (no planning) or a whole number from ${PLANNING_MIN_SECONDS} to ${PLANNING_MAX_SECONDS}.`,
    };
  }
  return { ok: true, value: { scenario: sc, seed, length, planningSeconds: planning as number } };
}
