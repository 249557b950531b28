// Properties that must hold for any sequence of commands, checked with fast-check on a
// busy little world (failures on, a leaking VM-only service, a spiky container service).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  applyNow,
  bailoutFee,
  createWorld,
  decodeReplay,
  encodeReplay,
  instanceCpu,
  instanceMem,
  replayWorld,
  runMatch,
  scoreOf,
  stateHash,
  step,
  type Bot,
  type Command,
  type World,
  parseCommand,
} from "../src/index.ts";
import { scenario, service } from "../src/fixtures.ts";

const sc = scenario({
  length: 600,
  startMoney: 3000,
  services: [
    service({
      id: "web",
      traffic: {
        base: 400,
        shape: [
          [0, 80],
          [300, 150],
        ],
        period: 600,
        spikes: [{ at: 200, ramp: 20, peak: 250, hold: 60, announce: 60 }],
        noise: 10,
      },
    }),
    service({
      id: "erp",
      runtime: "vm-only",
      why: "legacy",
      cpu: 2000,
      mem: 4096,
      capacity: 50,
      traffic: { base: 100, shape: [[0, 100]], period: 600, spikes: [], noise: 0 },
      releases: [
        { version: 1, crashPerMillion: 3000, leakMiB: 30, note: "leaks" },
        { version: 2, crashPerMillion: 1000, leakMiB: 0, note: "fixed" },
      ],
    }),
  ],
  failures: {
    nodeFailure: 2000,
    kernelIncident: 3000,
    registryOutage: 2000,
    registryOutageTicks: 40,
    noisyNeighbour: 3000,
    noisyNeighbourTicks: 40,
  },
  start: {
    nodes: [
      { type: "medium", mode: "hypervisor" },
      { type: "small", mode: "container-host" },
    ],
    instances: [],
  },
});

const nodeId = fc.integer({ min: -1, max: 8 });
const instId = fc.integer({ min: -1, max: 60 });
const svc = fc.constantFrom("web", "erp", "nope");
const command: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    type: fc.constant("buy-node"),
    nodeType: fc.constantFrom("small", "medium", "huge"),
    mode: fc.constantFrom("hypervisor", "hosted", "container-host"),
  }),
  fc.record({ type: fc.constant("remove-node"), node: nodeId }),
  fc.record({ type: fc.constantFrom("cordon", "uncordon"), node: nodeId }),
  fc.record({ type: fc.constant("deploy"), service: svc, runtime: fc.constantFrom("vm", "container"), node: nodeId }),
  fc.record({ type: fc.constantFrom("stop", "restart"), instance: instId }),
  fc.record({ type: fc.constant("migrate"), instance: instId, node: nodeId }),
  fc.record({
    type: fc.constant("buy-upgrade"),
    upgrade: fc.constantFrom("vm-ha", "kubernetes", "autoscaler", "cluster-autoscaler"),
  }),
  fc.record({ type: fc.constant("set-replicas"), service: svc, replicas: fc.integer({ min: -2, max: 12 }) }),
  fc.record({
    type: fc.constant("set-autoscaler"),
    service: svc,
    enabled: fc.boolean(),
    min: fc.integer({ min: 1, max: 4 }),
    max: fc.integer({ min: 1, max: 12 }),
    targetPct: fc.integer({ min: 5, max: 100 }),
  }),
  fc.record({ type: fc.constant("set-scheduler"), strategy: fc.constantFrom("LeastAllocated", "MostAllocated") }),
  fc.record({
    type: fc.constant("set-resources"),
    service: svc,
    reqCpu: fc.integer({ min: 100, max: 2000 }),
    reqMem: fc.integer({ min: 128, max: 2048 }),
    limCpu: fc.integer({ min: 0, max: 3000 }),
    limMem: fc.integer({ min: 0, max: 4096 }),
  }),
  fc.record({ type: fc.constant("rollout"), service: svc, release: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ type: fc.constant("set-pdb"), service: svc, minAvailable: fc.integer({ min: -1, max: 5 }) }),
  fc.record({
    type: fc.constant("set-cluster-autoscaler"),
    enabled: fc.boolean(),
    nodeType: fc.constantFrom("small", "medium"),
    maxNodes: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    type: fc.constant("inject"),
    incident: fc.constantFrom(
      "crash",
      "node-failure",
      "kernel-incident",
      "registry-outage",
      "noisy-neighbour",
      "spike",
    ),
    target: fc.constantFrom("any", "web", "erp"),
    size: fc.integer({ min: 0, max: 400 }),
  }),
  fc.anything(),
);

