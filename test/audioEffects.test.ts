/**
 * The sound effects' parameters (assets/sounds/effects.json) and which game events make
 * which sound: every effect the game names is in the file and well formed, a damaged file
 * is refused entry by entry, and real engine events map to the sounds a player expects.
 */
import { describe, expect, it } from "vitest";
import { applyNow, createWorld, getScenario, step, type GameEvent } from "@overcommit/shared";
import { effectLength, gameEffects, parseEffects, SOUND_NAMES } from "../client/src/audio/effects.ts";
import { MoneyMilestones, soundOf, soundsFor } from "../client/src/audio/gameSounds.ts";
import { parseSong } from "../client/src/audio/music.ts";
import { readFileSync } from "node:fs";

describe("sound effects file", () => {
  it("has every effect the game plays, each short and well formed", () => {
    const fx = gameEffects();
    for (const name of SOUND_NAMES) {
      const e = fx.get(name);
      expect(e, name).toBeDefined();
      expect(effectLength(e!), name).toBeGreaterThan(0.03);
      expect(effectLength(e!), name).toBeLessThanOrEqual(1.5);
    }
  });

  it("refuses damaged entries one by one and keeps the rest", () => {
    expect(parseEffects("{not json").problems[0]).toMatch(/not JSON/);
    expect(parseEffects("[]").problems[0]).toMatch(/no "effects"/);
    const good = {
      gain: 0.5,
      voices: [{ wave: "sine", from: 440, to: 440, at: 0, dur: 0.1, attack: 0.01, gain: 0.5 }],
    };
    const r = parseEffects(
      JSON.stringify({
        effects: {
          click: good,
          buy: { gain: 0.5, voices: [{ ...good.voices[0], wave: "kazoo" }] },
          place: { gain: 7, voices: good.voices },
          crash: { gain: 0.5, voices: [{ ...good.voices[0], from: Number.MAX_VALUE }] },
          oom: { gain: 0.5, voices: [] },
          boot: { gain: 0.5, voices: [{ ...good.voices[0], wobble: { rate: "fast", depth: 3 } }] },
        },
      }),
    );
    expect([...r.effects.keys()]).toEqual(["click"]);
    for (const bad of ["buy", "place", "crash", "oom", "boot"])
      expect(
        r.problems.some((p) => p.startsWith(`${bad}:`)),
        bad,
      ).toBe(true);
  });
});

describe("game events make sounds", () => {
  it("buying a node, it coming up and placing a container sound like it", () => {
    const w = createWorld(getScenario("campaign-3-containers")!, 1);
    const bought = applyNow(w, { type: "buy-node", nodeType: "small", mode: "container-host" });
    expect(bought.result.ok).toBe(true);
    expect(soundsFor(bought.events)).toEqual(["buy"]);
    const events: GameEvent[] = [];
    for (let k = 0; k < 100; k++) events.push(...step(w, []).events);
    expect(soundsFor(events)).toContain("node-ready");
    const node = w.nodes.find((n) => n.state === "ready" && n.mode === "container-host")!;
    const svc = w.scenario.services.find((s) => s.runtime !== "vm-only")!;
    const placed = applyNow(w, { type: "deploy", service: svc.id, runtime: "container", node: node.id });
    expect(placed.result.ok).toBe(true);
    expect(soundsFor(placed.events)).toEqual(["place"]);
  });

  it("troubles get their own sound, the worst first, at most two a batch", () => {
    const e = (type: GameEvent["type"], cause: GameEvent["cause"] = "", state = ""): GameEvent => ({
      tick: 0,
      type,
      cause,
      node: 0,
      instance: 0,
      service: 0,
      state,
      a: 0,
      b: 0,
    });
    expect(soundOf(e("instance-state", "kernel", "crashed"))).toBe("panic");
    expect(soundOf(e("instance-state", "oom", "crashed"))).toBe("oom");
    expect(soundOf(e("instance-state", "overload", "crashed"))).toBe("crash");
    expect(soundOf(e("instance-state", "booted", "running"))).toBe("boot");
    expect(soundOf(e("spike-announced"))).toBe("spike-warning");
    expect(
      soundsFor([
        e("node-ready"),
        e("instance-state", "crash", "crashed"),
        e("node-failed"),
        e("instance-state", "kernel", "crashed"),
      ]),
    ).toEqual(["node-failed", "panic"]);
  });

  it("a money milestone rings once per new step above the start", () => {
    const m = new MoneyMilestones(5000, 500);
    expect(m.passed(5400)).toBe(false);
    expect(m.passed(5500)).toBe(true);
    expect(m.passed(5600)).toBe(false);
    expect(m.passed(4000)).toBe(false);
    expect(m.passed(5900)).toBe(false);
    expect(m.passed(6100)).toBe(true);
  });
});

describe("music file", () => {
  it("the shipped song is well formed; a damaged one is refused with a reason", () => {
    const shipped = parseSong(readFileSync(new URL("../assets/sounds/music.json", import.meta.url), "utf8"));
    expect(shipped.problem).toBe("");
    expect(shipped.song!.chords.length).toBeGreaterThan(1);
    expect(parseSong("{").problem).toMatch(/not JSON/);
    expect(
      parseSong(JSON.stringify({ bpm: 84, gain: 0.1, chords: [{ notes: [5], bass: 110, beats: 8 }] })).song,
    ).toBeNull();
    expect(
      parseSong(JSON.stringify({ bpm: 9000, gain: 0.1, chords: [{ notes: [220], bass: 110, beats: 8 }] })).song,
    ).toBeNull();
  });
});
