// Rolling updates (maxSurge 25 %, maxUnavailable 25 %) and PodDisruptionBudgets on drain.
import { describe, expect, it } from "vitest";
import { createWorld, maxSurge, maxUnavailable, step, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

describe("rolling update limits (deployment_util.go ResolveFenceposts: surge rounds up, unavailable down)", () => {
  it.each([
    [0, 0, 0],
    [1, 1, 0],
    [2, 1, 0],
    [4, 1, 1],
    [8, 2, 2],
    [10, 3, 2],
  ])("%i replicas: maxSurge %i, maxUnavailable %i", (replicas, surge, unavailable) => {
    expect(maxSurge(replicas)).toBe(surge);
    expect(maxUnavailable(replicas)).toBe(unavailable);
  });
});

function cluster(replicas: number): World {
  const sc = scenario({
    services: [
      service({
        releases: [
          { version: 1, crashPerMillion: 0, leakMiB: 0, note: "" },
          { version: 2, crashPerMillion: 0, leakMiB: 0, note: "new" },
        ],
      }),
    ],
    start: {
      nodes: [
        { type: "medium", mode: "container-host" },
        { type: "medium", mode: "container-host" },
      ],
      instances: [],
    },
  });
  const w = createWorld(sc, 1);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" }, { type: "set-replicas", service: "web", replicas });
  until(w, (x) => x.instances.filter((i) => i.state === "running").length === replicas);
  return w;
}

describe("a rollout", () => {
  it("never has more than replicas + maxSurge pods nor fewer than replicas − maxUnavailable running", () => {
    const w = cluster(8);
    send(w, { type: "rollout", service: "web", release: 2 });
    let done = false;
    for (let k = 0; k < 400 && !done; k++) {
      const r = step(w, []);
      const active = w.instances.filter((i) => i.state !== "terminating");
      const running = w.instances.filter((i) => i.state === "running");
      expect(active.length).toBeLessThanOrEqual(8 + 2);
      expect(running.length).toBeGreaterThanOrEqual(8 - 2);
      done = r.events.some((e) => e.type === "rollout-done");
    }
    expect(done).toBe(true);
    expect(w.instances.filter((i) => i.state === "running").every((i) => i.release === 2)).toBe(true);
  });
});

describe("a rollout whose new pods never become available (rolling.go reconcileOldReplicaSets)", () => {
  it("stops with desired − maxUnavailable old pods serving and desired + maxSurge pods in all", () => {
    const w = cluster(4);
    // A new pod template asking for more CPU than any node has: its pods stay Pending.
    send(w, { type: "set-resources", service: "web", reqCpu: 20000, reqMem: 512, limCpu: 0, limMem: 0 });
    for (let k = 0; k < 300; k++) {
      step(w, []);
      const old = w.instances.filter((i) => i.reqCpu === 500 && i.state === "running").length;
      // maxUnavailable of 4 is 1: three old pods keep serving.
      expect(old).toBeGreaterThanOrEqual(3);
    }
    const active = w.instances.filter((i) => i.state !== "terminating");
    expect(active.filter((i) => i.reqCpu === 500).length).toBe(3);
    expect(active.filter((i) => i.reqCpu === 20000 && i.state === "pending").length).toBe(2);
  });
});

describe("draining a node", () => {
  it("evicts pods only as far as the PodDisruptionBudget allows, then removes the node", () => {
    const w = cluster(4);
    // Put all four on node 0 (deployed there by hand, as with spec.nodeName) so the drain has to move them.
    send(w, { type: "set-replicas", service: "web", replicas: 0 });
    until(w, (x) => x.instances.length === 0);
    const onNode0 = { type: "deploy", service: "web", runtime: "container", node: 0 } as const;
    send(w, onNode0, onNode0, onNode0, onNode0, { type: "set-pdb", service: "web", minAvailable: 3 });
    until(w, (x) => x.instances.filter((i) => i.state === "running").length === 4);
    expect(new Set(w.instances.map((i) => i.node))).toEqual(new Set([0]));
    const first = send(w, { type: "remove-node", node: 0 });
    let blocked = first.events.filter((e) => e.type === "drain-blocked").length;
    let minRunning = 4;
    for (let k = 0; k < 300 && w.nodes[0]!.state !== "gone"; k++) {
      const r = step(w, []);
      if (r.events.some((e) => e.type === "drain-blocked")) blocked++;
      minRunning = Math.min(minRunning, w.instances.filter((i) => i.state === "running").length);
    }
    expect(w.nodes[0]!.state).toBe("gone");
    expect(minRunning).toBeGreaterThanOrEqual(3);
    expect(blocked).toBeGreaterThan(0);
    expect(w.instances.filter((i) => i.state === "running" && i.node === 1).length).toBe(4);
  });

  it.each([
    { min: 3, evicted: false, why: "the budget is not healthy (2 ready of 3 wanted): it stays" },
    { min: 2, evicted: true, why: "the budget is healthy (2 ready of 2): it may go, the ready ones may not" },
  ])(
    "evicts a crash-looping pod only while its budget is healthy (eviction.go, IfHealthyBudget): min $min, $why",
    ({ min, evicted }) => {
      const w = cluster(3);
      send(w, { type: "set-replicas", service: "web", replicas: 0 });
      until(w, (x) => x.instances.length === 0);
      const onNode0 = { type: "deploy", service: "web", runtime: "container", node: 0 } as const;
      send(w, onNode0, onNode0, onNode0, { type: "set-pdb", service: "web", minAvailable: min });
      until(w, (x) => x.instances.filter((i) => i.state === "running").length === 3);
      // One pod crash-loops: Running phase, not ready.
      const looping = w.instances[0]!;
      looping.state = "backoff";
      looping.wait = 1000;
      send(w, { type: "remove-node", node: 0 });
      expect(w.instances.find((i) => i.id === looping.id)!.state === "terminating").toBe(evicted);
      expect(w.instances.filter((i) => i.state === "running").length).toBe(2);
    },
  );

  it("live-migrates VMs off a Type 1 host instead of stopping them, and they keep serving (vSphere vMotion)", () => {
    const sc = scenario({
      services: [service({ traffic: { base: 100, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
      start: {
        nodes: [
          { type: "small", mode: "hypervisor" },
          { type: "small", mode: "hypervisor" },
        ],
        instances: [
          { service: "web", runtime: "vm", node: 0 },
          { service: "web", runtime: "vm", node: 0 },
        ],
      },
    });
    const w = createWorld(sc, 1);
    send(w, { type: "remove-node", node: 0 });
    expect(w.instances.every((i) => i.state === "migrating")).toBe(true);
    // vMotion: "working processes continue throughout a migration" — every request served,
    // with room held on both hosts until the switch.
    let dropped = 0;
    for (let k = 0; k < 50 && w.nodes[0]!.state !== "gone"; k++) {
      if (w.instances[0]!.state === "migrating") expect(w.nodes[1]!.allocCpu).toBe(w.nodes[0]!.allocCpu);
      step(w, []);
      dropped += w.services[0]!.dropped;
    }
    expect(w.nodes[0]!.state).toBe("gone");
    expect(dropped).toBe(0);
    expect(w.instances.map((i) => [i.state, i.node])).toEqual([
      ["running", 1],
      ["running", 1],
    ]);
    expect(w.instances.every((i) => i.restarts === 0)).toBe(true);
  });
});
