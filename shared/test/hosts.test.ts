// What a host does to what runs on it: a hosted (Type 2) hypervisor's VMs slow each other down,
// a kernel panic reboots a container host, and card data sharing a compromised kernel with
// another tenant's code is a breach.
import { describe, expect, it } from "vitest";
import { canPlace, createWorld, nodeView, step, vmThroughputPct } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send } from "./helpers.ts";

describe("VM throughput by host mode and by how many VMs share the host", () => {
  it.each([
    { mode: "hypervisor" as const, vms: 1, pct: 100 },
    { mode: "hypervisor" as const, vms: 20, pct: 100 },
    { mode: "hosted" as const, vms: 1, pct: 95 },
    { mode: "hosted" as const, vms: 4, pct: 83 },
    { mode: "hosted" as const, vms: 10, pct: 59 },
    { mode: "hosted" as const, vms: 40, pct: 30 },
  ])("$mode with $vms VM(s): $pct %", ({ mode, vms, pct }) => {
    expect(vmThroughputPct(mode, vms)).toBe(pct);
  });

  it("a fourth VM on a hosted box lowers what each of the others serves", () => {
    const sc = (n: number) =>
      scenario({
        services: [service({ traffic: { base: 1000, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 } })],
        start: {
          nodes: [{ type: "small", mode: "hosted" }],
          instances: Array.from({ length: n }, () => ({ service: "web", runtime: "vm" as const, node: 0 })),
        },
      });
    const served = (n: number) => {
      const w = createWorld(sc(n), 1);
      step(w, []);
      // The player sees how many VMs share the box, to work out what each one loses.
      expect(nodeView(w, w.nodes[0]!).vms).toBe(n);
      return w.instances[0]!.served;
    };
    expect(served(1)).toBe(95);
    expect(served(4)).toBe(83);
  });
});

