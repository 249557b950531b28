// The scheduler as kube-scheduler's default profile behaves: each score plugin against the
// cases of its upstream test file, the weighted sum deciding placements in a running world,
// and a Pending pod's reason worded as the framework's FitError.
import { describe, expect, it } from "vitest";
import {
  balancedAllocationScore,
  createWorld,
  fitScore,
  imageLocalityScore,
  lnQ16,
  newNode,
  pendingReason,
  spreadRawScore,
  spreadScore,
  spreadWeight,
  type Instance,
  type Node,
  type NodeState,
  type World,
} from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

function world(nodes: number, extra: Partial<Parameters<typeof scenario>[0]> = {}): World {
  const sc = scenario({
    services: [service({ cpu: 1000, mem: 1024 }), service({ id: "api", name: "API", cpu: 1000, mem: 1024 })],
    start: {
      nodes: Array.from({ length: nodes }, () => ({ type: "small" as const, mode: "container-host" as const })),
      instances: [],
    },
    ...extra,
  });
  const w = createWorld(sc, 1);
  send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
  return w;
}

const perNode = (w: World) =>
  w.nodes.map((n) => w.instances.filter((i) => i.node === n.id && i.state !== "gone").length);

/** A node of any allocatable size with this much already requested (for plugin tables). */
function sized(cpu: number, mem: number, allocCpu = 0, allocMem = 0): Node {
  return { ...newNode(0, "small", "container-host", 0, 0), cpu, mem, allocCpu, allocMem };
}

describe("NodeResourcesFit (noderesources/least_allocated.go, most_allocated.go)", () => {
  it.each([
    // node: 3750 m / 15360 MiB allocatable; a pod of 1000 m / 1024 MiB on an empty node
    {
      strategy: "LeastAllocated" as const,
      score: Math.trunc((Math.trunc((2750 * 100) / 3750) + Math.trunc((14336 * 100) / 15360)) / 2),
    },
    {
      strategy: "MostAllocated" as const,
      score: Math.trunc((Math.trunc((1000 * 100) / 3750) + Math.trunc((1024 * 100) / 15360)) / 2),
    },
  ])("$strategy scores an empty small node at $score", ({ strategy, score }) => {
    const w = world(1);
    expect(fitScore(w.nodes[0]!, 1000, 1024, strategy)).toBe(score);
  });
});

describe("NodeResourcesBalancedAllocation (noderesources/balanced_allocation.go; cases of balanced_allocation_test.go)", () => {
  it.each([
    { what: "nothing requested", node: [4000, 10000, 0, 0], pod: [0, 0], score: 100 },
    { what: "75 % CPU against 50 % memory: std 0.125", node: [4000, 10000, 0, 0], pod: [3000, 5000], score: 87 },
    { what: "50 % of each: perfectly balanced", node: [6000, 10000, 0, 0], pod: [3000, 5000], score: 100 },
    {
      what: "pods already there: 60 % CPU against 25 % memory",
      node: [10000, 20000, 3000, 0],
      pod: [3000, 5000],
      score: 82,
    },
    { what: "pods already there: 60 % against 50 %", node: [10000, 20000, 3000, 5000], pod: [3000, 5000], score: 95 },
    {
      what: "differently sized machine: 60 % against 20 %",
      node: [10000, 50000, 3000, 5000],
      pod: [3000, 5000],
      score: 80,
    },
    { what: "fractions are capped at 1", node: [4000, 10000, 3000, 0], pod: [3000, 5000], score: 75 },
  ])("$what → $score", ({ node, pod, score }) => {
    expect(balancedAllocationScore(sized(node[0]!, node[1]!, node[2]!, node[3]!), pod[0]!, pod[1]!)).toBe(score);
  });
});

