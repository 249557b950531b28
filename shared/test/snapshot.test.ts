// Snapshots: a world restored from bytes steps on exactly like the original.
import { describe, expect, it } from "vitest";
import { BOTS, createWorld, decodeSnapshot, encodeSnapshot, stateHash, step } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";

const sc = scenario({
  length: 1200,
  services: [service({ traffic: { base: 500, shape: [[0, 70], [600, 140]], period: 1200, spikes: [], noise: 10 } })],
  failures: { nodeFailure: 500, kernelIncident: 500, registryOutage: 500, registryOutageTicks: 60, noisyNeighbour: 500, noisyNeighbourTicks: 60 },
});

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

  it.each([
    { what: "garbage", bytes: new Uint8Array([1, 2, 3]) },
    { what: "another scenario", bytes: encodeSnapshot(createWorld({ ...sc, id: "other" }, 1)) },
    { what: "a truncated snapshot", bytes: encodeSnapshot(createWorld(sc, 1)).slice(0, 40) },
  ])("refuse $what", ({ bytes }) => {
    expect(decodeSnapshot(bytes, sc).ok).toBe(false);
  });
});
