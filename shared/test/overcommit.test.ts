// Overcommit: how a node shares its CPU and memory among containers, as Linux and the
// kubelet do. Requests are guaranteed, limits cap, idle CPU goes by weight to whoever wants
// it; memory use is not the request, and a node that runs short takes it back by QoS class.
// Upstream sources, cited per case: pkg/kubelet/cm/helpers_linux.go (MilliCPUToShares,
// MilliCPUToQuota), pkg/apis/core/helper/qos/qos.go (GetPodQOS), pkg/kubelet/qos/policy.go
// and the "Node out of memory behavior" docs (oom_score_adj), pkg/kubelet/eviction/helpers.go
// (rankMemoryPressure), kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/
// (memory.available<100Mi, 10 s housekeeping, one pod per pass).
import { describe, expect, it } from "vitest";
import {
  cpuShares,
  createWorld,
  evictionVictim,
  instanceView,
  nodeView,
  oomScoreAdj,
  oomVictim,
  qosOf,
  shareCpu,
  podMetric,
  step,
  type Instance,
  type World,
} from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";
import { send, until } from "./helpers.ts";

const quiet = { shape: [[0, 100]] as [number, number][], period: 2400, spikes: [], noise: 0 };

describe("CPU shares (helpers_linux.go MilliCPUToShares)", () => {
  it.each([
    [0, 2],
    [1, 2],
    [250, 256],
    [500, 512],
    [1000, 1024],
    [4000, 4096],
  ])("a request of %i m weighs %i shares", (req, shares) => {
    expect(cpuShares(req)).toBe(shares);
  });
});

