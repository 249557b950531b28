// Node failure under Kubernetes, as the node lifecycle controller behaves: NotReady after the
// node-monitor-grace-period (50 s since v1.32; kube-controller-manager reference), pods
// evicted 300 s later (the default not-ready toleration, DefaultTolerationSeconds) and
// recreated elsewhere by their ReplicaSet. Until NotReady, nothing knows: the node looks
// Ready to the scheduler and its pods stay Service endpoints whose requests fail
// (pkg/controller/nodelifecycle/node_lifecycle_controller.go, the endpoint slice
// controller's readiness; docs: "Node status", "Taint based evictions").
import { describe, expect, it } from "vitest";
import { createWorld, step, viewOf, type HostMode, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

function cluster(): World {
  const sc = scenario({
    services: [service({ traffic: { base: 100, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
    start: {
      nodes: [
        { type: "small", mode: "container-host" },
        { type: "small", mode: "container-host" },
      ],
      instances: [],
    },
  });
  const w = createWorld(sc, 3);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" }, { type: "set-replicas", service: "web", replicas: 4 });
  until(w, (x) => x.instances.filter((i) => i.state === "running").length === 4);
  return w;
}

describe("a node failure under Kubernetes", () => {
  it("shows the node NotReady once Kubernetes notices, and only a node Kubernetes runs", () => {
    const failedFor = (w: World, ticks: number) => {
      const n = send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 }).events.find(
        (e) => e.type === "node-failed",
      )!.node;
      for (let k = 0; k < ticks; k++) step(w, []);
      return viewOf(w).nodes.find((v) => v.id === n)!;
    };
    expect(failedFor(cluster(), 48).notReady).toBe(false);
    expect(failedFor(cluster(), 49).notReady).toBe(true);
    // Without Kubernetes (VMs on a Type 1 host with VM HA, containers by hand) nothing marks it NotReady.
    for (const mode of ["hypervisor", "container-host"] as HostMode[]) {
      const w = createWorld(
        scenario({
          start: {
            nodes: [{ type: "small", mode }],
            instances: [{ service: "web", runtime: mode === "hypervisor" ? "vm" : "container", node: 0 }],
          },
        }),
        3,
      );
      if (mode === "hypervisor") send(w, { type: "buy-upgrade", upgrade: "vm-ha" });
      const v = failedFor(w, 100);
      expect(v.state, mode).toBe("failed");
      expect(v.notReady, mode).toBe(false);
    }
  });

  it("marks the node NotReady at +50 and evicts its pods at +350, then reschedules them", () => {
    const w = cluster();
    // LeastAllocated spreads the four pods two and two.
    expect(w.nodes.map((n) => w.instances.filter((i) => i.node === n.id).length)).toEqual([2, 2]);
    const failedAt = w.tick + 1;
    const timeline: [string, number][] = [];
    const r0 = send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    const victim = r0.events.find((e) => e.type === "node-failed")!.node;
    for (let k = 0; k < 400; k++) {
      for (const e of step(w, []).events) {
        if (e.type === "node-not-ready" || (e.type === "instance-removed" && e.cause === "evicted"))
          timeline.push([e.type, e.tick - failedAt + 1]);
      }
    }
    expect(timeline).toEqual([
      ["node-not-ready", 50],
      ["instance-removed", 350],
      ["instance-removed", 350],
    ]);
    // The replacements run on the surviving node.
    const running = w.instances.filter((i) => i.state === "running");
    expect(running.length).toBe(4);
    expect(running.every((i) => i.node !== victim)).toBe(true);
  });

  it("keeps the lost pods counted until eviction, so no replacement appears before +350", () => {
    const w = cluster();
    send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    for (let k = 0; k < 348; k++) step(w, []);
    expect(w.instances.filter((i) => i.state === "lost").length).toBe(2);
    expect(w.instances.filter((i) => i.state === "running").length).toBe(2);
  });
});

describe("the grace period after a node dies", () => {
  it("keeps its pods as endpoints until NotReady: their share of requests fails, then the survivors take it all", () => {
    const w = cluster();
    send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    // Four endpoints, two of them dead: half of the 100 req/s fails.
    step(w, []);
    expect(w.services[0]!.dropped).toBe(50);
    for (let k = 0; k < 40; k++) step(w, []);
    expect(w.services[0]!.dropped).toBe(50);
    // NotReady at +50: the dead pods leave the endpoints and the two survivors serve everything.
    until(w, (x) => x.nodes.some((n) => n.state === "failed" && x.tick >= n.failedAt + 50), 60);
    step(w, []);
    expect(w.services[0]!.dropped).toBe(0);
    expect(w.services[0]!.served).toBe(100);
  });

  it("lets the scheduler bind new pods to the dead node until NotReady; they wait there, lost, until evicted", () => {
    const w = cluster();
    const r = send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    const dead = r.events.find((e) => e.type === "node-failed")!.node;
    // Two more replicas during the grace period: LeastAllocated spreads them, one onto each node.
    send(w, { type: "set-replicas", service: "web", replicas: 6 });
    step(w, []);
    const bound = w.instances.filter((i) => i.node === dead && i.born > 0 && i.born === w.tick - 1);
    expect(bound.length).toBeGreaterThan(0);
    expect(bound.every((i) => i.state === "lost")).toBe(true);
    // After NotReady nothing new lands there.
    until(w, (x) => x.tick >= x.nodes[dead]!.failedAt + 50, 60);
    send(w, { type: "set-replicas", service: "web", replicas: 7 });
    step(w, []);
    const late = w.instances.filter((i) => i.born >= w.nodes[dead]!.failedAt + 50);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((i) => i.node !== dead)).toBe(true);
  });
});
