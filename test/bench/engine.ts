/**
 * Engine figures: ticks per second on the reference and large clusters, scheduler
 * placements per second on 1000 nodes, MostAllocated packing against the lower bound, and
 * the size of a replay. Each has a baseline measured in the same run for its ratio.
 */
import {
  RULES_VERSION,
  createWorld,
  encodeReplay,
  lowerBound,
  nextU32,
  seedRng,
  step,
  StepScratch,
  type Command,
  type Replay,
  type NodeType,
  type SchedulerStrategy,
} from "@overcommit/shared";
import { benchScenario, benchWorld } from "./worlds.ts";

/**
 * Ticks per second over whole rounds: `ticks` ticks from the end of setup (at 2400, a full
 * day of the traffic curve, its spike and the autoscaling it triggers). One unmeasured
 * round warms the JIT up; then the best of `rounds` runs on fresh worlds, so a busy moment
 * on the machine does not decide the figure.
 */
function ticksPerSecond(
  scale: number,
  ticks: number,
  rounds: number,
): { tps: number; instances: number; nodes: number } {
  let best = 0;
  let instances = 0;
  let nodes = 0;
  const warm = benchWorld(scale);
  // As the server and the solo page step a world: with one scratch kept from tick to tick.
  const scratch = new StepScratch();
  for (let k = 0; k < ticks; k++) step(warm, [], scratch);
  for (let r = 0; r < rounds; r++) {
    const w = benchWorld(scale);
    const t0 = performance.now();
    for (let k = 0; k < ticks; k++) step(w, [], scratch);
    best = Math.max(best, (ticks * 1000) / (performance.now() - t0));
    instances = w.instances.length;
    nodes = w.nodes.length;
  }
  return { tps: Math.round(best), instances, nodes };
}

/**
 * The pod shapes of the game's container services (storefront, search/video, worker,
 * API/checkout): the packing players actually face.
 */
const GAME_SHAPES: readonly [string, number, number][] = [
  ["web", 500, 512],
  ["api", 500, 1024],
  ["search", 1000, 2048],
  ["batch", 250, 512],
];

/** Places `pods` pods of the game's shapes on `nodes` container hosts of one size; placements per second. */
function placements(
  nodes: number,
  pods: number,
  strategy: SchedulerStrategy,
  type: NodeType = "medium",
): { perSecond: number; used: number; lowerBound: number } {
  const sc = benchScenario(1);
  const world = createWorld(
    {
      ...sc,
      services: sc.services.map((s) => ({ ...s, traffic: { ...s.traffic, base: 0 } })),
      failures: { ...sc.failures, nodeFailure: 0, kernelIncident: 0, registryOutage: 0, noisyNeighbour: 0 },
      start: { nodes: Array.from({ length: nodes }, () => ({ type, mode: "container-host" as const })), instances: [] },
    },
    1,
  );
  step(world, [{ type: "buy-upgrade", upgrade: "kubernetes" }]);
  step(world, [
    { type: "set-scheduler", strategy },
    ...GAME_SHAPES.map(([service, reqCpu, reqMem]): Command => ({
      type: "set-resources",
      service,
      reqCpu,
      reqMem,
      limCpu: 0,
      limMem: 0,
    })),
  ]);
  // A fixed, seeded mix of those shapes.
  const rng = seedRng(7);
  const want = new Map<string, number>();
  for (let k = 0; k < pods; k++) {
    const s = GAME_SHAPES[nextU32(rng) % GAME_SHAPES.length]![0];
    want.set(s, (want.get(s) ?? 0) + 1);
  }
  const cmds: Command[] = [...want].map(([service, replicas]) => ({ type: "set-replicas", service, replicas }));
  const t0 = performance.now();
  step(world, cmds);
  const ms = performance.now() - t0;
  const placed = world.instances.filter((i) => i.node >= 0).length;
  let cpu = 0;
  let mem = 0;
  for (const i of world.instances) {
    cpu += i.reqCpu;
    mem += i.reqMem;
  }
  const used = world.nodes.filter((n) => n.allocCpu > 0).length;
  return {
    perSecond: Math.round((placed * 1000) / ms),
    used,
    lowerBound: lowerBound(cpu, mem, type, "container-host"),
  };
}

function replayOf300(): Replay {
  // A realistic 2400-tick round: 300 commands of the kinds players send most.
  const rng = seedRng(11);
  const log: { tick: number; cmd: Command }[] = [];
  const services = ["web", "api", "search", "batch", "erp", "payments"];
  for (let k = 0; k < 300; k++) {
    const tick = Math.floor((k * 2400) / 300) + (nextU32(rng) % 8);
    const s = services[nextU32(rng) % services.length]!;
    const pick = nextU32(rng) % 10;
    const cmd: Command =
      pick < 4
        ? { type: "deploy", service: s, runtime: pick < 2 ? "vm" : "container", node: nextU32(rng) % 40 }
        : pick < 6
          ? { type: "set-replicas", service: s, replicas: 1 + (nextU32(rng) % 30) }
          : pick < 7
            ? { type: "buy-node", nodeType: "medium", mode: "container-host" }
            : pick < 9
              ? { type: "restart", instance: nextU32(rng) % 5000 }
              : { type: "set-autoscaler", service: s, enabled: true, min: 2, max: 20, targetPct: 60 };
    log.push({ tick, cmd });
  }
  return {
    rulesVersion: RULES_VERSION,
    scenarioId: "black-friday",
    scenarioVersion: 1,
    seed: 123456,
    length: 2400,
    log,
    hash: "0123456789abcdef",
    score: 123456,
  };
}

export function engineFigures(quick: boolean): Record<string, number> {
  const ref = ticksPerSecond(1, quick ? 1200 : 2400, quick ? 2 : 5);
  const large = ticksPerSecond(25, quick ? 100 : 300, quick ? 1 : 3);
  const most = placements(1000, 5000, "MostAllocated");
  const least = placements(1000, 5000, "LeastAllocated");
  // The packing set: small and medium container hosts, several cluster sizes; MostAllocated
  // nodes used ÷ the lower bound (which ignores fragmentation, so 1.0 is a floor).
  const ratios: number[] = [];
  for (const type of ["small", "medium"] as const) {
    for (const n of [50, 200, 800]) {
      const p = placements(Math.ceil(n / 2) + 10, n, "MostAllocated", type);
      ratios.push(p.used / p.lowerBound);
    }
  }
  const replay = replayOf300();
  const bytes = encodeReplay(replay).length;
  const json = Buffer.byteLength(JSON.stringify(replay));
  return {
    engine_ref_ticks_per_s: ref.tps,
    engine_ref_nodes: ref.nodes,
    engine_ref_instances: ref.instances,
    engine_large_ticks_per_s: large.tps,
    engine_large_nodes: large.nodes,
    engine_large_instances: large.instances,
    engine_large_vs_ref_ratio: round(large.tps / ref.tps),
    scheduler_placements_per_s: most.perSecond,
    scheduler_least_allocated_placements_per_s: least.perSecond,
    packing_ratio: round(ratios.reduce((a, b) => a + b, 0) / ratios.length),
    packing_least_allocated_nodes_ratio: round(least.used / least.lowerBound),
    replay_bytes: bytes,
    replay_json_bytes: json,
    replay_vs_json_ratio: round(bytes / json),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
