/**
 * Verifying a solo run: the browser sends its replay (scenario, seed, command log and the
 * hash and score it claims); the server decodes it with the shared validator, checks it is
 * the game its ticket names (runTickets.ts) and was played under the server's rules version,
 * re-simulates it with the shared engine and accepts it only if the world it gets has
 * exactly the claimed state hash and score. The
 * recorded numbers are always the server's own.
 */
import {
  checkRules,
  decodeReplay,
  HOST_ONLY_COMMANDS,
  replayWorld,
  scoreOf,
  slaBp,
  starsOf,
  stateHash,
  refuse,
  type Replay,
  type Result,
  type World,
} from "@overcommit/shared";
import type { ScenarioCatalog } from "./scenarios.ts";

export interface Verified {
  readonly replay: Replay;
  readonly world: World;
  readonly score: number;
  readonly slaBp: number;
  readonly stars: number;
  readonly hash: string;
}

/** The game a run must be (its ticket's): checked before any simulation. */
export interface ExpectedGame {
  readonly scenarioId: string;
  readonly scenarioVersion: number;
  readonly seed: number;
}

export function verifySoloRun(
  bytes: Uint8Array,
  scenarios: ScenarioCatalog,
  expected?: ExpectedGame,
): Result<Verified> {
  const decoded = decodeReplay(bytes);
  if (!decoded.ok) return decoded;
  const r = decoded.value;
  if (
    expected &&
    (r.scenarioId !== expected.scenarioId || r.scenarioVersion !== expected.scenarioVersion || r.seed !== expected.seed)
  ) {
    return refuse(
      "bad-replay",
      `This run's ticket is for "${expected.scenarioId}" with seed ${expected.seed}; the replay is another game.`,
    );
  }
  // Under other rules its hash would differ for no fault of the player's: refused as stale, never compared.
  const rules = checkRules(r.rulesVersion, "This run", "played");
  if (!rules.ok) return rules;
  const sc = scenarios.get(r.scenarioId);
  if (!sc) return refuse("bad-replay", `This server has no scenario "${r.scenarioId}".`);
  if (r.log.some((e) => HOST_ONLY_COMMANDS.includes(e.cmd.type)))
    return refuse("bad-replay", "A solo run cannot contain instructor commands.");
  if (r.hash === "") return refuse("bad-replay", "The replay does not claim a final state hash.");
  const w = replayWorld(sc, r);
  if (!w.ok) return w;
  const world = w.value;
  // A run counts once it is over: played to the scenario's end (bail-outs and all).
  if (!world.finished)
    return refuse("bad-replay", `The run stops at tick ${world.tick} of ${sc.length}; submit a finished run.`);
  const hash = stateHash(world);
  const score = scoreOf(world);
  if (hash !== r.hash || score !== r.score)
    return refuse(
      "bad-replay",
      "The replay does not give the result it claims (its state hash or score differs on the server).",
    );
  return { ok: true, value: { replay: r, world, score, slaBp: slaBp(world), stars: starsOf(world), hash } };
}
