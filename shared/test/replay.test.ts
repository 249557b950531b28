// Replays: compact, exact, and hostile bytes are refused with a reason.
import { describe, expect, it } from "vitest";
import { pack, unpack } from "msgpackr";
import {
  BOTS,
  createWorld,
  decodeReplay,
  encodeReplay,
  getScenario,
  replayWorld,
  RULES_VERSION,
  runMatch,
  UNVERSIONED_RULES,
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

  it("records the rules version, and reads a replay from before versions were recorded as stale, not corrupt", () => {
    const { replay } = runMatch(sc, 3, BOTS.greedy, 200);
    expect(replay.rulesVersion).toBe(RULES_VERSION);
    const back = decodeReplay(encodeReplay(replay));
    expect(back.ok && back.value.rulesVersion).toBe(RULES_VERSION);
    // Format 1: the same fields without the rules version.
    const [, , ...rest] = unpack(encodeReplay(replay)) as unknown[];
    const old = decodeReplay(pack([1, ...rest]));
    if (!old.ok) throw new Error(old.message);
    expect(old.value).toEqual({ ...replay, rulesVersion: UNVERSIONED_RULES });
    expect(replayWorld(sc, old.value)).toEqual({
      ok: false,
      code: "stale-rules",
      message: `This replay was recorded under rules version ${UNVERSIONED_RULES}; the game now plays version ${RULES_VERSION}, so it cannot be replayed exactly.`,
    });
  });

  it("refuses to re-simulate a replay of other rules, older or newer, and never compares its hash", () => {
    const { replay } = runMatch(sc, 3, BOTS.greedy, 200);
    for (const rulesVersion of [RULES_VERSION - 1, RULES_VERSION + 1]) {
      const back = decodeReplay(encodeReplay({ ...replay, rulesVersion }));
      if (!back.ok) throw new Error(back.message);
      const r = replayWorld(sc, back.value);
      expect(r).toMatchObject({ ok: false, code: "stale-rules" });
      if (!r.ok) expect(r.message).toContain(`rules version ${rulesVersion}`);
    }
    expect(replayWorld(sc, { ...replay, rulesVersion: RULES_VERSION + 1 })).toMatchObject({
      message: expect.stringMatching(/newer than this game's version/),
    });
  });

  it.each([
    { what: "missing", fields: (r: unknown[]) => [2, ...r.slice(2)] },
    { what: "a string", fields: (r: unknown[]) => [2, String(RULES_VERSION), ...r.slice(2)] },
    { what: "negative", fields: (r: unknown[]) => [2, -RULES_VERSION, ...r.slice(2)] },
    { what: "zero", fields: (r: unknown[]) => [2, 0, ...r.slice(2)] },
    { what: "a fraction", fields: (r: unknown[]) => [2, 1.5, ...r.slice(2)] },
    { what: "huge", fields: (r: unknown[]) => [2, 2 ** 53, ...r.slice(2)] },
    { what: "far beyond any number", fields: (r: unknown[]) => [2, 1e300, ...r.slice(2)] },
    { what: "null", fields: (r: unknown[]) => [2, null, ...r.slice(2)] },
  ])("refuses a rules version that is $what, with a reason", ({ fields }) => {
    const raw = unpack(encodeReplay(runMatch(sc, 3, BOTS.greedy, 100).replay)) as unknown[];
    const r = decodeReplay(pack(fields(raw)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe("bad-replay");
      expect(r.message.length).toBeGreaterThan(20);
    }
  });

  it("refuses a replay of another scenario version", () => {
    const { replay } = runMatch(sc, 1, BOTS.idle, 50);
    const r = replayWorld({ ...sc, version: 2 }, replay);
    expect(r).toMatchObject({ ok: false, code: "bad-replay" });
  });
});