describe("sharing a node's CPU: requests first, then idle CPU by weight up to each want", () => {
  it.each([
    {
      why: "nobody contends: everyone gets what it wants",
      cap: 4000,
      want: [600, 900],
      req: [500, 500],
      got: [600, 900],
    },
    {
      why: "a request is guaranteed however greedy the neighbour",
      cap: 2000,
      want: [500, 5000],
      req: [500, 500],
      got: [500, 1500],
    },
    { why: "idle CPU is split by weight (1:3)", cap: 3750, want: [5000, 5000], req: [500, 1500], got: [937, 2812] },
    {
      why: "whoever needs less than its fair share is satisfied first",
      cap: 3000,
      want: [700, 5000, 5000],
      req: [500, 500, 500],
      got: [700, 1150, 1150],
    },
    {
      why: "BestEffort (no request) gets only crumbs under contention",
      cap: 2000,
      want: [3000, 3000],
      req: [1000, 0],
      got: [1998, 1],
    },
    {
      why: "BestEffort gets all the idle CPU nobody else wants",
      cap: 2000,
      want: [200, 3000],
      req: [1000, 0],
      got: [200, 1800],
    },
  ])("$why", ({ cap, want, req, got }) => {
    const out: number[] = [];
    shareCpu(want.length, cap, want, req, out);
    expect(out).toEqual(got);
    expect(out.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(cap);
  });
});

/** One small container host (3750 m allocatable) with the given services' containers on it. */
function host(services: ReturnType<typeof service>[], containers: string[]): World {
  return createWorld(
    scenario({
      services,
      start: {
        nodes: [{ type: "small", mode: "container-host" }],
        instances: containers.map((s) => ({ service: s, runtime: "container" as const, node: 0 })),
      },
    }),
    1,
  );
}

describe("a CPU limit decides how far a pod bursts into idle CPU (CFS quota)", () => {
  // 400 req/s for one 500 m replica of a service that serves 100 req/s per 500 m.
  it.each([
    { limit: 500, served: 100, used: 500, throttled: true },
    { limit: 1000, served: 200, used: 1000, throttled: true },
    { limit: 0, served: 400, used: 2000, throttled: false },
  ])("limit $limit m: serves $served req/s", ({ limit, served, used, throttled }) => {
    const w = host([service({ limCpu: limit, traffic: { base: 400, ...quiet } })], ["web"]);
    step(w, []);
    const pod = w.instances[0]!;
    expect(pod.served).toBe(served);
    expect(pod.cpuUsed).toBe(used);
    expect(instanceView(w, pod).throttled).toBe(throttled);
    // What the HPA measures for it: the CPU it used (a young pod is not counted yet).
    w.tick += 600;
    expect(podMetric(w, pod)).toEqual({ kind: "ready", req: 500, used });
  });
});

describe("a noisy neighbour takes the idle CPU others were bursting into, never their requests", () => {
  // web (500 m request) wants 1500 m for 300 req/s; batch (2000 m request) goes wild.
  const services = [
    service({ traffic: { base: 300, ...quiet } }),
    service({ id: "batch", name: "Batch", cpu: 2000, mem: 512, capacity: 100, traffic: { base: 10, ...quiet } }),
  ];
  function noisyOn(batchLimit: number): World {
    for (let seed = 1; seed <= 50; seed++) {
      const sv = [services[0]!, { ...services[1]!, limCpu: batchLimit }];
      const w = createWorld(
        scenario({
          services: sv,
          start: {
            nodes: [{ type: "small", mode: "container-host" }],
            instances: [
              { service: "web", runtime: "container", node: 0 },
              { service: "batch", runtime: "container", node: 0 },
            ],
          },
        }),
        seed,
      );
      step(w, []);
      const r = send(w, { type: "inject", incident: "noisy-neighbour", target: "any", size: 100 });
      const start = r.events.find((e) => e.type === "noisy-start");
      if (start && start.service === 1) return w;
    }
    throw new Error("no seed made batch the noisy one");
  }

  it("without a CPU limit it squeezes a bursting neighbour down towards its request", () => {
    const w = noisyOn(0);
    step(w, []);
    const web = w.instances[0]!;
    // Requests first (500 + 2000), the other 1250 m by weight 512 : 2048.
    expect(web.cpuUsed).toBe(750);
    expect(web.served).toBe(150);
    expect(web.served).toBeGreaterThanOrEqual(100); // its request's worth is safe
    expect(w.instances[1]!.cpuUsed).toBe(3000);
  });

  it("with a CPU limit it takes no more than its limit, and the neighbour keeps bursting", () => {
    const w = noisyOn(2000);
    step(w, []);
    expect(w.instances[0]!.served).toBe(300);
    expect(w.instances[1]!.cpuUsed).toBe(2000);
  });
});

describe("QoS classes (qos.go GetPodQOS), one container per pod", () => {
  it.each([
    { req: [0, 0], lim: [0, 0], qos: "BestEffort" },
    { req: [500, 512], lim: [500, 512], qos: "Guaranteed" },
    { req: [500, 512], lim: [0, 0], qos: "Burstable" },
    { req: [500, 512], lim: [1000, 512], qos: "Burstable" },
    { req: [500, 512], lim: [500, 0], qos: "Burstable" },
    { req: [0, 512], lim: [0, 0], qos: "Burstable" },
  ])("requests $req, limits $lim: $qos", ({ req, lim, qos }) => {
    expect(qosOf(req[0]!, req[1]!, lim[0]!, lim[1]!)).toBe(qos);
  });
});

function pod(over: Partial<Instance>): Instance {
  const w = host([service()], ["web"]);
  return { ...w.instances[0]!, managed: true, ...over };
}

describe("oom_score_adj by QoS (policy.go; docs: Node out of memory behavior)", () => {
  const cap = 16384;
  it.each([
    { what: "Guaranteed", p: { reqCpu: 500, reqMem: 512, limCpu: 500, limMem: 512 }, adj: -997 },
    { what: "BestEffort", p: { reqCpu: 0, reqMem: 0, limCpu: 0, limMem: 0 }, adj: 1000 },
    { what: "Burstable, small request", p: { reqCpu: 500, reqMem: 512, limCpu: 0, limMem: 0 }, adj: 969 },
    { what: "Burstable, half the machine", p: { reqCpu: 500, reqMem: 8192, limCpu: 0, limMem: 0 }, adj: 500 },
    { what: "Burstable, the whole machine (floor 2)", p: { reqCpu: 500, reqMem: 16384, limCpu: 0, limMem: 0 }, adj: 2 },
    { what: "Burstable, nearly nothing (ceiling 999)", p: { reqCpu: 500, reqMem: 1, limCpu: 0, limMem: 0 }, adj: 999 },
    { what: "no Kubernetes: a plain container", p: { managed: false, reqCpu: 500, reqMem: 512 }, adj: 0 },
  ])("$what: $adj", ({ p, adj }) => {
    expect(oomScoreAdj(pod(p), cap)).toBe(adj);
  });

  it("the kernel kills the Burstable pod before a bigger Guaranteed one", () => {
    const g = pod({ id: 1, reqCpu: 500, reqMem: 4096, limCpu: 500, limMem: 4096, memUsed: 4000 });
    const b = pod({ id: 2, reqCpu: 500, reqMem: 1024, limCpu: 0, limMem: 0, memUsed: 900 });
    expect(oomVictim([g, b], 16384)!.id).toBe(2);
    // Without Kubernetes nobody is adjusted: the biggest dies.
    expect(
      oomVictim(
        [
          { ...g, managed: false },
          { ...b, managed: false },
        ],
        16384,
      )!.id,
    ).toBe(1);
  });
});

describe("who the kubelet evicts under memory pressure (helpers.go rankMemoryPressure)", () => {
  it.each([
    {
      why: "a pod over its request before one within it",
      a: { reqMem: 512, memUsed: 600 },
      b: { reqMem: 4096, memUsed: 4000 },
      first: "a",
    },
    {
      why: "BestEffort is always over its (zero) request",
      a: { reqMem: 1024, memUsed: 1000 },
      b: { reqMem: 0, memUsed: 100 },
      first: "b",
    },
    {
      why: "among pods over their requests, the one furthest over",
      a: { reqMem: 512, memUsed: 700 },
      b: { reqMem: 512, memUsed: 900 },
      first: "b",
    },
    {
      why: "among pods within their requests, the one closest to it",
      a: { reqMem: 512, memUsed: 200 },
      b: { reqMem: 512, memUsed: 500 },
      first: "b",
    },
  ])("$why", ({ a, b, first }) => {
    const pa = pod({ id: 1, ...a });
    const pb = pod({ id: 2, ...b });
    expect(evictionVictim([pa, pb])!.id).toBe(first === "a" ? 1 : 2);
    expect(evictionVictim([pb, pa])!.id).toBe(first === "a" ? 1 : 2);
  });
});

describe("a node that runs short of memory", () => {
  // web: Guaranteed, 4096 MiB each, idle; cache: leaks 5 MiB/s on average.
  const services = [
    service({ mem: 4096, traffic: { base: 0, ...quiet } }),
    service({
      id: "cache",
      name: "Cache",
      runtime: "container-only",
      mem: 512,
      traffic: { base: 0, ...quiet },
      releases: [{ version: 1, crashPerMillion: 0, leakMiB: 5, note: "leaks" }],
    }),
  ];
  const start = {
    nodes: [{ type: "small" as const, mode: "container-host" as const }],
    instances: [
      { service: "web", runtime: "container" as const, node: 0 },
      { service: "web", runtime: "container" as const, node: 0 },
      { service: "cache", runtime: "container" as const, node: 0 },
    ],
  };

  it("with Kubernetes: the kubelet sets MemoryPressure and evicts the pod furthest over its request; the Guaranteed pods live", () => {
    const w = createWorld(scenario({ services, start }), 2);
    send(w, { type: "buy-upgrade", upgrade: "kubernetes" });
    send(w, { type: "set-resources", service: "web", reqCpu: 500, reqMem: 4096, limCpu: 500, limMem: 4096 });
    until(
      w,
      (x) =>
        x.instances.filter((i) => i.service === 0 && i.state === "running").length === 2 &&
        x.instances.every((i) => i.service !== 0 || i.limMem === 4096),
    );
    const webIds = w.instances.filter((i) => i.service === 0 && i.state === "running").map((i) => i.id);
    let evicted: { tick: number; instance: number } | null = null;
    for (let k = 0; k < 5000 && !evicted; k++) {
      for (const e of step(w, []).events)
        if (e.cause === "memory-pressure" && e.type === "instance-state")
          evicted = { tick: e.tick, instance: e.instance };
    }
    expect(evicted).not.toBeNull();
    expect(evicted!.tick % 10).toBe(0); // the housekeeping interval
    expect(w.instances.find((i) => i.id === evicted!.instance)!.service).toBe(1);
    expect(nodeView(w, w.nodes[0]!).pressure).toBe(true);
    expect(webIds.every((id) => w.instances.find((i) => i.id === id)?.state === "running")).toBe(true);
    expect(w.incidents.some((i) => i.kind === "eviction")).toBe(true);
    // Its Deployment replaces it. The node's memory-pressure taint keeps only BestEffort pods
    // away (the others get a toleration for it: "Taint Nodes by Condition"), so the Burstable
    // replacement is placed on the same node at once, pressure or not.
    until(w, (x) => x.instances.some((i) => i.service === 1 && i.id !== evicted!.instance && i.node === 0), 20);
    expect(nodeView(w, w.nodes[0]!).pressure).toBe(true);
  });

  it("without Kubernetes: the kernel's OOM killer ends the biggest container when the node is full", () => {
    const w = createWorld(scenario({ services, start }), 2);
    let killed: number | null = null;
    for (let k = 0; k < 5000 && killed === null; k++) {
      for (const e of step(w, []).events)
        if (e.cause === "oom-node" && e.type === "instance-state") killed = e.instance;
    }
    expect(killed).not.toBeNull();
    expect(w.instances.find((i) => i.id === killed)!.service).toBe(1);
    expect(w.instances.filter((i) => i.service === 0).every((i) => i.state === "running")).toBe(true);
  });

  it("a container over its own memory limit is OOM-killed alone, before the node feels anything", () => {
    const sv = [services[0]!, { ...services[1]!, limMem: 1024 }];
    const w = createWorld(scenario({ services: sv, start }), 2);
    const ev = [];
    for (let k = 0; k < 400; k++) ev.push(...step(w, []).events);
    const oom = ev.filter((e) => e.type === "instance-state" && e.state === "crashed");
    expect(oom.length).toBe(1);
    expect(oom[0]!.cause).toBe("oom");
    expect(oom[0]!.a).toBe(1024);
    expect(w.instances.filter((i) => i.service === 0).every((i) => i.state === "running")).toBe(true);
  });
});

describe("memory use follows the work, not the request", () => {
  it("an app's working set grows with what it serves, and a pod requesting less than that runs over its request", () => {
    // 512 MiB nominal: 60 % idle, +40 % at 100 req/s.
    const idle = host([service({ traffic: { base: 0, ...quiet } })], ["web"]);
    step(idle, []);
    step(idle, []);
    expect(idle.instances[0]!.memUsed).toBe(307);
    const busy = host([service({ traffic: { base: 100, ...quiet } })], ["web"]);
    step(busy, []);
    step(busy, []);
    expect(busy.instances[0]!.memUsed).toBe(307 + 204);
    const bursting = host([service({ traffic: { base: 300, ...quiet } })], ["web"]);
    step(bursting, []);
    step(bursting, []);
    expect(bursting.instances[0]!.memUsed).toBeGreaterThan(512);
  });
});

describe("what a node shows", () => {
  it("its limits against its allocatable (overcommit), and what it uses", () => {
    const w = host([service({ limCpu: 2000, limMem: 1024, traffic: { base: 200, ...quiet } })], ["web", "web", "web"]);
    step(w, []);
    step(w, []);
    const v = nodeView(w, w.nodes[0]!);
    expect(v.allocCpu).toBe(1500);
    expect(v.limCpu).toBe(6000); // 160 % of 3750: overcommitted
    expect(v.limMem).toBe(3072);
    expect(v.usedCpu).toBe(1000); // 200 req/s at 5 m each
    expect(v.pressure).toBe(false);
  });
});
