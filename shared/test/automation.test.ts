// VM HA, the cluster autoscaler and memory limits.
import { describe, expect, it } from "vitest";
import { alarmsPlayer, createWorld, explainEvent, step, type GameEvent, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { run, send, until } from "./helpers.ts";

describe("VM HA", () => {
  const sc = scenario({
    services: [service({ traffic: { base: 100, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
    start: {
      nodes: [
        { type: "small", mode: "hypervisor" },
        { type: "small", mode: "hypervisor" },
      ],
      instances: [
        { service: "web", runtime: "vm", node: 0 },
        { service: "web", runtime: "vm", node: 1 },
      ],
    },
  });

  it.each([
    {
      ha: true,
      survivors: 2,
      why: "restarts the failed host's VM on the other Type 1 host after 15 s (vSphere Availability guide: 15 s without heartbeats), then it boots",
    },
    { ha: false, survivors: 1, why: "without HA the failed host's VM is simply lost" },
  ])("$why", ({ ha, survivors }) => {
    const w = createWorld(sc, 3);
    if (ha) send(w, { type: "buy-upgrade", upgrade: "vm-ha" });
    const r = send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    const failed = r.events.find((e) => e.type === "node-failed")!;
    const failedAt = failed.tick;
    let restartedAt = -1;
    for (let k = 0; k < 200; k++) {
      for (const e of step(w, []).events) if (e.cause === "rescheduled-vm-ha" && restartedAt < 0) restartedAt = e.tick;
    }
    expect(w.instances.filter((i) => i.state === "running").length).toBe(survivors);
    expect(w.instances.every((i) => i.node !== failed.node)).toBe(true);
    if (ha) expect(restartedAt - failedAt).toBe(15);
  });

  // vSphere Availability guide, "VM and Application Monitoring": heartbeats missing for the
  // failure interval (60 s), then no I/O over the I/O stats interval (120 s): reset; at most
  // 3 resets in the reset window (24 h at the default sensitivity).
  it("resets a dead VM once its heartbeats and its I/O have been silent: 120 s", () => {
    const w = createWorld(sc, 3);
    send(w, { type: "buy-upgrade", upgrade: "vm-ha" });
    send(w, { type: "inject", incident: "crash", target: "web", size: 0 });
    const crashed = w.instances.find((i) => i.state === "crashed")!;
    const at = crashed.since;
    until(w, () => crashed.state === "booting", 200);
    expect(w.tick - at).toBe(120);
  });

  it("gives up after 3 resets, until the VM is powered off and on", () => {
    const w = createWorld(sc, 3);
    send(w, { type: "buy-upgrade", upgrade: "vm-ha" });
    const vm = w.instances[0]!;
    const resets: number[] = [];
    for (let k = 0; k < 4; k++) {
      until(w, () => vm.state === "running", 400);
      vm.state = "crashed";
      vm.since = w.tick;
      for (let t = 0; t < 200; t++)
        for (const e of step(w, []).events)
          if (e.cause === "restart-vm-ha" && e.instance === vm.id) resets.push(e.tick);
    }
    expect(resets.length).toBe(3);
    expect(vm.state).toBe("crashed");
    expect(send(w, { type: "restart", instance: vm.id }).results[0]).toEqual({ ok: true });
    expect(vm.restarts).toBe(0);
  });
});

// When VM HA cannot help, the feed says so (an alarm, with what to do), once per episode.
describe("VM HA unable to help", () => {
  const vmHaSaid = (events: readonly GameEvent[]) => events.filter((e) => e.type.startsWith("vm-ha-"));
  const oneHost = scenario({
    start: {
      nodes: [{ type: "small", mode: "hypervisor" }],
      instances: [{ service: "web", runtime: "vm", node: 0 }],
    },
  });
  const protectedWorld = () => {
    const w = createWorld(oneHost, 3);
    send(w, { type: "buy-upgrade", upgrade: "vm-ha" });
    until(w, (x) => x.instances[0]!.state === "running", 200);
    return w;
  };

  it("says once, at its first try, that no Type 1 host has room, and again only after a new failure", () => {
    const w = protectedWorld();
    const vm = w.instances[0]!;
    const failedAt = send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 }).events.find(
      (e) => e.type === "node-failed",
    )!.tick;
    const said = vmHaSaid(run(w, 300));
    expect(said.map((e) => [e.type, e.tick, e.instance, e.node])).toEqual([["vm-ha-no-room", failedAt + 15, vm.id, 0]]);
    expect(alarmsPlayer(said[0]!)).toBe(true);
    // 250 m + 500 m CPU and 512 + 1024 MiB: the app and its guest OS.
    expect(explainEvent(oneHost, said[0]!)).toBe(
      "VM HA cannot restart Storefront web #0 from failed node 0: no Type 1 host has 750 m CPU and 1536 MiB free. Buy a Type 1 host or free room on one; VM HA keeps trying.",
    );
    // A host bought: HA restarts the VM there, silently, once it is ready.
    send(w, { type: "buy-node", nodeType: "small", mode: "hypervisor" });
    expect(vmHaSaid(run(w, 200))).toEqual([]);
    expect(vm.node).toBe(1);
    expect(vm.state).toBe("running");
    // Its new host fails while the first is still in repair: a new episode, said once again.
    send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    expect(vmHaSaid(run(w, 300)).map((e) => [e.type, e.node])).toEqual([["vm-ha-no-room", 1]]);
  });

  it.each([
    { removeAfter: 5, why: "before its first try, says it at the removal" },
    { removeAfter: 30, why: "after its first try, says nothing more" },
  ])("with the failed host removed $why", ({ removeAfter }) => {
    const w = protectedWorld();
    send(w, { type: "inject", incident: "node-failure", target: "any", size: 0 });
    const before = vmHaSaid(run(w, removeAfter - 1));
    const removal = vmHaSaid(send(w, { type: "remove-node", node: 0 }).events);
    const after = vmHaSaid(run(w, 300));
    expect(w.instances[0]!.node).toBe(-1);
    expect(w.instances[0]!.state).toBe("lost");
    expect([...before, ...removal, ...after].map((e) => e.type)).toEqual(["vm-ha-no-room"]);
    expect(removal.length).toBe(removeAfter < 15 ? 1 : 0);
  });

  it("says once that it gave up on a VM it reset 3 times, when the fourth reset would have come", () => {
    const w = protectedWorld();
    const vm = w.instances[0]!;
    const said: GameEvent[] = [];
    for (let k = 0; k < 4; k++) {
      until(w, () => vm.state === "running", 400);
      send(w, { type: "inject", incident: "crash", target: "web", size: 0 });
      said.push(...vmHaSaid(run(w, k === 3 ? 1000 : 200)));
    }
    expect(vm.state).toBe("crashed");
    expect(said.map((e) => [e.type, e.tick - vm.since, e.instance])).toEqual([["vm-ha-gave-up", 120, vm.id]]);
    expect(alarmsPlayer(said[0]!)).toBe(true);
    expect(explainEvent(oneHost, said[0]!)).toBe(
      "VM HA gave up on Storefront web #0: VM Monitoring has reset it 3 times, its limit. It stays down until you restart it (the on-call engineer), which clears the count.",
    );
  });
});

describe("the cluster autoscaler", () => {
  it("adds a node for unschedulable pods and removes an under-used one after 10 minutes", () => {
    const sc = scenario({
      services: [service({ cpu: 1000, mem: 1024 })],
      start: { nodes: [{ type: "small", mode: "container-host" }], instances: [] },
    });
    const w = createWorld(sc, 1);
    send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
    send(w, { type: "buy-upgrade", upgrade: "cluster-autoscaler" });
    send(
      w,
      { type: "set-cluster-autoscaler", enabled: true, nodeType: "small", maxNodes: 5 },
      { type: "set-replicas", service: "web", replicas: 5 },
    );
    // 3 pods fit a small node (3750 m); 2 stay pending until the new node is ready.
    expect(w.instances.filter((i) => i.state === "pending").length).toBe(2);
    const ups: number[] = [];
    for (let k = 0; k < 200; k++) for (const e of step(w, []).events) if (e.type === "ca-scale-up") ups.push(e.tick);
    expect(ups.length).toBe(1);
    expect(w.instances.filter((i) => i.state === "running").length).toBe(5);
    // Scale back to 1: a node falls under 50 % and is removed 600 s after the scale-up at the earliest.
    send(w, { type: "set-replicas", service: "web", replicas: 1 });
    let downAt = -1;
    for (let k = 0; k < 1500 && downAt < 0; k++)
      for (const e of step(w, []).events) if (e.type === "ca-scale-down") downAt = e.tick;
    expect(downAt).toBeGreaterThanOrEqual(ups[0]! + 600);
    until(w, (x) => x.nodes.filter((n) => n.state !== "gone").length === 1, 100);
    expect(w.instances.filter((i) => i.state === "running").length).toBe(1);
  });
});

describe("memory limits", () => {
  const leaky = (limit: number) => {
    const sc = scenario({
      services: [
        service({ mem: 512, releases: [{ version: 1, crashPerMillion: 0, leakMiB: 64, note: "leaks" }] }),
        service({ id: "other", mem: 512 }),
      ],
      start: { nodes: [{ type: "small", mode: "container-host" }], instances: [] },
    });
    const w = createWorld(sc, 1);
    send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
    send(
      w,
      { type: "set-resources", service: "web", reqCpu: 500, reqMem: 512, limCpu: 0, limMem: limit },
      { type: "set-replicas", service: "web", replicas: 1 },
      { type: "set-replicas", service: "other", replicas: 2 },
    );
    return w;
  };

  /** Steps until an instance is killed; returns that event. */
  const firstKill = (w: World, limit: number): GameEvent => {
    for (let k = 0; k < limit; k++) {
      const e = step(w, []).events.find((x) => x.type === "instance-state" && x.state === "crashed");
      if (e) return e;
    }
    throw new Error("nothing was killed");
  };

  it("a limit OOM-kills the leaking pod at its limit, alone", () => {
    const w = leaky(1024);
    const killed = firstKill(w, 200);
    expect(w.tick).toBeGreaterThan(1);
    expect(killed.service).toBe(0);
    expect(killed.cause).toBe("oom");
  });

  it("without a limit the leak grows until the node runs out of memory", () => {
    const w = leaky(0);
    const killed = firstKill(w, 400);
    expect(killed.cause).toBe("oom-node");
    // It used far more than its request first: the node's whole free memory.
    expect(w.tick).toBeGreaterThan(200);
  });
});
