// Mirroring a ClusterView into schema state: exact when asked, gauges held back on quiet
// refreshes, instances added and removed by id.
import { describe, expect, it } from "vitest";
import { createWorld, step, viewOf, type ClusterView } from "@overcommit/shared";
import { mirrorCluster } from "../src/rooms/mirror.ts";
import { ClusterState } from "../src/rooms/schema.ts";
import { TEST_SCENARIO } from "./scenario.ts";

function withLoad(v: ClusterView, load: number): ClusterView {
  return { ...v, instances: v.instances.map((i) => ({ ...i, load })), services: v.services.map((s) => ({ ...s, demand: load })) };
}

describe("mirrorCluster", () => {
  const w = createWorld(TEST_SCENARIO, 1);
  for (let k = 0; k < 5; k++) step(w, []);
  const v = viewOf(w);

  it("copies a view exactly", () => {
    const c = new ClusterState();
    mirrorCluster(c, v);
    const j = c.toJSON() as any;
    expect(Object.keys(j.nodes).map(Number)).toEqual(v.nodes.map((n) => n.id));
    expect(Object.values(j.instances)).toEqual(v.instances.map((i) => ({ ...i })));
    expect(j.money).toBe(v.money);
    expect(j.services.map((s: any) => s.id)).toEqual(v.services.map((s) => s.id));
  });

  it("holds gauges back on quiet refreshes, moves them past a tenth, and drops gone instances", () => {
    const c = new ClusterState();
    mirrorCluster(c, withLoad(v, 100));
    mirrorCluster(c, withLoad(v, 150), "steady");
    expect((c.toJSON() as any).instances[String(v.instances[0]!.id)].load).toBe(100);
    mirrorCluster(c, withLoad(v, 105), "periodic");
    expect((c.toJSON() as any).instances[String(v.instances[0]!.id)].load).toBe(100);
    expect((c.toJSON() as any).services[0].demand).toBe(100);
    mirrorCluster(c, withLoad(v, 120), "periodic");
    expect((c.toJSON() as any).instances[String(v.instances[0]!.id)].load).toBe(120);
    const last = withLoad(v, 121);
    mirrorCluster(c, { ...last, instances: last.instances.slice(1) }, "exact");
    const j = c.toJSON() as any;
    expect(Object.keys(j.instances)).toHaveLength(v.instances.length - 1);
    expect(Object.values(j.instances).map((i: any) => i.load)).toEqual(v.instances.slice(1).map(() => 121));
  });
});