describe("a kernel panic", () => {
  const sc = scenario({
    services: [service(), service({ id: "pay", name: "Payments", sensitive: true })],
    breachFine: 5000,
    start: {
      nodes: [{ type: "small", mode: "container-host" }],
      instances: [
        { service: "web", runtime: "container", node: 0 },
        { service: "pay", runtime: "container", node: 0 },
      ],
    },
  });

  it("kills every container on the host, which reboots for 120 s before anything restarts there", () => {
    const w = createWorld(sc, 1);
    const r = send(w, { type: "inject", incident: "kernel-incident", target: "any", size: 0 });
    expect(r.events.some((e) => e.type === "node-rebooting" && e.a === 120)).toBe(true);
    expect(w.instances.every((i) => i.state === "crashed")).toBe(true);
    const refused = send(w, { type: "restart", instance: w.instances[0]!.id });
    expect(refused.results[0]).toMatchObject({ ok: false, code: "node-not-ready" });
    // Shown as a reboot, not a hardware failure waiting for its 15-minute repair.
    expect(nodeView(w, w.nodes[0]!)).toMatchObject({ state: "failed", rebooting: true });
    expect(canPlace(w, "web", "container", 0)?.message).toMatch(
      /^Node 0 is rebooting after a kernel panic \(\d+ s\)\.$/,
    );
    for (let k = 0; k < 119; k++) step(w, []);
    expect(w.nodes[0]!.state).toBe("ready");
    expect(nodeView(w, w.nodes[0]!).rebooting).toBe(false);
    expect(send(w, { type: "restart", instance: w.instances[0]!.id }).results[0]).toEqual({ ok: true });
  });

  it("breaches sensitive data that shared the compromised kernel with another tenant, and costs the fine", () => {
    const w = createWorld(sc, 1);
    const before = w.money;
    const r = send(w, { type: "inject", incident: "kernel-incident", target: "any", size: 0 });
    expect(r.events.some((e) => e.type === "data-breach" && e.a === 5000)).toBe(true);
    expect(before - w.money).toBeGreaterThanOrEqual(5000);
    expect(w.incidents.some((i) => i.kind === "breach")).toBe(true);
  });

  it("breaches nothing where the sensitive service has the host to itself", () => {
    const alone = scenario({
      ...sc,
      start: {
        nodes: [{ type: "small", mode: "container-host" }],
        instances: [
          { service: "pay", runtime: "container", node: 0 },
          { service: "pay", runtime: "container", node: 0 },
        ],
      },
    });
    const w = createWorld(alone, 1);
    const r = send(w, { type: "inject", incident: "kernel-incident", target: "any", size: 0 });
    expect(r.events.some((e) => e.type === "node-rebooting")).toBe(true);
    expect(r.events.some((e) => e.type === "data-breach")).toBe(false);
  });

  it("aimed at a service, strikes a host running that service's containers", () => {
    const two = scenario({
      services: [service(), service({ id: "pay", name: "Payments" })],
      start: {
        nodes: [
          { type: "small", mode: "container-host" },
          { type: "small", mode: "container-host" },
        ],
        instances: [
          { service: "web", runtime: "container", node: 0 },
          { service: "pay", runtime: "container", node: 1 },
        ],
      },
    });
    for (let seed = 1; seed <= 10; seed++) {
      const w = createWorld(two, seed);
      step(w, []);
      const r = send(w, { type: "inject", incident: "kernel-incident", target: "pay", size: 0 });
      expect(r.events.find((e) => e.type === "node-rebooting")!.node).toBe(1);
    }
  });

  it("aimed at card data, strikes the host where it shares a kernel with other tenants, not the one where it runs alone", () => {
    const split = scenario({
      services: [service(), service({ id: "pay", name: "Payments", sensitive: true })],
      breachFine: 5000,
      start: {
        nodes: [
          { type: "small", mode: "container-host" },
          { type: "small", mode: "container-host" },
        ],
        instances: [
          { service: "pay", runtime: "container", node: 0 },
          { service: "web", runtime: "container", node: 1 },
          { service: "pay", runtime: "container", node: 1 },
        ],
      },
    });
    for (let seed = 1; seed <= 10; seed++) {
      const w = createWorld(split, seed);
      step(w, []);
      const r = send(w, { type: "inject", incident: "kernel-incident", target: "pay", size: 0 });
      expect(r.events.find((e) => e.type === "node-rebooting")!.node).toBe(1);
      expect(r.events.some((e) => e.type === "data-breach")).toBe(true);
    }
  });
});

describe("a node failure aimed at a service", () => {
  const sc = scenario({
    services: [service({ id: "erp", runtime: "vm-only" }), service({ id: "web", runtime: "vm-only" })],
    start: {
      nodes: [
        { type: "medium", mode: "hypervisor" },
        { type: "medium", mode: "hypervisor" },
        { type: "medium", mode: "hypervisor" },
      ],
      instances: [
        { service: "web", runtime: "vm", node: 0 },
        { service: "web", runtime: "vm", node: 0 },
        { service: "web", runtime: "vm", node: 0 },
        { service: "erp", runtime: "vm", node: 1 },
        { service: "erp", runtime: "vm", node: 2 },
        { service: "erp", runtime: "vm", node: 2 },
      ],
    },
  });

  it.each([1, 2, 3, 4, 5, 6])(
    "strikes the host carrying the most of its running instances, on every seed (%i)",
    (seed) => {
      const w = createWorld(sc, seed);
      const r = send(w, { type: "inject", incident: "node-failure", target: "erp", size: 0 });
      expect(r.events.find((e) => e.type === "node-failed")?.node).toBe(2);
    },
  );

  it("with no instance of the service running, any busy host may fail", () => {
    const nodes = new Set<number>();
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const w = createWorld(sc, seed);
      for (const i of w.instances) if (i.service === 0) i.state = "crashed";
      const r = send(w, { type: "inject", incident: "node-failure", target: "erp", size: 0 });
      nodes.add(r.events.find((e) => e.type === "node-failed")!.node);
    }
    expect(nodes.size).toBeGreaterThan(1);
  });
});