/** A plan: at which ticks which raw (possibly invalid) inputs arrive. */
const plan = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 400 }), command), { maxLength: 60 })
  .map((xs) => xs.sort((a, b) => a[0] - b[0]));

function play(seed: number, inputs: [number, unknown][], ticks: number, check?: (w: World) => void): World {
  const w = createWorld(sc, seed);
  let k = 0;
  while (w.tick < ticks && !w.finished) {
    const cmds: Command[] = [];
    while (k < inputs.length && inputs[k]![0] <= w.tick) {
      const p = parseCommand(inputs[k++]![1]);
      if (p.ok) cmds.push(p.value);
    }
    step(w, cmds);
    check?.(w);
  }
  return w;
}

function invariants(w: World): void {
  const cpu = new Map<number, number>();
  const mem = new Map<number, number>();
  for (const i of w.instances) {
    expect(i.state).not.toBe("gone");
    if (i.node < 0) continue;
    const n = w.nodes[i.node]!;
    expect(n.state, `instance ${i.id} on gone node ${n.id}`).not.toBe("gone");
    cpu.set(n.id, (cpu.get(n.id) ?? 0) + instanceCpu(i));
    mem.set(n.id, (mem.get(n.id) ?? 0) + instanceMem(i));
    if (i.target >= 0) {
      cpu.set(i.target, (cpu.get(i.target) ?? 0) + instanceCpu(i));
      mem.set(i.target, (mem.get(i.target) ?? 0) + instanceMem(i));
    }
  }
  for (const n of w.nodes) {
    if (n.state === "gone") continue;
    expect(n.allocCpu).toBe(cpu.get(n.id) ?? 0);
    expect(n.allocMem).toBe(mem.get(n.id) ?? 0);
    expect(n.allocCpu).toBeLessThanOrEqual(n.cpu);
    expect(n.allocMem).toBeLessThanOrEqual(n.mem);
  }
  // Money is what was earned plus what the bank lent; the score is what was earned less the bank's fees.
  const fees = w.bailouts * bailoutFee(w);
  expect(w.money).toBe(w.startMoney + w.stats.revenue - w.stats.costs - w.stats.penalties + (w.debt - fees));
  expect(scoreOf(w)).toBe(w.stats.revenue - w.stats.costs - w.stats.penalties - fees);
}

describe("properties of any game", () => {
  it("no node is over-committed, reservations add up, no instance is on a gone node, money adds up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), plan, (seed, inputs) => {
        play(seed, inputs, 450, invariants);
      }),
      { numRuns: 60 },
    );
  });

  it("the same seed and commands give the same state hash", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), plan, (seed, inputs) => {
        expect(stateHash(play(seed, inputs, 300))).toBe(stateHash(play(seed, inputs, 300)));
      }),
      { numRuns: 40 },
    );
  });

  it("a refused command changes nothing: the hash is as if it was never sent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        plan,
        command,
        fc.integer({ min: 1, max: 300 }),
        (seed, inputs, extra, at) => {
          const p = parseCommand(extra);
          const a = play(seed, inputs, at);
          const b = play(seed, inputs, at);
          const ra = step(a, p.ok ? [p.value] : []);
          step(b, []);
          if (!p.ok || !ra.results[0]!.ok) expect(stateHash(a)).toBe(stateHash(b));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("applying a command between ticks (solo play) is the same as handing it to the next step", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        plan,
        command,
        fc.integer({ min: 1, max: 300 }),
        (seed, inputs, extra, at) => {
          const p = parseCommand(extra);
          if (!p.ok) return;
          const a = play(seed, inputs, at);
          const b = play(seed, inputs, at);
          const r = applyNow(a, p.value);
          step(a, []);
          const rb = step(b, [p.value]);
          expect(r.result.ok).toBe(rb.results[0]!.ok);
          expect(stateHash(a)).toBe(stateHash(b));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a replay survives encoding and re-simulates to the same hash", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), plan, (seed, inputs) => {
        const parsed = inputs.map(([t, c]) => [t, parseCommand(c)] as const).filter(([, p]) => p.ok) as [
          number,
          { ok: true; value: Command },
        ][];
        const bot: Bot = { name: "plan", act: (w) => parsed.filter(([t]) => t === w.tick).map(([, p]) => p.value) };
        const { world, replay } = runMatch(sc, seed, bot, 420);
        const decoded = decodeReplay(encodeReplay(replay));
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        expect(decoded.value).toEqual(replay);
        const again = replayWorld(sc, decoded.value);
        expect(again.ok && stateHash(again.value)).toBe(stateHash(world));
      }),
      { numRuns: 40 },
    );
  });
});
