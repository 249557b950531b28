// Event payloads by name: written and read under their type's names, carried as `a` and `b`.
import { describe, expect, it } from "vitest";
import {
  BOTS,
  createWorld,
  EVENT_PAYLOADS,
  EVENT_TYPES,
  EventLog,
  getScenario,
  payloadOf,
  step,
} from "../src/index.ts";

describe("event payloads", () => {
  it("go out under their names and come back under them, in the two short fields", () => {
    const log = new EventLog(5);
    log.push("spike-announced", "", { service: 1, at: 130, peak: 300 });
    log.push("bailout", "bankrupt", { loan: 900, fee: 90 });
    log.push("node-ready", "provisioned", { node: 2 });
    const [spike, bailout, ready] = log.events;
    expect(payloadOf("spike-announced", spike!)).toEqual({ at: 130, peak: 300 });
    expect([spike!.a, spike!.b]).toEqual([130, 300]);
    expect(payloadOf("bailout", bailout!)).toEqual({ loan: 900, fee: 90 });
    expect(payloadOf("node-ready", ready!)).toEqual({});
    expect([ready!.a, ready!.b]).toEqual([0, 0]);
  });

  it("are named for every event type, and a played round fills only the slots its types name", () => {
    expect(Object.keys(EVENT_PAYLOADS).sort()).toEqual([...EVENT_TYPES].sort());
    const w = createWorld(getScenario("campaign-8-chaos")!, 2);
    const seen = new Set<string>();
    for (let t = 0; t < 1200; t++) {
      for (const e of step(w, BOTS.autopilot.act(w)).events) {
        const [an, bn] = EVENT_PAYLOADS[e.type];
        if (!an) expect(e.a).toBe(0);
        if (!bn) expect(e.b).toBe(0);
        seen.add(e.type);
      }
    }
    expect(seen.size).toBeGreaterThan(8);
  });
});
