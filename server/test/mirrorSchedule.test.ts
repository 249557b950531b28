// The mirroring schedule on its own, without a room or a world: which clusters a tick
// mirrors, in what order, within what budget, and whose leaderboard rows fall due.
import { describe, expect, it } from "vitest";
import { isClassTick, MirrorSchedule, refreshPeriod, type Stepped } from "../src/rooms/mirrorSchedule.ts";
import type { Refresh } from "../src/rooms/mirror.ts";

interface Fake {
  readonly id: string;
  readonly index: number;
  readonly world: { finished: boolean };
}

function clusters(n: number): Fake[] {
  return Array.from({ length: n }, (_, index) => ({ id: `c${index}`, index, world: { finished: false } }));
}

/** A class of `n` clusters driven tick by tick; `cost` is what mirroring one writes into the patch. */
function harness(n: number, speed: number, cost = 10) {
  const list = clusters(n);
  let now = 0;
  const log: { tick: number; id: string; refresh: Refresh }[] = [];
  let mirrored: Fake[] = [];
  const schedule = new MirrorSchedule<Fake>((c, refresh) => {
    log.push({ tick: now, id: c.id, refresh });
    mirrored.push(c);
    return cost;
  });
  const tick = (did: { commands?: Fake[]; events?: Fake[] } = {}) => {
    now++;
    const stepped: Stepped<Fake>[] = list.map((cluster) => ({
      cluster,
      commands: did.commands?.filter((c) => c === cluster).length ?? 0,
      events: { length: did.events?.includes(cluster) ? 1 : 0 },
    }));
    mirrored = [];
    schedule.tick(now, speed, stepped);
    return mirrored;
  };
  return { list, schedule, tick, log, now: () => now };
}

describe("MirrorSchedule", () => {
  it("mirrors a commanded cluster in the tick its command was applied, even when the tick is busy", () => {
    const h = harness(60, 4);
    for (let t = 0; t < 20; t++) h.tick();
    const c = h.list[37]!;
    // Everything else has events this tick; the commanded one still goes first.
    const mirrored = h.tick({ commands: [c], events: h.list });
    expect(mirrored[0]).toBe(c);
  });

  it("spreads a whole class's commands over a few ticks, at least one a tick, in the order they came", () => {
    const h = harness(60, 4, 40);
    for (let t = 0; t < 20; t++) h.tick();
    const first = h.tick({ commands: h.list });
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(60);
    // Later commands from clusters already shown wait behind the ones left from the burst.
    const waiting = new Set(h.list.filter((c) => !first.includes(c)));
    const order = [...first];
    for (let t = 0; t < 30 && order.length < 60; t++) {
      const shown = h.tick({ commands: [h.list[0]!] }).filter((c) => waiting.has(c) && !order.includes(c));
      order.push(...shown);
    }
    expect(order.map((c) => c.index)).toEqual(h.list.map((c) => c.index));
  });

  it("does not mirror for commands to a finished world, and mirrors a world that finished exactly, once", () => {
    const h = harness(4, 4);
    for (let t = 0; t < 8; t++) h.tick();
    const done = h.list[2]!;
    done.world.finished = true;
    h.tick();
    expect(h.log.filter((e) => e.id === done.id && e.tick === h.now())).toEqual([
      { tick: h.now(), id: done.id, refresh: "exact" },
    ]);
    for (let t = 0; t < 20; t++) h.tick({ commands: [done], events: [done] });
    expect(h.log.filter((e) => e.id === done.id && e.refresh === "exact")).toHaveLength(1);
    expect(h.log.filter((e) => e.id === done.id && e.tick > h.now() - 20)).toEqual([]);
  });

  it("refreshes every cluster within a few periods while some have events every tick", () => {
    const h = harness(60, 4);
    const last = new Map<string, number>();
    let worstGap = 0;
    for (let t = 0; t < 80; t++) {
      h.tick({ events: h.list.filter((c) => (c.index + t) % 5 === 0) });
      for (const e of h.log.filter((x) => x.tick === h.now() && x.refresh === "periodic")) last.set(e.id, e.tick);
      if (t >= 20) for (const c of h.list) worstGap = Math.max(worstGap, h.now() - (last.get(c.id) ?? 0));
    }
    expect(worstGap).toBeLessThanOrEqual(4 * refreshPeriod(4) + 4);
  });

  it("staggers a quiet class's periodic refreshes over the ticks of a period", () => {
    const h = harness(8, 4);
    const perTick: number[] = [];
    for (let t = 0; t < 24; t++) perTick.push(h.tick().length);
    // Eight clusters, a period of four ticks: two a tick, every tick, never all eight at once.
    expect(perTick.slice(4)).toEqual(Array(20).fill(2));
  });

  it("keeps the quiet clusters' screens fresh while the others command on every tick", () => {
    const h = harness(60, 4, 40);
    const busy = h.list.slice(0, 30);
    const quiet = h.list.slice(30);
    const last = new Map<string, number>();
    let worstGap = 0;
    for (let t = 0; t < 80; t++) {
      h.tick({ commands: busy });
      for (const e of h.log.filter((x) => x.tick === h.now() && x.refresh !== "steady")) last.set(e.id, e.tick);
      if (t >= 30) for (const c of quiet) worstGap = Math.max(worstGap, h.now() - (last.get(c.id) ?? 0));
    }
    // The overdue allowance bounds how stale a screen gets when commands take the budget.
    expect(worstGap).toBeLessThanOrEqual(8 * refreshPeriod(4));
  });

  it("mirrors what changed between periodic refreshes as a steady refresh, which leaves the row alone", () => {
    const h = harness(1, 4);
    h.tick();
    h.schedule.takeRowsDue();
    const c = h.list[0]!;
    // Just refreshed: an event now is mirrored as "steady", and its row is not due.
    const stepsToSteady = [];
    for (let t = 0; t < 8; t++) {
      h.tick({ commands: [c] });
      stepsToSteady.push(h.log.at(-1)!.refresh);
    }
    expect(stepsToSteady).toContain("steady");
    expect(stepsToSteady).toContain("periodic");
    const rows = h.schedule.takeRowsDue();
    expect(rows).toEqual([c]);
    expect(h.schedule.takeRowsDue()).toEqual([]);
  });

  it("refreshes and publishes a class every min(speed, 4) ticks", () => {
    expect([1, 2, 4, 8, 16].map(refreshPeriod)).toEqual([1, 2, 4, 4, 4]);
    expect(refreshPeriod(0)).toBe(1);
    expect([0, 1, 2, 3, 4, 8].map((t) => isClassTick(t, 4))).toEqual([true, false, false, false, true, true]);
    expect([1, 2, 3].map((t) => isClassTick(t, 1))).toEqual([true, true, true]);
  });
});
