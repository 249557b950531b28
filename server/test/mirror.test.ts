// Mirroring a cluster into schema state: exact when asked, gauges held back on quiet
// refreshes (and riding along when their object changes anyway), instances added and
// removed by id, and the direct World path equal to the ClusterView one.
import { describe, expect, it } from "vitest";
import { BOTS, createWorld, step, viewOf, type ClusterView } from "@overcommit/shared";
import { mirrorCluster, mirrorWorld, type Refresh } from "../src/rooms/mirror.ts";
import { ClusterState } from "../src/rooms/schema.ts";
import { TEST_SCENARIO } from "./scenario.ts";

function withLoad(v: ClusterView, load: number): ClusterView {
  return {
    ...v,
    instances: v.instances.map((i) => ({ ...i, load })),
    services: v.services.map((s) => ({ ...s, demand: load })),
  };
}

const json = (c: ClusterState) => c.toJSON() as any;

describe("mirrorCluster", () => {
  const w = createWorld(TEST_SCENARIO, 1);
  for (let k = 0; k < 5; k++) step(w, []);
  const v = viewOf(w);

  it("copies a view exactly", () => {
    const c = new ClusterState();
    mirrorCluster(c, v);
    const j = json(c);
    expect(Object.keys(j.nodes).map(Number)).toEqual(v.nodes.map((n) => n.id));
    expect(Object.values(j.instances)).toEqual(v.instances.map((i) => ({ ...i })));
    expect(j.money).toBe(v.money);
    expect(j.services.map((s: any) => s.id)).toEqual(v.services.map((s) => s.id));
  });

  it("holds gauges back on quiet refreshes, moves them past a fifth, and drops gone instances", () => {
    const c = new ClusterState();
    mirrorCluster(c, withLoad(v, 100));
    mirrorCluster(c, withLoad(v, 150), "steady");
    expect(json(c).instances[String(v.instances[0]!.id)].load).toBe(100);
    mirrorCluster(c, withLoad(v, 115), "periodic");
    expect(json(c).instances[String(v.instances[0]!.id)].load).toBe(100);
    expect(json(c).services[0].demand).toBe(100);
    mirrorCluster(c, withLoad(v, 125), "periodic");
    expect(json(c).instances[String(v.instances[0]!.id)].load).toBe(125);
    const last = withLoad(v, 121);
    mirrorCluster(c, { ...last, instances: last.instances.slice(1) }, "exact");
    const j = json(c);
    expect(Object.keys(j.instances)).toHaveLength(v.instances.length - 1);
    expect(Object.values(j.instances).map((i: any) => i.load)).toEqual(v.instances.slice(1).map(() => 121));
  });

  it("brings a changed object exactly up to date, gauges and timers included, even on a steady refresh", () => {
    const c = new ClusterState();
    mirrorCluster(c, withLoad(v, 100));
    const first = v.instances[0]!;
    const moved = withLoad(v, 101);
    const changed = {
      ...moved,
      instances: moved.instances.map((i, k) => (k === 0 ? { ...i, state: "crashed" as const, wait: 7 } : i)),
    };
    mirrorCluster(c, changed, "steady");
    const j = json(c);
    expect(j.instances[String(first.id)]).toMatchObject({ state: "crashed", wait: 7, load: 101 });
    // The others did not change but for their load: left alone.
    if (v.instances.length > 1) expect(j.instances[String(v.instances[1]!.id)].load).toBe(100);
  });

  it("holds a countdown back on steady refreshes and copies it on periodic ones", () => {
    const c = new ClusterState();
    const at = (wait: number): ClusterView => ({ ...v, nodes: v.nodes.map((n, k) => (k === 0 ? { ...n, wait } : n)) });
    mirrorCluster(c, at(30));
    mirrorCluster(c, at(29), "steady");
    expect(json(c).nodes[String(v.nodes[0]!.id)].wait).toBe(30);
    mirrorCluster(c, at(28), "periodic");
    expect(json(c).nodes[String(v.nodes[0]!.id)].wait).toBe(28);
    mirrorCluster(c, at(0), "periodic");
    expect(json(c).nodes[String(v.nodes[0]!.id)].wait).toBe(0);
  });

  it("rewrites spikes in place", () => {
    const c = new ClusterState();
    const spike = { service: 0, at: 10, end: 20, peak: 3 };
    mirrorCluster(c, { ...v, spikes: [spike] });
    const st = c.spikes[0];
    mirrorCluster(c, {
      ...v,
      spikes: [
        { ...spike, peak: 4 },
        { ...spike, at: 30, end: 40 },
      ],
    });
    expect(c.spikes[0]).toBe(st);
    expect(json(c).spikes).toEqual([
      { ...spike, peak: 4 },
      { ...spike, at: 30, end: 40 },
    ]);
    mirrorCluster(c, { ...v, spikes: [] });
    expect(json(c).spikes).toEqual([]);
  });
});

describe("mirrorWorld", () => {
  it("mirrors a world as mirrorCluster mirrors its view, refresh for refresh", () => {
    const w = createWorld(TEST_SCENARIO, 3);
    const direct = new ClusterState();
    const viaView = new ClusterState();
    const refreshes: Refresh[] = ["exact", "steady", "steady", "periodic", "steady", "periodic", "exact"];
    for (let t = 0; t < 120; t++) {
      step(w, BOTS.autopilot.act(w));
      const r = refreshes[t % refreshes.length]!;
      mirrorWorld(direct, w, r);
      mirrorCluster(viaView, viewOf(w), r);
      expect(json(direct)).toEqual(json(viaView));
    }
    mirrorWorld(direct, w, "exact");
    const v = viewOf(w);
    const j = json(direct);
    expect(Object.values(j.instances)).toEqual(v.instances.map((i) => ({ ...i })));
    expect(Object.values(j.nodes)).toEqual(v.nodes.map((n) => ({ ...n })));
    expect(j.services).toEqual(v.services.map((s) => ({ ...s })));
    expect(j.tick).toBe(v.tick);
    expect(j.money).toBe(v.money);
    expect(j.upgrades).toEqual(v.upgrades);
  });
});