describe("PodTopologySpread scoring (podtopologyspread/scoring.go; cases of scoring_test.go)", () => {
  it.each([
    { what: "maxSkew 1, pods spread 2/1/0/3", maxSkew: 1, counts: [2, 1, 0, 3], scores: [20, 60, 100, 0] },
    { what: "maxSkew 2, pods spread 2/1/0/3", maxSkew: 2, counts: [2, 1, 0, 3], scores: [33, 66, 100, 16] },
    { what: "maxSkew 3, pods spread 4/3/2/1", maxSkew: 3, counts: [4, 3, 2, 1], scores: [44, 66, 77, 100] },
    {
      what: "system default (hostname, maxSkew 3), nodes without zones, 4/3/2/1",
      maxSkew: undefined,
      counts: [4, 3, 2, 1],
      scores: [44, 66, 77, 100],
    },
    { what: "3 of 4 nodes are candidates, 4/2/1", maxSkew: 1, counts: [4, 2, 1], scores: [33, 83, 100] },
    { what: "no matching pods yet", maxSkew: 1, counts: [0, 0], scores: [100, 100] },
    { what: "the same number everywhere", maxSkew: 1, counts: [1, 1], scores: [100, 100] },
    { what: "other namespaces and terminating pods not counted: 1/2", maxSkew: 1, counts: [1, 2], scores: [100, 33] },
    { what: "maxSkew 2 over three nodes, 2/2/1", maxSkew: 2, counts: [2, 2, 1], scores: [75, 75, 100] },
  ])("$what → $scores", ({ maxSkew, counts, scores }) => {
    const weight = spreadWeight(counts.length);
    const raw = counts.map((c) => spreadRawScore(c, weight, maxSkew));
    const min = Math.min(...raw);
    const max = Math.max(...raw);
    expect(raw.map((r) => spreadScore(r, min, max))).toEqual(scores);
  });

  it("weighs counts by ln(candidates + 2) computed from integers, within 1/65536 of Math.log", () => {
    for (let n = 1; n <= 2002; n++) {
      const exact = Math.log(n) * 65536;
      expect(Math.abs(lnQ16(n) - exact), `ln ${n}`).toBeLessThanOrEqual(0.51);
    }
  });
});

describe("ImageLocality (imagelocality/image_locality.go)", () => {
  it.each([
    { has: false, mb: 500, with: 3, total: 3, score: 0 },
    { has: true, mb: 10, with: 1, total: 1, score: 0 },
    { has: true, mb: 1000, with: 3, total: 3, score: 100 },
    { has: true, mb: 600, with: 1, total: 2, score: Math.trunc((100 * (300 - 23)) / 977) },
  ])(
    "image locality: cached=$has, $mb MB on $with/$total nodes scores $score",
    ({ has, mb, with: n, total, score }) => {
      expect(imageLocalityScore(has, mb, n, total)).toBe(score);
    },
  );
});

