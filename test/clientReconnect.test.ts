// The web client's reconnection policy (client/src/online/classroom.ts): how long it waits
// between attempts, and what it tells a player whose connection ended for good.
import { describe, expect, it } from "vitest";
import { CLOSE_CODES, JOIN_ERRORS } from "@overcommit/shared";
import { leaveText, reconnectDelay } from "../client/src/online/classroom.ts";

describe("reconnecting to a class", () => {
  it("waits ¼ s, then doubles up to 8 s, with jitter so a class does not retry in step", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => reconnectDelay(n, mid))).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    // Jitter stays within a quarter either way.
    expect(reconnectDelay(3, () => 0)).toBe(750);
    expect(reconnectDelay(3, () => 0.999999)).toBe(1250);
    const spread = new Set(Array.from({ length: 50 }, () => reconnectDelay(4)));
    expect(spread.size).toBeGreaterThan(10);
  });

  it("says why it stopped, for each way a connection ends for good", () => {
    expect(leaveText(CLOSE_CODES.replaced)).toMatch(/another tab/);
    expect(leaveText(CLOSE_CODES.kicked)).toMatch(/removed you/);
    expect(leaveText(JOIN_ERRORS["kicked"])).toMatch(/removed you/);
    expect(leaveText(CLOSE_CODES.flood)).toMatch(/Too many messages/);
    expect(leaveText(JOIN_ERRORS["round-over"])).toMatch(/round is over/);
    expect(leaveText(1006)).toMatch(/Rejoin with the same code/);
  });
});
