// The Horizontal Pod Autoscaler as kube-controller-manager runs an HPA without `behavior`:
// the replica calculator of pkg/controller/podautoscaler/replica_calculator.go
// (GetResourceReplicas, groupPods) and the normalisation of horizontal.go
// (normalizeDesiredReplicas, stabilizeRecommendation, convertDesiredReplicasWithRules).
import { describe, expect, it } from "vitest";
import {
  createWorld,
  proposeReplicas,
  stabilize,
  step,
  type Hpa,
  type MetricKind,
  type PodMetric,
} from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

/** Pods of 1000 m requests: a number is a ready pod using that many millicores; "unready" and "missing" as groupPods sorts them. */
const pods = (...list: (number | MetricKind)[]): PodMetric[] =>
  list.map((p) => (typeof p === "number" ? { kind: "ready", req: 1000, used: p } : { kind: p, req: 1000, used: 0 }));

describe("the replica calculator (replica_calculator.go GetResourceReplicas)", () => {
  it.each([
    {
      why: "within the 0.1 tolerance: 55 % against 50 % changes nothing",
      current: 4,
      target: 50,
      pods: pods(550, 550, 550, 550),
      replicas: 4,
      util: 55,
    },
    {
      why: "just past the tolerance: ceil(4 × 56 / 50) = 5",
      current: 4,
      target: 50,
      pods: pods(560, 560, 560, 560),
      replicas: 5,
      util: 56,
    },
    {
      why: "all ready: ceil(3 ready × 50 / 30) = 5",
      current: 3,
      target: 30,
      pods: pods(300, 500, 700),
      replicas: 5,
      util: 50,
    },
    {
      why: "scale-up with unready pods: they count as 0 %, (500 + 700) / 3000 = 40 %, ceil(3 × 40 / 30) = 4",
      current: 3,
      target: 30,
      pods: pods("unready", 500, 700),
      replicas: 4,
      util: 60,
    },
    {
      why: "two pods at 100 % and two Pending at a 50 % target: 2000 / 4000 is on target, so no scale-up",
      current: 4,
      target: 50,
      pods: pods(1000, 1000, "unready", "unready"),
      replicas: 4,
      util: 100,
    },
    {
      why: "scale-down leaves unready pods out: ceil(3 ready × 30 / 50) = 2",
      current: 5,
      target: 50,
      pods: pods(100, 300, 500, "unready", "unready"),
      replicas: 2,
      util: 30,
    },
    {
      why: "scale-down counts a pod without metrics as 100 %: 1300 / 4000 = 32 %, ceil(4 × 32 / 50) = 3",
      current: 4,
      target: 50,
      pods: pods(100, 100, 100, "missing"),
      replicas: 3,
      util: 10,
    },
    {
      why: "scale-up counts a pod without metrics as 0 %: 1800 / 3000 = 60 %, ceil(3 × 60 / 50) = 4",
      current: 3,
      target: 50,
      pods: pods(900, 900, "missing"),
      replicas: 4,
      util: 90,
    },
    {
      why: "a recount that flips the direction changes nothing: 40 % becomes 70 %",
      current: 2,
      target: 50,
      pods: pods(400, "missing"),
      replicas: 2,
      util: 40,
    },
    {
      why: "a target over 100 %: a missing pod counts as the target, 2500 / 3000 = 83 %, ceil(3 × 83 / 150) = 2",
      current: 3,
      target: 150,
      pods: pods(500, 500, "missing"),
      replicas: 2,
      util: 50,
    },
  ])("$why", ({ current, target, pods: list, replicas, util }) => {
    expect(proposeReplicas(current, target, list)).toEqual({ replicas, utilization: util });
  });

  it("has nothing to say without a ready pod's sample", () => {
    expect(proposeReplicas(3, 50, pods("unready", "missing", "unready"))).toBeNull();
  });
});

const hpa = (over: Partial<Hpa> = {}): Hpa => ({
  enabled: true,
  min: 1,
  max: 100,
  targetPct: 50,
  recs: [],
  lastUtil: -1,
  ...over,
});

