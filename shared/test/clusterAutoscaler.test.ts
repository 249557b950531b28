// The cluster autoscaler as kubernetes/autoscaler runs it with default flags: scale-up by the
// binpacking estimator (cluster-autoscaler/estimator/binpacking_estimator.go, with
// decreasing_pod_orderer.go; cases of binpacking_estimator_test.go), and scale-down as
// cluster-autoscaler/FAQ.md "How does scale-down work?" describes it.
import { describe, expect, it } from "vitest";
import { createWorld, estimateNodes, step, type PodShape, type World } from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

const group = (cpu: number, mem: number, n: number): PodShape[] => Array.from({ length: n }, () => ({ cpu, mem }));

describe("the binpacking estimator", () => {
  it.each([
    {
      why: "simple resource-based binpacking: memory holds two pods a node",
      node: { cpu: 1000, mem: 2000 },
      groups: [group(350, 1000, 10)],
      nodes: 5,
    },
    {
      why: "pods-per-node bound binpacking: 10 pods a node",
      node: { cpu: 10000, mem: 20000, pods: 10 },
      groups: [group(10, 100, 20)],
      nodes: 2,
    },
    {
      why: "a kubelet takes 110 pods: 250 tiny pods need 3 large nodes",
      node: { cpu: 63750, mem: 261120 },
      groups: [group(100, 128, 250)],
      nodes: 3,
    },
    {
      why: "three pending 2000 m pods need three 3750 m nodes (not 6000 ÷ 3750 = 2)",
      node: { cpu: 3750, mem: 15360 },
      groups: [group(2000, 1024, 3)],
      nodes: 3,
    },
    {
      why: "the biggest pods first, the small ones into what is left",
      node: { cpu: 1000, mem: 5000 },
      groups: [group(50, 1000, 10), group(500, 1000, 10)],
      nodes: 7,
    },
    {
      why: "first fit across the new nodes: 600 m pods leave room for 400 m ones",
      node: { cpu: 1000, mem: 10000 },
      groups: [group(600, 100, 3), group(400, 100, 3)],
      nodes: 3,
    },
    {
      why: "a pod bigger than an empty node gets none",
      node: { cpu: 1000, mem: 1000 },
      groups: [group(2000, 100, 4)],
      nodes: 0,
    },
    { why: "nothing pending, nothing needed", node: { cpu: 1000, mem: 1000 }, groups: [], nodes: 0 },
  ])("$why", ({ node, groups, nodes }) => {
    expect(estimateNodes(groups, node)).toBe(nodes);
  });
});

/** A cluster autoscaler on small nodes over a cluster of `nodes` small container hosts. */
function caWorld(nodes: number, svc = service({ cpu: 2000, mem: 1024 }), maxNodes = 20): World {
  const sc = scenario({
    services: [svc],
    start: {
      nodes: Array.from({ length: nodes }, () => ({ type: "small" as const, mode: "container-host" as const })),
      instances: [],
    },
  });
  const w = createWorld(sc, 1);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" }, { type: "buy-upgrade", upgrade: "cluster-autoscaler" });
  send(w, { type: "set-cluster-autoscaler", enabled: true, nodeType: "small", maxNodes });
  return w;
}

const scaleUps = (w: World, ticks: number): number[] => {
  const out: number[] = [];
  for (let k = 0; k < ticks; k++) for (const e of step(w, []).events) if (e.type === "ca-scale-up") out.push(e.tick);
  return out;
};

