// The scheduler: filter, then score by LeastAllocated or MostAllocated plus image locality;
// ties go to the lowest node id; a pod that fits nowhere stays Pending with a reason.
import { describe, expect, it } from "vitest";
import { createWorld, fitScore, imageLocalityScore, pendingReason, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

function world(nodes: number, extra: Partial<Parameters<typeof scenario>[0]> = {}): World {
  const sc = scenario({
    services: [service({ cpu: 1000, mem: 1024 })],
    start: { nodes: Array.from({ length: nodes }, () => ({ type: "small" as const, mode: "container-host" as const })), instances: [] },
    ...extra,
  });
  const w = createWorld(sc, 1);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
  return w;
}

const perNode = (w: World) => w.nodes.map((n) => w.instances.filter((i) => i.node === n.id && i.state !== "gone").length);

describe("scheduler strategies", () => {
  it.each([
    { strategy: "LeastAllocated" as const, replicas: 3, expected: [1, 1, 1], what: "spreads one pod per node" },
    { strategy: "MostAllocated" as const, replicas: 3, expected: [3, 0, 0], what: "packs the first node full" },
    { strategy: "MostAllocated" as const, replicas: 4, expected: [3, 1, 0], what: "opens a second node only when the first is full" },
    { strategy: "LeastAllocated" as const, replicas: 5, expected: [2, 2, 1], what: "fills evenly, lowest id first on ties" },
  ])("$strategy with $replicas pods $what", ({ strategy, replicas, expected }) => {
    const w = world(3);
    send(w, { type: "set-scheduler", strategy }, { type: "set-replicas", service: "web", replicas });
    expect(perNode(w)).toEqual(expected);
  });

  it.each([
    // node: 3750 m / 15360 MiB allocatable; a pod of 1000 m / 1024 MiB on an empty node
    { strategy: "LeastAllocated" as const, score: Math.trunc((Math.trunc((2750 * 100) / 3750) + Math.trunc((14336 * 100) / 15360)) / 2) },
    { strategy: "MostAllocated" as const, score: Math.trunc((Math.trunc((1000 * 100) / 3750) + Math.trunc((1024 * 100) / 15360)) / 2) },
  ])("$strategy scores an empty small node at $score", ({ strategy, score }) => {
    const w = world(1);
    expect(fitScore(w.nodes[0]!, 1000, 1024, strategy)).toBe(score);
  });

  it.each([
    { has: false, mb: 500, with: 3, total: 3, score: 0 },
    { has: true, mb: 10, with: 1, total: 1, score: 0 },
    { has: true, mb: 1000, with: 3, total: 3, score: 100 },
    { has: true, mb: 600, with: 1, total: 2, score: Math.trunc((100 * (300 - 23)) / 977) },
  ])("image locality: cached=$has, $mb MB on $with/$total nodes scores $score", ({ has, mb, with: n, total, score }) => {
    expect(imageLocalityScore(has, mb, n, total)).toBe(score);
  });

  it("prefers a node that already has the image when the fit scores tie", () => {
    const w = world(2, { services: [service({ cpu: 1000, mem: 1024, imageMB: 800 })] });
    // Warm node 1's cache with a pod pinned there, then remove it.
    send(w, { type: "deploy", service: "web", runtime: "container", node: 1 });
    until(w, (x) => x.instances.some((i) => i.state === "running"));
    send(w, { type: "set-replicas", service: "web", replicas: 0 });
    until(w, (x) => x.instances.length === 0);
    expect(w.nodes[1]!.images).toEqual([0]);
    send(w, { type: "set-replicas", service: "web", replicas: 1 });
    expect(w.instances[0]!.node).toBe(1);
  });
});

describe("pending pods", () => {
  it("stay Pending with the reason counted per node", () => {
    const sc = scenario({
      services: [service({ cpu: 3000, mem: 1024 })],
      start: {
        nodes: [
          { type: "small", mode: "container-host" },
          { type: "small", mode: "container-host" },
          { type: "small", mode: "hypervisor" },
        ],
        instances: [],
      },
    });
    const w = createWorld(sc, 1);
    send(w, { type: "buy-upgrade", upgrade: "kubernetes" }, { type: "cordon", node: 1 }, { type: "set-replicas", service: "web", replicas: 2 });
    const pending = w.instances.filter((i) => i.state === "pending");
    expect(pending.length).toBe(1);
    expect(pendingReason(w, pending[0]!)).toBe("0/3 nodes are available: 1 insufficient CPU, 1 cordoned or draining, 1 not a container host.");
  });
});