describe("normalisation (horizontal.go normalizeDesiredReplicas)", () => {
  it.each([
    { why: "a step up to at most 2 × current", current: 10, proposal: 40, desired: 20 },
    { why: "…or to 4 from fewer than 2 (scaleUpLimitMinimum)", current: 1, proposal: 10, desired: 4 },
    { why: "from 2 the limit is also 4", current: 2, proposal: 10, desired: 4 },
    { why: "within the limit, the proposal", current: 4, proposal: 8, desired: 8 },
    { why: "never above max", current: 4, proposal: 6, max: 5, desired: 5 },
    { why: "never below min", current: 4, proposal: 1, min: 3, desired: 3 },
    {
      why: "a proposal of 6 within the last 300 s holds the floor",
      current: 8,
      proposal: 3,
      recs: [800, 6],
      desired: 6,
    },
    {
      why: "one exactly 300 s old still counts (only older ones are dropped)",
      current: 8,
      proposal: 3,
      recs: [700, 6],
      desired: 6,
    },
    { why: "one 301 s old does not", current: 8, proposal: 3, recs: [699, 6], desired: 3 },
    {
      why: "the window's highest proposal also lifts a steady one",
      current: 4,
      proposal: 4,
      recs: [900, 7],
      desired: 7,
    },
  ])("$why", ({ current, proposal, min, max, recs, desired }) => {
    expect(stabilize(current, proposal, hpa({ min: min ?? 1, max: max ?? 100, recs: recs ?? [] }), 1000)).toBe(desired);
  });
});

/** Container hosts, a steady demand on web (100 req/s per pod at its request) and `replicas` pods running. */
function loadedWorld(nodes: number, demand: number, replicas: number) {
  const sc = scenario({
    services: [
      service({
        cpu: 1000,
        mem: 1024,
        capacity: 100,
        traffic: { base: demand, shape: [[0, 100]], period: 2400, spikes: [], noise: 0 },
      }),
    ],
    start: {
      nodes: Array.from({ length: nodes }, () => ({ type: "small" as const, mode: "container-host" as const })),
      instances: [],
    },
  });
  const w = createWorld(sc, 1);
  send(
    w,
    { type: "buy-upgrade", upgrade: "kubernetes" },
    { type: "buy-upgrade", upgrade: "autoscaler" },
    { type: "set-replicas", service: "web", replicas },
  );
  until(w, (x) => x.instances.filter((i) => i.state === "running").length === replicas);
  return w;
}

describe("the HPA in a running world", () => {
  it("acts only every 15 s and settles on the replicas the load needs", () => {
    const w = loadedWorld(4, 600, 8);
    send(w, { type: "set-autoscaler", service: "web", enabled: true, min: 1, max: 20, targetPct: 60 });
    const ticks: number[] = [];
    for (let k = 0; k < 300; k++) for (const e of step(w, []).events) if (e.type === "hpa-scaled") ticks.push(e.tick);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => t % 15 === 0)).toBe(true);
    // 600 req/s at 60 % of 100 req/s per pod needs 10 pods.
    expect(w.services[0]!.deployment!.replicas).toBe(10);
  });

  it("does not chase pods that stay Pending: they count as idle, so replicas stop growing", () => {
    // One small node holds three 1000 m pods; the load wants 4 at the target.
    const w = loadedWorld(1, 200, 2);
    send(w, { type: "set-autoscaler", service: "web", enabled: true, min: 1, max: 20, targetPct: 50 });
    for (let k = 0; k < 600; k++) step(w, []);
    expect(w.instances.filter((i) => i.state === "pending").length).toBe(1);
    expect(w.services[0]!.deployment!.replicas).toBe(4);
  });

  it("brings replicas inside a new minimum at its next sync, not at once", () => {
    const w = loadedWorld(4, 100, 2);
    send(w, { type: "set-autoscaler", service: "web", enabled: true, min: 5, max: 20, targetPct: 50 });
    expect(w.services[0]!.deployment!.replicas).toBe(2);
    until(w, (x) => x.services[0]!.deployment!.replicas === 5, 15);
    expect(w.tick % 15).toBe(0);
  });

  it("keeps its history when edited, so a raised target cannot drop replicas within 300 s", () => {
    const w = loadedWorld(4, 400, 6);
    send(w, { type: "set-autoscaler", service: "web", enabled: true, min: 1, max: 20, targetPct: 50 });
    for (let k = 0; k < 200; k++) step(w, []);
    const settled = w.services[0]!.deployment!.replicas;
    expect(settled).toBe(8);
    send(w, { type: "set-autoscaler", service: "web", enabled: true, min: 1, max: 20, targetPct: 90 });
    for (let k = 0; k < 250; k++) step(w, []);
    expect(w.services[0]!.deployment!.replicas).toBe(settled);
    for (let k = 0; k < 100; k++) step(w, []);
    expect(w.services[0]!.deployment!.replicas).toBeLessThan(settled);
  });
});
