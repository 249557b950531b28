// Replays: compact, exact, and hostile bytes are refused with a reason.
import { describe, expect, it } from "vitest";
import { pack } from "msgpackr";
import {
  BOTS,
  createWorld,
  decodeReplay,
  encodeReplay,
  getScenario,
  replayWorld,
  runMatch,
  scoreOf,
  stateHash,
  step,
  StepScratch,
  type Bot,
} from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";

const sc = scenario({
  length: 900,
  services: [
    service({
      traffic: {
        base: 300,
        shape: [
          [0, 60],
          [450, 140],
        ],
        period: 900,
        spikes: [],
        noise: 5,
      },
    }),
  ],
  nodeTypes: ["small"],
  hostModes: ["container-host", "hypervisor"],
});

describe("replays", () => {
  it("re-simulate a bot's round to the same hash", () => {
    const { world, replay } = runMatch(sc, 42, BOTS.greedy);
    expect(replay.log.length).toBeGreaterThan(5);
    const bytes = encodeReplay(replay);
    const back = decodeReplay(bytes);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const w = replayWorld(sc, back.value);
    expect(w.ok && stateHash(w.value)).toBe(stateHash(world));
    expect(back.value.hash).toBe(stateHash(world));
  });

  it("re-simulate a round the bank bailed out to the same hash, bail-outs and score", () => {
    // Greedy's play, after buying far more than the money pays for at the start.
    const spender: Bot = {
      name: "spender",
      act: (w) => [
        ...(w.tick === 0
          ? Array.from({ length: 30 }, () => ({
              type: "buy-node" as const,
              nodeType: "small" as const,
              mode: "hypervisor" as const,
            }))
          : []),
        ...BOTS.greedy.act(w),
      ],
    };
    const { world, replay } = runMatch({ ...sc, startMoney: 5000 }, 42, spender);
    expect(world.bailouts).toBeGreaterThan(0);
    expect(world.finished && world.tick).toBe(sc.length);
    const back = decodeReplay(encodeReplay(replay));
    if (!back.ok) throw new Error(back.message);
    const w = replayWorld({ ...sc, startMoney: 5000 }, back.value);
    if (!w.ok) throw new Error(w.message);
    expect({
      hash: stateHash(w.value),
      bailouts: w.value.bailouts,
      debt: w.value.debt,
      score: scoreOf(w.value),
    }).toEqual({ hash: replay.hash, bailouts: world.bailouts, debt: world.debt, score: replay.score });
  });

  it("end the same when many worlds share one step scratch in turn, as a room's clusters do", () => {
    // Worlds of different sizes (two services and five), so the scratch grows and shrinks in use.
    const scenarios = [getScenario("campaign-7-kubernetes")!, getScenario("black-friday")!, sc];
    const alone = scenarios.map((s) => runMatch(s, 9, BOTS.autopilot, 900).world);
    const worlds = scenarios.map((s) => createWorld(s, 9));
    const scratch = new StepScratch();
    for (let t = 0; t < 900; t++) for (const w of worlds) step(w, BOTS.autopilot.act(w), scratch);
    expect(worlds.map(stateHash)).toEqual(alone.map(stateHash));
  });

  it.each([
    { what: "empty", bytes: new Uint8Array(0) },
    { what: "random bytes", bytes: new Uint8Array([0xc1, 0xff, 0x00, 0x12]) },
    { what: "a plain string", bytes: pack("hello") },
    { what: "the wrong format number", bytes: pack([9, "test", 1, 1, 10, "", 0, [], []]) },
    { what: "a negative seed", bytes: pack([1, "test", 1, -4, 10, "", 0, [], []]) },
    { what: "a command after the end", bytes: pack([1, "test", 1, 4, 10, "", 0, [], [[11, 0, 0, 2]]]) },
    { what: "an unknown command type", bytes: pack([1, "test", 1, 4, 10, "", 0, [], [[1, 99]]]) },
    { what: "a command with missing fields", bytes: pack([1, "test", 1, 4, 10, "", 0, [], [[1, 0]]]) },
    { what: "a string index out of range", bytes: pack([1, "test", 1, 4, 10, "", 0, [], [[1, 4, 5, 0, 0]]]) },
    { what: "an invalid field value", bytes: pack([1, "test", 1, 4, 10, "", 0, [], [[1, 0, 7, 0]]]) },
    { what: "a huge tick delta", bytes: pack([1, "test", 1, 4, 10, "", 0, [], [[1e15, 0, 0, 0]]]) },
  ])("refuses $what", ({ bytes }) => {
    const r = decodeReplay(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("bad-replay");
  });

  it("refuses a truncated replay", () => {
    const bytes = encodeReplay(runMatch(sc, 1, BOTS.greedy).replay);
    for (const cut of [1, 5, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(decodeReplay(bytes.slice(0, cut)).ok).toBe(false);
    }
  });

  it("refuses a replay of another scenario version", () => {
    const { replay } = runMatch(sc, 1, BOTS.idle, 50);
    const r = replayWorld({ ...sc, version: 2 }, replay);
    expect(r).toMatchObject({ ok: false, code: "bad-replay" });
  });
});
