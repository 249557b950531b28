// The round without sockets: every cluster's command log is its replay, so re-simulating
// it gives the server's state hash — also for a cluster that joined late, and for commands
// the rules refused.
import { describe, expect, it } from "vitest";
import { replayWorld, stateHash, type Command } from "@overcommit/shared";
import { Round } from "../src/rooms/round.ts";
import { TEST_SCENARIO } from "./scenario.ts";

const buy: Command = { type: "buy-node", nodeType: "small", mode: "container-host" };
const refused: Command = { type: "deploy", service: "erp", runtime: "container", node: 0 };

describe("a round's replays", () => {
  it("re-simulate to the server's state hash", () => {
    const round = new Round(TEST_SCENARIO, 77, 120);
    const a = round.addCluster("A", 0);
    const b = round.addCluster("B", 0);
    const verdicts: boolean[] = [];
    for (let t = 0; t < 60; t++) {
      if (t === 3) round.enqueue(a, { cmd: buy, onResult: (r) => verdicts.push(r.ok) });
      if (t === 5) round.enqueue(b, { cmd: refused, onResult: (r) => verdicts.push(r.ok) });
      round.stepAll();
    }
    const late = round.addCluster("Late", 0);
    expect(late.world.tick).toBe(60);
    round.enqueue(late, { cmd: buy, onResult: (r) => verdicts.push(r.ok) });
    while (!round.over) round.stepAll();
    expect(verdicts).toEqual([true, false, true]);
    for (const c of [a, b, late]) {
      const r = round.replayOf(c);
      expect(r.length).toBe(120);
      const w = replayWorld(TEST_SCENARIO, r);
      expect(w.ok && stateHash(w.value)).toBe(stateHash(c.world));
    }
    expect(stateHash(a.world)).not.toBe(stateHash(b.world));
  });

  it("refuses more than a tick's worth of queued commands", () => {
    const round = new Round(TEST_SCENARIO, 1, 10);
    const c = round.addCluster("A", 0);
    let accepted = 0;
    for (let k = 0; k < 100; k++) if (round.enqueue(c, { cmd: buy, onResult: () => {} })) accepted++;
    expect(accepted).toBe(32);
  });
});
