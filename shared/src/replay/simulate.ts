/**
 * Running whole rounds: re-simulating a replay, and playing a bot through a scenario while
 * recording its replay. Both use nothing but `createWorld` and `step`.
 */
import type { Command } from "../model/commands.ts";
import type { World } from "../model/model.ts";
import type { Scenario } from "../model/scenario.ts";
import type { Replay, ReplayEntry } from "./replay.ts";
import { refuse, type Result } from "../model/result.ts";
import { checkRules, RULES_VERSION } from "../model/rulesVersion.ts";
import { createWorld } from "../datacenter/world.ts";
import { step } from "../engine/step.ts";
import { StepScratch } from "../engine/stepScratch.ts";
import { stateHash } from "./hash.ts";
import { scoreOf } from "../datacenter/economy.ts";

export interface Bot {
  readonly name: string;
  /** Commands to send at the world's current tick (before it steps). Deterministic. */
  act(w: World): Command[];
}

/**
 * Re-simulates a replay on its scenario up to the replay's length. A replay recorded under
 * other rules is refused ("stale-rules"): re-simulated now it would end elsewhere.
 */
export function replayWorld(scenario: Scenario, r: Replay): Result<World> {
  const rules = checkRules(r.rulesVersion);
  if (!rules.ok) return rules;
  if (scenario.id !== r.scenarioId)
    return refuse("bad-replay", `The replay is for scenario "${r.scenarioId}", not "${scenario.id}".`);
  if (scenario.version !== r.scenarioVersion) {
    return refuse(
      "bad-replay",
      `The replay was made with version ${r.scenarioVersion} of "${r.scenarioId}"; this server has version ${scenario.version}.`,
    );
  }
  const w = createWorld(scenario, r.seed);
  const done = advanceWorld(w, r.log, 0, r.length);
  return done.ok ? { ok: true, value: w } : done;
}

/**
 * Steps a world on to tick `until` (or until it finishes), applying the log's entries from
 * index `from` at their ticks: how a replay is re-simulated from tick 0, and how a server
 * rebuilds a world from a snapshot plus the commands logged after it. Returns the index of
 * the first entry not applied.
 */
export function advanceWorld(w: World, log: readonly ReplayEntry[], from: number, until: number): Result<number> {
  let k = from;
  const batch: Command[] = [];
  const scratch = new StepScratch();
  if (k < log.length && log[k]!.tick < w.tick) return refuse("bad-replay", "The replay's commands are out of order.");
  while (w.tick < until && !w.finished) {
    batch.length = 0;
    while (k < log.length && log[k]!.tick === w.tick) batch.push(log[k++]!.cmd);
    if (k < log.length && log[k]!.tick < w.tick) return refuse("bad-replay", "The replay's commands are out of order.");
    step(w, batch, scratch);
  }
  // Commands logged at the final tick (after the world finished) are applied and refused.
  while (k < log.length && log[k]!.tick === w.tick) k++;
  return { ok: true, value: k };
}

export interface MatchResult {
  readonly world: World;
  readonly replay: Replay;
}

/** Plays a bot through a whole round (or `ticks` of it) and records the replay. */
export function runMatch(scenario: Scenario, seed: number, bot: Bot, ticks = scenario.length): MatchResult {
  const w = createWorld(scenario, seed);
  const log: ReplayEntry[] = [];
  const scratch = new StepScratch();
  while (w.tick < ticks && !w.finished) {
    const cmds = bot.act(w);
    for (const cmd of cmds) log.push({ tick: w.tick, cmd });
    step(w, cmds, scratch);
  }
  const replay: Replay = {
    rulesVersion: RULES_VERSION,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed: w.seed,
    length: w.tick,
    log,
    hash: stateHash(w),
    score: scoreOf(w),
  };
  return { world: w, replay };
}
