// Snapshots: a world restored from bytes steps on exactly like the original.
import { describe, expect, it } from "vitest";
import { pack, unpack } from "msgpackr";
import {
  BOTS,
  createWorld,
  decodeSnapshot,
  encodeSnapshot,
  scoreOf,
  stateHash,
  step,
  RULES_VERSION,
  type Command,
} from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";

const sc = scenario({
  length: 1200,
  services: [
    service({
      traffic: {
        base: 500,
        shape: [
          [0, 70],
          [600, 140],
        ],
        period: 1200,
        spikes: [],
        noise: 10,
      },
    }),
  ],
  failures: {
    nodeFailure: 500,
    kernelIncident: 500,
    registryOutage: 500,
    registryOutageTicks: 60,
    noisyNeighbour: 500,
    noisyNeighbourTicks: 60,
  },
});

/** A fresh world's snapshot, unpacked: [format, rules version, scenario id, scenario version, world]. */
function fields(): [number, number, string, number, Record<string, unknown>] {
  return unpack(encodeSnapshot(createWorld(sc, 1))) as [number, number, string, number, Record<string, unknown>];
}

describe("snapshots", () => {
  it("restore a world that steps on to the same hashes", () => {
    const a = createWorld(sc, 9);
    for (let k = 0; k < 400; k++) step(a, BOTS.autopilot.act(a));
    const b = decodeSnapshot(encodeSnapshot(a), sc);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(stateHash(b.value)).toBe(stateHash(a));
    for (let k = 0; k < 400; k++) {
      step(a, BOTS.autopilot.act(a));
      step(b.value, BOTS.autopilot.act(b.value));
    }
    expect(stateHash(b.value)).toBe(stateHash(a));
  });

  it("restore a bailed-out world with its bail-outs and debt, and it is bailed out again on the same tick", () => {
    // Twenty large Type 1 hosts: far more than the money can pay for.
    const spend: Command[] = Array.from({ length: 20 }, () => ({
      type: "buy-node",
      nodeType: "large",
      mode: "hypervisor",
    }));
    const a = createWorld(sc, 3);
    step(a, spend);
    while (a.bailouts === 0) step(a, []);
    const b = decodeSnapshot(encodeSnapshot(a), sc);
    if (!b.ok) throw new Error(b.message);
    expect({ bailouts: b.value.bailouts, debt: b.value.debt, score: scoreOf(b.value) }).toEqual({
      bailouts: 1,
      debt: a.debt,
      score: scoreOf(a),
    });
    const next = (w: typeof a) => {
      while (w.bailouts < 2) step(w, []);
      return w.tick;
    };
    expect(next(b.value)).toBe(next(a));
    expect(stateHash(b.value)).toBe(stateHash(a));
  });

  it("refuse a snapshot from before bail-outs, or with its money damaged, so the world is replayed from its log", () => {
    const [, rules, id, version, rest] = fields();
    const { bailouts: _b, debt: _d, ...old } = rest;
    expect(decodeSnapshot(pack([1, id, version, { ...old, bankrupt: false }]), sc).ok).toBe(false);
    expect(decodeSnapshot(pack([3, rules, id, version, { ...rest, bailouts: -1 }]), sc).ok).toBe(false);
    expect(decodeSnapshot(pack([3, rules, id, version, { ...rest, debt: "lots" }]), sc).ok).toBe(false);
    expect(decodeSnapshot(pack([3, rules, id, version, rest]), sc).ok).toBe(true);
  });

  it("refuse a snapshot with its hand-work clock missing or damaged", () => {
    const [, rules, id, version, rest] = fields();
    const { handsFreeAt: _h, ...old } = rest;
    expect(decodeSnapshot(pack([3, rules, id, version, old]), sc).ok).toBe(false);
    expect(decodeSnapshot(pack([3, rules, id, version, { ...rest, handsFreeAt: 1.5 }]), sc).ok).toBe(false);
    expect(decodeSnapshot(pack([3, rules, id, version, rest]), sc).ok).toBe(true);
  });

  it("refuse a snapshot saved under other rules (or before they were recorded), saying which", () => {
    const [, , id, version, rest] = fields();
    expect(decodeSnapshot(pack([2, id, version, rest]), sc)).toMatchObject({ ok: false, code: "bad-replay" });
    expect(decodeSnapshot(pack([3, RULES_VERSION - 1, id, version, rest]), sc)).toMatchObject({
      ok: false,
      code: "stale-rules",
      message: `This snapshot was saved under rules version ${RULES_VERSION - 1}; the game now plays version ${RULES_VERSION}, so it cannot be replayed exactly.`,
    });
    for (const rules of ["2", -1, 1e300, null])
      expect(decodeSnapshot(pack([3, rules, id, version, rest]), sc).ok).toBe(false);
  });

  it.each([
    { what: "garbage", bytes: new Uint8Array([1, 2, 3]) },
    { what: "another scenario", bytes: encodeSnapshot(createWorld({ ...sc, id: "other" }, 1)) },
    { what: "a truncated snapshot", bytes: encodeSnapshot(createWorld(sc, 1)).slice(0, 40) },
  ])("refuse $what", ({ bytes }) => {
    expect(decodeSnapshot(bytes, sc).ok).toBe(false);
  });
});
