// What the debrief and the log say: one OOM kill reads as one OOM kill with the limit the
// player set, purchases and rollouts use the interface's words (¢, v2), packing never
// exceeds 100 %, a bailed-out round's score adds up, and incidents that happened together
// are one row of the table.
import { describe, expect, it } from "vitest";
import {
  createWorld,
  debrief,
  explainEvent,
  getScenario,
  lowerBoundNodes,
  step,
  usedNodes,
  type GameEvent,
  type Scenario,
} from "../src/index.ts";
import { run } from "./helpers.ts";

function scenario(id: string): Scenario {
  const sc = getScenario(id);
  if (!sc) throw new Error(`no scenario ${id}`);
  return sc;
}

describe("the log's sentences", () => {
  it("an OOM kill with a 768 MiB limit is told once, with 768, and its back-off as a restart", () => {
    const sc = scenario("campaign-7-kubernetes");
    const w = createWorld(sc, 1);
    const worker = sc.services.find((s) => s.id === "worker")!;
    const events: GameEvent[] = run(w, 1, [{ type: "buy-upgrade", upgrade: "kubernetes" }]);
    events.push(
      ...run(w, 1, [
        { type: "set-resources", service: "worker", reqCpu: worker.cpu, reqMem: worker.mem, limCpu: 0, limMem: 768 },
      ]),
    );
    // The running pods keep their old limits: replace them, and the new ones get 768 MiB.
    events.push(...run(w, 30, [{ type: "set-replicas", service: "worker", replicas: 0 }]));
    events.push(...run(w, 900, [{ type: "set-replicas", service: "worker", replicas: 2 }]));
    const ooms = events.filter((e) => e.type === "instance-state" && e.cause === "oom");
    const killed = ooms.filter((e) => e.state !== "backoff");
    expect(killed.length).toBeGreaterThan(0);
    const first = killed[0]!;
    const told = events
      .filter((e) => e.instance === first.instance && e.tick === first.tick)
      .map((e) => explainEvent(sc, e));
    const oomLines = told.filter((t) => /OOM/.test(t));
    expect(oomLines).toEqual([`Image worker #${first.instance} OOM-killed: over its 768 MiB memory limit.`]);
    const backoff = ooms.find((e) => e.state === "backoff" && e.instance === first.instance);
    if (backoff)
      expect(explainEvent(sc, backoff)).toMatch(/will be restarted by Kubernetes in \d+ s \(CrashLoopBackOff\)/);
  });

  it("purchases are in ¢ and releases are v1, v2, as on screen", () => {
    const sc = scenario("campaign-8-chaos");
    const w = createWorld(sc, 1);
    const told = run(w, 2, [
      { type: "buy-upgrade", upgrade: "kubernetes" },
      { type: "rollout", service: "storefront", release: 2 },
    ]).map((e) => explainEvent(sc, e));
    expect(told.some((t) => /^Bought the Kubernetes control plane for ¢\d+\.$/.test(t))).toBe(true);
    expect(told).toContain("Rolling out v2 of Storefront web.");
    expect(told.join(" ")).not.toMatch(/credits|[Rr]elease \d/);
  });

  it("new requests or limits roll out as new pod settings, never as 'v1001'", () => {
    const sc = scenario("campaign-7-kubernetes");
    const w = createWorld(sc, 1);
    const web = sc.services.find((s) => s.id === "storefront")!;
    run(w, 1, [{ type: "buy-upgrade", upgrade: "kubernetes" }]);
    const told = run(w, 600, [
      { type: "set-resources", service: "storefront", reqCpu: web.cpu, reqMem: web.mem, limCpu: 1000, limMem: 1024 },
    ])
      .filter((e) => e.type === "rollout-started" || e.type === "rollout-done")
      .map((e) => explainEvent(sc, e));
    expect(told.length).toBeGreaterThan(0);
    expect(told.join(" ")).not.toMatch(/v\d{4}/);
    expect(told.some((t) => /new pod settings/.test(t))).toBe(true);
  });

  it("an incident the player resolved says which, and that it was you", () => {
    const sc = scenario("campaign-4-isolation");
    const w = createWorld(sc, 1);
    // The scripted kernel panic (500 s) kills node 1's containers; restarted by hand, they bring it to an end.
    run(w, 625);
    const restarts = w.instances
      .filter((i) => i.state === "crashed")
      .map((i) => ({ type: "restart" as const, instance: i.id }));
    const told = run(w, 400, restarts)
      .filter((e) => e.type === "incident-resolved")
      .map((e) => explainEvent(sc, e));
    expect(told).toContain("Incident on node 1 resolved by you.");
  });
});

