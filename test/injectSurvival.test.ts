// No cliffs: whatever single incident an instructor injects, whenever in the round, a
// reasonable player survives it. The autopilot plays every shipped scenario; at every
// 300 s of the round, one branch per incident kind the instructor can inject (default
// size, on any target, as the host's desk sends it) plays on to the end; none may go
// bankrupt, so none needs the bank's bail-out.
//
// The round before an injection is the same in every branch (the bot is a function of the
// world), so each scenario is played once and branched from a snapshot at each injection
// time: half the ticks of playing every branch from the start.
import { describe, expect, it } from "vitest";
import {
  BOTS,
  createWorld,
  decodeSnapshot,
  encodeSnapshot,
  INCIDENT_KINDS,
  listScenarios,
  step,
  type Command,
  type Scenario,
  type World,
} from "@overcommit/shared";

const EVERY = 300;
const SEED = 1;

function copy(w: World, sc: Scenario): World {
  const r = decodeSnapshot(encodeSnapshot(w), sc);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Plays the autopilot from `w` to the end of the round, the commands of this tick first. */
function playOut(w: World, first: readonly Command[]): World {
  step(w, [...BOTS.autopilot.act(w), ...first]);
  while (!w.finished) step(w, BOTS.autopilot.act(w));
  return w;
}

describe("one instructor inject never bankrupts the autopilot", () => {
  it.each(listScenarios().map((s) => ({ id: s.id, s })))("$id: every kind, every 300 s", ({ s }) => {
    const main = createWorld(s, SEED);
    const bankrupt: string[] = [];
    let played = 0;
    for (let at = EVERY; at < s.length; at += EVERY) {
      while (main.tick < at) step(main, BOTS.autopilot.act(main));
      for (const incident of INCIDENT_KINDS) {
        const w = playOut(copy(main, s), [{ type: "inject", incident, target: "any", size: 0 }]);
        played++;
        if (w.bailouts > 0) bankrupt.push(`${incident} at ${at} s: bailed out ×${w.bailouts}`);
      }
    }
    expect(played).toBe(INCIDENT_KINDS.length * Math.ceil(s.length / EVERY - 1));
    expect(bankrupt).toEqual([]);
    // And without any inject, of course.
    expect(playOut(main, []).bailouts).toBe(0);
  });
});
