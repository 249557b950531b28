// Node failure under Kubernetes: NotReady after 40 s, pods evicted 300 s later (340 s
// after the node stopped) and recreated elsewhere by their ReplicaSet.
import { describe, expect, it } from "vitest";
import { createWorld, step, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

function cluster(): World {
  const sc = scenario({
    services: [service({ traffic: { base: 100, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
    start: { nodes: [{ type: "small", mode: "container-host" }, { type: "small", mode: "container-host" }], instances: [] },
  });
  const w = createWorld(sc, 3);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" }, { type: "set-replicas", service: "web", replicas: 4 });
  until(w, (x) => x.instances.filter((i) => i.state === "running").length === 4);
  return w;
}

describe("a node failure under Kubernetes", () => {
  it("marks the node NotReady at +40 and evicts its pods at +340, then reschedules them", () => {
    const w = cluster();
    // LeastAllocated spreads the four pods two and two.
    expect(w.nodes.map((n) => w.instances.filter((i) => i.node === n.id).length)).toEqual([2, 2]);
    const failedAt = w.tick + 1;
    const timeline: [string, number][] = [];
    const r0 = send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    const victim = r0.events.find((e) => e.type === "node-failed")!.node;
    for (let k = 0; k < 400; k++) {
      for (const e of step(w, []).events) {
        if (e.type === "node-not-ready" || (e.type === "instance-removed" && e.cause === "evicted")) timeline.push([e.type, e.tick - failedAt + 1]);
      }
    }
    expect(timeline).toEqual([
      ["node-not-ready", 40],
      ["instance-removed", 340],
      ["instance-removed", 340],
    ]);
    // The replacements run on the surviving node.
    const running = w.instances.filter((i) => i.state === "running");
    expect(running.length).toBe(4);
    expect(running.every((i) => i.node !== victim)).toBe(true);
  });

  it("keeps the lost pods counted until eviction, so no replacement appears before +340", () => {
    const w = cluster();
    send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    for (let k = 0; k < 338; k++) step(w, []);
    expect(w.instances.filter((i) => i.state === "lost").length).toBe(2);
    expect(w.instances.filter((i) => i.state === "running").length).toBe(2);
  });
});
