// The instructor's messages are checked for shape in shared, as commands are: a clean copy
// of the known fields, or a refusal with a code and a sentence naming the field.
import { describe, expect, it } from "vitest";
import { HOST_MESSAGES, isHostMessage, parseHostMessage } from "../src/index.ts";

describe("parseHostMessage", () => {
  it("keeps the known fields and drops the rest (seq among them)", () => {
    expect(parseHostMessage("lock", { seq: 4, locked: true, extra: "x" })).toEqual({
      ok: true,
      value: { type: "lock", body: { locked: true } },
    });
    expect(parseHostMessage("start", { seq: 1, locked: true })).toEqual({
      ok: true,
      value: { type: "start", body: {} },
    });
    expect(parseHostMessage("inject", { incident: "spike" })).toEqual({
      ok: true,
      value: { type: "inject", body: { incident: "spike" } },
    });
    expect(parseHostMessage("new-round", { seed: 7, planningSeconds: 0 })).toEqual({
      ok: true,
      value: { type: "new-round", body: { seed: 7, planningSeconds: 0 } },
    });
  });

  it.each([
    ["lock", { locked: "yes" }, '"locked" must be true or false.'],
    ["late-join", {}, '"on" must be true or false.'],
    ["speed", { speed: 17 }, '"speed" must be a whole number from 1 to 16.'],
    ["speed", { speed: 2.5 }, '"speed" must be a whole number from 1 to 16.'],
    ["team", { seat: "s1", team: -1 }, '"team" must be a whole number from 0 to 40.'],
    ["kick", { seat: { $ne: 1 } }, '"seat" must be a short id of lowercase letters, digits and dashes.'],
    ["rename", { seat: "s1", nickname: "x".repeat(201) }, '"nickname" must be text of at most 200 characters.'],
    [
      "inject",
      { incident: "meteor" },
      '"incident" must be one of: crash, node-failure, kernel-incident, registry-outage, noisy-neighbour, spike.',
    ],
    [
      "inject",
      { incident: "crash", size: Number.MAX_SAFE_INTEGER },
      '"size" must be a whole number from 0 to 10000000.',
    ],
    ["new-round", { seed: -1 }, '"seed" must be a whole number from 0 to 4294967295.'],
  ] as const)("refuses %s %j with a sentence", (type, body, message) => {
    expect(parseHostMessage(type, body)).toEqual({ ok: false, code: "bad-field", message });
  });

  it("refuses a body that is not an object", () => {
    for (const body of [null, 3, "lock", [true]])
      expect(parseHostMessage("lock", body)).toMatchObject({ ok: false, code: "bad-command" });
  });

  it("knows its own types only, not Object.prototype's", () => {
    expect(HOST_MESSAGES.every(isHostMessage)).toBe(true);
    for (const t of ["cmd", "spectate", "__proto__", "constructor", "toString", ""])
      expect(isHostMessage(t)).toBe(false);
  });

  it("does not read a field from the prototype", () => {
    const body = Object.create({ locked: true }) as object;
    expect(parseHostMessage("lock", body)).toMatchObject({ ok: false, code: "bad-field" });
  });
});