describe("the default profile's weighted sum, placing pods in a running world", () => {
  // Fit × 1 + PodTopologySpread × 2 + BalancedAllocation × 1 + ImageLocality × 1
  // (pkg/scheduler/apis/config/v1/default_plugins.go). Small nodes hold three 1000 m pods.
  it.each([
    { strategy: "LeastAllocated" as const, web: 3, api: 0, expected: [1, 1, 1], what: "spreads one pod per node" },
    {
      strategy: "MostAllocated" as const,
      web: 3,
      api: 0,
      expected: [1, 1, 1],
      what: "still spreads one Deployment: spreading (× 2) outweighs bin-packing",
    },
    {
      strategy: "MostAllocated" as const,
      web: 5,
      api: 0,
      expected: [2, 2, 1],
      what: "keeps the Deployment even as nodes fill",
    },
    {
      strategy: "LeastAllocated" as const,
      web: 5,
      api: 0,
      expected: [2, 2, 1],
      what: "fills evenly, lowest id first on ties",
    },
    {
      strategy: "MostAllocated" as const,
      web: 1,
      api: 1,
      expected: [2, 0, 0],
      what: "packs two Deployments onto one node",
    },
    {
      strategy: "LeastAllocated" as const,
      web: 1,
      api: 1,
      expected: [1, 1, 0],
      what: "puts two Deployments on separate nodes",
    },
  ])("$strategy, web × $web and api × $api: $what", ({ strategy, web, api, expected }) => {
    const w = world(3);
    send(
      w,
      { type: "set-scheduler", strategy },
      { type: "set-replicas", service: "web", replicas: web },
      { type: "set-replicas", service: "api", replicas: api },
    );
    expect(perNode(w)).toEqual(expected);
  });

  it("prefers a node that already has the image when everything else ties", () => {
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

/** A world with these container hosts (state and what is already requested on each) plus a pending pod of 1000 m / 1024 MiB. */
function pendingWorld(
  nodes: {
    state: NodeState;
    allocCpu?: number;
    allocMem?: number;
    pods?: number;
    pressure?: boolean;
    mode?: "container-host" | "hypervisor";
    failedAt?: number;
  }[],
  bestEffort = false,
  tick = 100,
): { w: World; pod: Instance } {
  const sc = scenario({
    services: [service({ cpu: 1000, mem: 1024 })],
    start: {
      nodes: nodes.map((n) => ({ type: "small" as const, mode: n.mode ?? ("container-host" as const) })),
      instances: [],
    },
  });
  const w = createWorld(sc, 1);
  w.tick = tick;
  nodes.forEach((n, k) => {
    const node = w.nodes[k]!;
    node.state = n.state;
    node.allocCpu = n.allocCpu ?? 0;
    node.allocMem = n.allocMem ?? 0;
    node.pods = n.pods ?? 0;
    node.pressureUntil = n.pressure ? tick + 60 : -1;
    node.failedAt = n.failedAt ?? -1;
  });
  // The reason reads only what the pod requests.
  const req = bestEffort ? 0 : 1000;
  const pod = {
    service: 0,
    runtime: "container",
    managed: true,
    reqCpu: req,
    reqMem: bestEffort ? 0 : 1024,
    limCpu: 0,
    limMem: 0,
    node: -1,
    state: "pending",
  } as Instance;
  return { w, pod };
}

describe("a Pending pod's reason, as the scheduler's FitError (pkg/scheduler/framework/types.go)", () => {
  it.each([
    {
      what: "every reason with its node count; VM hosts are not Kubernetes nodes",
      nodes: [
        { state: "ready" as const, allocCpu: 3000 },
        { state: "cordoned" as const },
        { state: "ready" as const, mode: "hypervisor" as const },
      ],
      says: "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.",
    },
    {
      what: "a node short of both resources counts under both",
      nodes: [{ state: "ready" as const, allocCpu: 3000, allocMem: 15000 }],
      says: "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.",
    },
    {
      what: "reasons sorted as strings (Go's sort.Strings), so the count leads",
      nodes: [
        { state: "ready" as const, allocCpu: 3000 },
        { state: "ready" as const, allocCpu: 3000 },
        { state: "ready" as const, allocMem: 15000 },
      ],
      says: "0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.",
    },
    {
      what: "a draining node is cordoned first",
      nodes: [{ state: "draining" as const }, { state: "ready" as const, allocCpu: 3000 }],
      says: "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.",
    },
    {
      what: "a dead node, once NotReady, carries the unreachable taint",
      nodes: [
        { state: "failed" as const, failedAt: 10 },
        { state: "ready" as const, allocCpu: 3000 },
      ],
      says: "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s).",
    },
    {
      what: "a node still being provisioned has not joined",
      nodes: [{ state: "provisioning" as const }, { state: "ready" as const, allocCpu: 3000 }],
      says: "0/1 nodes are available: 1 Insufficient cpu.",
    },
    {
      what: "a kubelet already running 110 pods (its maxPods) is full",
      nodes: [
        { state: "ready" as const, pods: 110 },
        { state: "ready" as const, allocCpu: 3000 },
      ],
      says: "0/2 nodes are available: 1 Insufficient cpu, 1 Too many pods.",
    },
    {
      what: "no Kubernetes node at all",
      nodes: [{ state: "ready" as const, mode: "hypervisor" as const }],
      says: "no nodes available to schedule pods",
    },
    {
      what: "a node under MemoryPressure turns away a BestEffort pod (its taint)",
      nodes: [
        { state: "ready" as const, pressure: true },
        { state: "ready" as const, pods: 110 },
      ],
      bestEffort: true,
      says: "0/2 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint(s).",
    },
    {
      what: "…but not a Burstable one, which tolerates it (Taint Nodes by Condition)",
      nodes: [
        { state: "ready" as const, pressure: true, allocCpu: 3000 },
        { state: "ready" as const, allocCpu: 3000 },
      ],
      bestEffort: false,
      says: "0/2 nodes are available: 2 Insufficient cpu.",
    },
  ])("$what", ({ nodes, says, bestEffort }) => {
    const { w, pod } = pendingWorld(nodes, bestEffort ?? false);
    expect(pendingReason(w, pod)).toBe(says);
  });

  it("a node takes at most 110 pods however small they are (NodeResourcesFit, kubelet maxPods)", () => {
    const sc = scenario({
      services: [service({ cpu: 100, mem: 128 })],
      start: { nodes: [{ type: "large", mode: "container-host" }], instances: [] },
    });
    const w = createWorld(sc, 1);
    send(w, { type: "buy-upgrade", upgrade: "kubernetes" }, { type: "set-replicas", service: "web", replicas: 120 });
    const pending = w.instances.filter((i) => i.state === "pending");
    expect(w.nodes[0]!.pods).toBe(110);
    expect(pending.length).toBe(10);
    expect(pendingReason(w, pending[0]!)).toBe("0/1 nodes are available: 1 Too many pods.");
    const r = send(w, { type: "deploy", service: "web", runtime: "container", node: 0 });
    expect(r.results[0]).toMatchObject({ ok: false, code: "too-many" });
  });

  it("is what a pod that fits nowhere shows in a running world", () => {
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
    send(
      w,
      { type: "buy-upgrade", upgrade: "kubernetes" },
      { type: "cordon", node: 1 },
      { type: "set-replicas", service: "web", replicas: 2 },
    );
    const pending = w.instances.filter((i) => i.state === "pending");
    expect(pending.length).toBe(1);
    expect(pendingReason(w, pending[0]!)).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.",
    );
  });
});
