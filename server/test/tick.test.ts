// The room tick's mirroring schedule, without sockets: a command's result is in the patch
// of the tick it was applied, the others are spread over ticks within a budget, and every
// cluster is still refreshed within a few seconds.
import { describe, expect, it } from "vitest";
import { viewOf, type Command } from "@overcommit/shared";
import { Round, type Cluster } from "../src/rooms/round.ts";
import { mirrorCluster, mirrorWorld } from "../src/rooms/mirror.ts";
import { ClassroomState, ClusterState, RowState } from "../src/rooms/schema.ts";
import { tickRoom } from "../src/rooms/tick.ts";
import { MirrorSchedule } from "../src/rooms/mirrorSchedule.ts";
import type { TickedRoom } from "../src/rooms/classroom.ts";
import { TEST_SCENARIO } from "./scenario.ts";

const buy: Command = { type: "buy-node", nodeType: "small", mode: "container-host" };

/** Just what tickRoom reads of a room. */
function fakeRoom(clusters: number, speed: number) {
  const round = new Round(TEST_SCENARIO, 5, 400);
  const state = new ClassroomState();
  state.speed = speed;
  for (let k = 0; k < clusters; k++) {
    const c = round.addCluster(`s${k}`, 0);
    const cs = new ClusterState();
    cs.id = c.id;
    state.clusters.set(c.id, cs);
    mirrorCluster(cs, viewOf(c.world));
    const row = new RowState();
    row.cluster = c.id;
    state.rows.set(c.id, row);
  }
  let patches = 0;
  const room: TickedRoom = {
    phase: "running",
    round,
    state,
    scenario: TEST_SCENARIO,
    clients: [],
    book: { seats: new Map() },
    mirrors: new MirrorSchedule<Cluster>((c, refresh) => mirrorWorld(state.clusters.get(c.id)!, c.world, refresh)),
    ctx: { metrics: { tick: () => {} }, config: {} },
    broadcastPatch: () => patches++,
    endRound: () => {},
  };
  return { room, round, state, patches: () => patches };
}

describe("tickRoom", () => {
  it("mirrors a cluster in the tick its commands were applied, whatever else waits", () => {
    const { room, round, state } = fakeRoom(60, 4);
    for (let t = 0; t < 20; t++) tickRoom(room);
    const c = [...round.clusters.values()][37]!;
    const nodesBefore = Object.keys((state.clusters.get(c.id)!.toJSON() as any).nodes).length;
    round.enqueue(c, { cmd: buy, onResult: () => {} });
    tickRoom(room);
    const j = state.clusters.get(c.id)!.toJSON() as any;
    expect(j.tick).toBe(c.world.tick);
    expect(j.money).toBe(c.world.money);
    expect(Object.keys(j.nodes).length).toBe(nodesBefore + 1);
  });

  it("spreads a whole class's commands over a few ticks, in the order they came", () => {
    const { room, round, state } = fakeRoom(60, 4);
    for (let t = 0; t < 20; t++) tickRoom(room);
    const clusters = [...round.clusters.values()];
    const nodes = (id: string) => Object.keys((state.clusters.get(id)!.toJSON() as any).nodes).length;
    const before = new Map(clusters.map((c) => [c.id, nodes(c.id)]));
    // Everyone buys three nodes in the same tick.
    for (const c of clusters) for (let k = 0; k < 3; k++) round.enqueue(c, { cmd: buy, onResult: () => {} });
    const shownAt = new Map<string, number>();
    for (let t = 0; t < 12 && shownAt.size < clusters.length; t++) {
      tickRoom(room);
      const now = clusters.filter((c) => !shownAt.has(c.id) && nodes(c.id) === before.get(c.id)! + 3);
      for (const c of now) shownAt.set(c.id, t);
      // Each tick shows a share of them, not all, and at least one.
      if (shownAt.size < clusters.length) expect(now.length).toBeGreaterThan(0);
      expect(now.length).toBeLessThan(clusters.length);
    }
    // All within a few ticks, in creation order (their commands all came in the same tick).
    expect(shownAt.size).toBe(clusters.length);
    expect(Math.max(...shownAt.values())).toBeLessThanOrEqual(6);
    const order = clusters.map((c) => shownAt.get(c.id)!);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The burst did not fit one tick: the last cluster waited.
    const last = clusters.at(-1)!;
    expect(shownAt.get(last.id)).toBeGreaterThan(0);
  });

  it("spreads the other refreshes over ticks, and refreshes every cluster within a few seconds", () => {
    const { room, round, state, patches } = fakeRoom(60, 4);
    const seen = new Map<string, number>();
    let most = 0;
    for (let t = 0; t < 80; t++) {
      tickRoom(room);
      let mirrored = 0;
      for (const c of round.clusters.values()) {
        const tick = state.clusters.get(c.id)!.tick;
        if (seen.get(c.id) !== tick) mirrored++;
        seen.set(c.id, tick);
      }
      if (t >= 4) most = Math.max(most, mirrored);
      // No cluster lags behind the round by more than a few seconds at speed 4.
      if (t >= 20)
        for (const c of round.clusters.values())
          expect(round.tick - state.clusters.get(c.id)!.tick).toBeLessThanOrEqual(16);
    }
    expect(most).toBeLessThan(30);
    expect(state.tick).toBe(round.tick);
    expect(patches()).toBe(80);
  });

  it("moves the shared clock and the leaderboard only on class ticks, rows with their clusters' refreshes", () => {
    const { room, round, state } = fakeRoom(12, 4);
    let changes = 0;
    for (let t = 0; t < 40; t++) {
      const before = state.tick;
      const rows = JSON.stringify(state.rows.toJSON());
      tickRoom(room);
      const moved = state.tick !== before || JSON.stringify(state.rows.toJSON()) !== rows;
      if (moved) changes++;
      // Between class ticks nothing everyone receives changes: only students' own clusters.
      if (round.tick % 4 !== 0) expect(moved, `tick ${round.tick}`).toBe(false);
      else expect(state.tick).toBe(round.tick);
      // A row that moves shows its cluster as it is now.
      const old = JSON.parse(rows) as Record<string, { money?: number }>;
      for (const c of round.clusters.values()) {
        const row = state.rows.get(c.id)!;
        if (row.money !== old[c.id]?.money) expect(row.money).toBe(c.world.money);
      }
    }
    expect(changes).toBe(10);
    // Every cluster's row has been filled in by its refreshes.
    for (const c of round.clusters.values()) expect(state.rows.get(c.id)!.money).toBeGreaterThan(0);
  });

  it("refreshes a small class every min(speed, 4) ticks", () => {
    const { room, round, state } = fakeRoom(4, 2);
    for (let t = 0; t < 30; t++) {
      tickRoom(room);
      for (const c of round.clusters.values())
        expect(round.tick - state.clusters.get(c.id)!.tick).toBeLessThanOrEqual(2);
    }
  });
});