describe("scale-up in a running world", () => {
  it("buys one node per pod that fits only alone, at the next scan", () => {
    const w = caWorld(1);
    // One 2000 m pod fits the small node (3750 m); three more stay Pending.
    send(w, { type: "set-replicas", service: "web", replicas: 4 });
    expect(w.instances.filter((i) => i.state === "pending").length).toBe(3);
    const ups = scaleUps(w, 20);
    expect(ups.length).toBe(3);
    expect(ups.every((t) => t % 10 === 0)).toBe(true);
  });

  it("counts the nodes already on their way before buying more", () => {
    const w = caWorld(1);
    send(w, { type: "set-replicas", service: "web", replicas: 2 });
    expect(scaleUps(w, 20).length).toBe(1);
    // Another pod while that node provisions: a small node holds one 2000 m pod, so the
    // node on its way takes the first pending pod and the new one needs a node of its own.
    send(w, { type: "set-replicas", service: "web", replicas: 3 });
    expect(scaleUps(w, 20).length).toBe(1);
    expect(scaleUps(w, 60).length).toBe(0);
  });

  it("lets pods that fit on a node being provisioned wait for it", () => {
    const w = caWorld(1, service({ cpu: 1000, mem: 1024 }));
    send(w, { type: "set-replicas", service: "web", replicas: 4 });
    // 3 fit the first node; one waits; the node bought for it holds 3.
    expect(scaleUps(w, 20).length).toBe(1);
    send(w, { type: "set-replicas", service: "web", replicas: 6 });
    expect(scaleUps(w, 60).length).toBe(0);
    until(w, (x) => x.instances.filter((i) => i.state === "running").length === 6, 200);
  });

  it("buys nothing for a pod no node of its type could hold, and never past the maximum", () => {
    const big = caWorld(1, service({ cpu: 5000, mem: 1024 }));
    send(big, { type: "set-replicas", service: "web", replicas: 1 });
    expect(scaleUps(big, 100).length).toBe(0);
    const capped = caWorld(1, service({ cpu: 2000, mem: 1024 }), 3);
    send(capped, { type: "set-replicas", service: "web", replicas: 6 });
    expect(scaleUps(capped, 100).length).toBe(2);
  });
});

describe("scale-down in a running world", () => {
  /** Four small hosts with a 1000 m pod pinned on each of the first `busy`; nothing added recently. */
  function quiet(busy: number, pdbMin = -1): World {
    const w = caWorld(4, service({ cpu: 1000, mem: 1024 }));
    for (let n = 0; n < busy; n++) send(w, { type: "deploy", service: "web", runtime: "container", node: n });
    if (pdbMin >= 0) send(w, { type: "set-pdb", service: "web", minAvailable: pdbMin });
    until(w, (x) => x.instances.filter((i) => i.state === "running").length === busy);
    return w;
  }
  const downs = (w: World, ticks: number): number[][] => {
    const out: number[][] = [];
    for (let k = 0; k < ticks; k++) {
      const ev = step(w, []).events.filter((e) => e.type === "ca-scale-down");
      if (ev.length) out.push(ev.map((e) => e.node));
    }
    return out;
  };

  it("removes empty nodes together after 10 minutes unneeded", () => {
    const w = quiet(1);
    const d = downs(w, 700);
    expect(d[0]).toEqual([1, 2, 3]);
  });

  it("drains nodes with pods one at a time", () => {
    const w = quiet(3);
    const d = downs(w, 1700);
    // Each runs at 27 %. The empty node goes at once; of the others, the simulation moves
    // node 0's pod to node 1, then both of node 1's to node 2, which must stay: node 0 is
    // drained first, alone. Its pod lands beside node 1's (53 %, needed now); node 2's pod
    // could then join them, so node 2 goes after its own 10 minutes unneeded.
    expect(d).toEqual([[3, 0], [2]]);
    expect(w.nodes.filter((n) => n.state !== "gone").length).toBe(1);
    expect(w.instances.filter((i) => i.state === "running").length).toBe(3);
  });

  it("keeps a node whose pods' PodDisruptionBudget allows no eviction", () => {
    const w = quiet(2, 2);
    const d = downs(w, 1000);
    expect(d.flat()).toEqual([2, 3]);
    expect(w.nodes[0]!.state).toBe("ready");
    expect(w.nodes[1]!.state).toBe("ready");
  });
});