describe("the debrief's figures", () => {
  it("a bailed-out round: the bail-outs, the debt, and a score that is revenue − costs − penalties − the bank's fees", () => {
    const sc = scenario("campaign-1-packing");
    const w = createWorld(sc, 1);
    run(
      w,
      sc.length,
      Array.from({ length: 10 }, () => ({
        type: "buy-node" as const,
        nodeType: "small" as const,
        mode: "hypervisor" as const,
      })),
    );
    const d = debrief(w);
    expect(d.bailouts).toBeGreaterThan(1);
    expect(d.stars).toBe(0);
    expect(d.bailoutFees).toBe(d.bailouts * Math.trunc(sc.startMoney / 2));
    expect(d.debt).toBeGreaterThan(d.bailoutFees);
    expect(d.score).toBe(d.revenue - d.costs - d.penalties - d.bailoutFees);
    expect(d.score).toBe(d.money - sc.startMoney - d.debt);
  });

  it("names the costs level 4 is about: the card-data breach apart from SLA credits, on-call pages within the running costs", () => {
    const sc = scenario("campaign-4-isolation");
    const w = createWorld(sc, 1);
    // Payments as a container beside the storefront's: the scripted kernel incident (500 s) breaches it.
    // (a batch container makes room for it).
    const batch = w.instances.find((i) => sc.services[i.service]!.id === "batch")!;
    run(w, 3, [{ type: "stop", instance: batch.id }]);
    run(w, 502, [{ type: "deploy", service: "payments", runtime: "container", node: 1 }]);
    // Once the host has rebooted, one container it killed is restarted by hand.
    run(w, 125);
    const dead = w.instances.find((i) => i.state === "crashed")!;
    run(w, 1, [{ type: "restart", instance: dead.id }]);
    run(w, sc.length);
    const d = debrief(w);
    expect(d.breachFines).toBe(sc.breachFine);
    expect(d.penalties).toBeGreaterThan(d.breachFines);
    expect(d.onCallPages).toBe(1);
    expect(d.onCallCost).toBe(100);
    expect(d.costs).toBeGreaterThan(d.onCallCost);
    expect(d.score).toBe(d.revenue - d.costs - d.penalties - d.bailoutFees);
  });

  it("a VM's OOM kill is prevented by a fixed release, not by a memory limit it cannot have", () => {
    const sc = scenario("campaign-6-self-healing");
    const w = createWorld(sc, 1);
    // The ERP's first release leaks until its VMs' guest memory runs out.
    run(w, 400);
    const rows = debrief(w).incidents.filter((r) => r.kind === "oom");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.prevention).toMatch(/^A leak fills the VM's guest memory: roll out a fixed release/);
  });

  it("packing stays at or under 100 % when small and large nodes run side by side", () => {
    const base = scenario("campaign-1-packing");
    const sc: Scenario = {
      ...base,
      nodeTypes: ["small", "large"],
      start: {
        nodes: [
          { type: "large", mode: "hypervisor" },
          { type: "small", mode: "hypervisor" },
          { type: "small", mode: "hypervisor" },
        ],
        // Most VMs on the large node: counted in small nodes (the most common shape) they would need more nodes than run.
        instances: [...Array(20).fill(0), 1, 1, 2, 2].map((node: number) => ({
          service: base.services[0]!.id,
          runtime: "vm" as const,
          node,
        })),
      },
    };
    const w = createWorld(sc, 1);
    expect(lowerBoundNodes(w)).toBeLessThanOrEqual(usedNodes(w));
    run(w, 120);
    const d = debrief(w);
    expect(d.packingPct).toBeGreaterThan(0);
    expect(d.packingPct).toBeLessThanOrEqual(100);
  });

  it("incidents of the same second, kind and place are one row with a count", () => {
    const sc = scenario("campaign-4-isolation");
    const w = createWorld(sc, 1);
    // Three crashes of the same service injected in the same second.
    const inject = {
      type: "inject" as const,
      incident: "crash" as const,
      target: sc.services.find((s) => s.runtime !== "vm-only")!.id,
      size: 0,
    };
    step(w, []);
    const before = w.incidents.length;
    step(w, [inject, inject, inject]);
    const fresh = w.incidents.slice(before).filter((i) => i.kind === "crash");
    const d = debrief(w);
    if (fresh.length >= 2 && fresh.every((i) => i.node === fresh[0]!.node)) {
      const rows = d.incidents.filter((r) => r.tick === fresh[0]!.tick && r.kind === "crash");
      expect(rows).toHaveLength(1);
      expect(rows[0]!.count).toBe(fresh.length);
    }
    // However rows merge, every incident is counted once.
    expect(d.incidents.reduce((a, r) => a + r.count, 0)).toBe(w.incidents.length);
    const keys = d.incidents.map((r) => `${r.tick}|${r.kind}|${r.service}|${r.node}|${r.resolvedAt}|${r.resolvedBy}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
