/**
 * Validation of scenario files. `parseScenario` checks every field of the format in
 * scenario.ts (types, whole numbers, ranges, references between fields) and returns a
 * clean, frozen copy holding only known fields — or a refusal naming the field that is
 * wrong, e.g. `services[2].traffic.shape[0]: the first point must be at tick 0`.
 */
import {
  HOST_MODES,
  HOST_MODE_SPECS,
  NODE_CATALOG,
  NODE_TYPES,
  VM_GUEST_OS_CPU,
  VM_GUEST_OS_MEM,
} from "../model/constants.ts";
import { type Scenario, INCIDENT_KINDS, RUNTIME_RULES, UPGRADES } from "../model/scenario.ts";
import { refuse, type Result } from "../model/result.ts";
import { allocatable } from "../datacenter/resources.ts";
import { getConcept } from "../presentation/glossary.ts";

class Bad extends Error {}

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new Bad(`${path}: ${what}`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "must be an object");
  return v as Obj;
}

function arr(v: unknown, path: string, max = 1000): unknown[] {
  if (!Array.isArray(v)) fail(path, "must be a list");
  if (v.length > max) fail(path, `must have at most ${max} entries`);
  return v;
}

function int(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) fail(path, "must be a whole number");
  if (v < min || v > max) fail(path, `must be from ${min} to ${max}`);
  return v;
}

function str(v: unknown, path: string, maxLen: number, minLen = 0): string {
  if (typeof v !== "string") fail(path, "must be text");
  if (v.length < minLen || v.length > maxLen) fail(path, `must be ${minLen}–${maxLen} characters long`);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") fail(path, "must be true or false");
  return v;
}

function id(v: unknown, path: string): string {
  const s = str(v, path, 40, 1);
  if (!/^[a-z0-9-]+$/.test(s)) fail(path, "must use only lowercase letters, digits and dashes");
  return s;
}

function oneOf<T extends string>(v: unknown, path: string, list: readonly T[]): T {
  if (typeof v !== "string" || !(list as readonly string[]).includes(v))
    fail(path, `must be one of: ${list.join(", ")}`);
  return v as T;
}

const MAX_TICKS = 100_000;
/** Money bounds a scenario may set; a scenario without a par gets the floor (no score bar for two stars). */
export const MAX_MONEY = 1_000_000_000;
const LARGEST = allocatable("large", "hypervisor");

function parseService(v: unknown, p: string) {
  const o = obj(v, p);
  const runtime = oneOf(o["runtime"], `${p}.runtime`, RUNTIME_RULES);
  const cpu = int(o["cpu"], `${p}.cpu`, 50, 64000);
  const mem = int(o["mem"], `${p}.mem`, 64, 262144);
  // The limits the app's manifest ships with; absent or 0 means none.
  const limCpu = o["limCpu"] === undefined ? 0 : int(o["limCpu"], `${p}.limCpu`, 0, 64000);
  const limMem = o["limMem"] === undefined ? 0 : int(o["limMem"], `${p}.limMem`, 0, 262144);
  if (limCpu !== 0 && limCpu < cpu) fail(`${p}.limCpu`, "a CPU limit must be at least the CPU request (or 0 for none)");
  if (limMem !== 0 && limMem < mem)
    fail(`${p}.limMem`, "a memory limit must be at least the memory request (or 0 for none)");
  const vmCpu = cpu + VM_GUEST_OS_CPU;
  const vmMem = mem + VM_GUEST_OS_MEM;
  if (runtime !== "container-only" && (vmCpu > LARGEST.cpu || vmMem > LARGEST.mem))
    fail(`${p}.cpu`, "a VM of this size (with its guest OS) fits no node in the catalog");
  const t = obj(o["traffic"], `${p}.traffic`);
  const period = int(t["period"], `${p}.traffic.period`, 1, MAX_TICKS);
  const shape = arr(t["shape"], `${p}.traffic.shape`, 100).map((pt, k) => {
    const q = `${p}.traffic.shape[${k}]`;
    const a = arr(pt, q, 2);
    if (a.length !== 2) fail(q, "must be a [tick, percent] pair");
    return [int(a[0], `${q}[0]`, 0, period), int(a[1], `${q}[1]`, 0, 1000)] as const;
  });
  if (shape.length === 0) fail(`${p}.traffic.shape`, "needs at least one point");
  if (shape[0]![0] !== 0) fail(`${p}.traffic.shape[0]`, "the first point must be at tick 0");
  for (let k = 1; k < shape.length; k++)
    if (shape[k]![0] <= shape[k - 1]![0]) fail(`${p}.traffic.shape[${k}]`, "points must be in ascending tick order");
  const spikes = arr(t["spikes"], `${p}.traffic.spikes`, 100).map((s, k) => {
    const q = `${p}.traffic.spikes[${k}]`;
    const so = obj(s, q);
    return {
      at: int(so["at"], `${q}.at`, 0, MAX_TICKS),
      ramp: int(so["ramp"], `${q}.ramp`, 1, 3600),
      peak: int(so["peak"], `${q}.peak`, 100, 2000),
      hold: int(so["hold"], `${q}.hold`, 0, MAX_TICKS),
      announce: int(so["announce"], `${q}.announce`, 0, MAX_TICKS),
    };
  });
  const releases = arr(o["releases"], `${p}.releases`, 50).map((r, k) => {
    const q = `${p}.releases[${k}]`;
    const ro = obj(r, q);
    return {
      version: int(ro["version"], `${q}.version`, 0, 999),
      crashPerMillion: int(ro["crashPerMillion"], `${q}.crashPerMillion`, 0, 1_000_000),
      leakMiB: int(ro["leakMiB"], `${q}.leakMiB`, 0, 65536),
      note: str(ro["note"], `${q}.note`, 200),
    };
  });
  if (releases.length === 0) fail(`${p}.releases`, "needs at least one release");
  const versions = new Set<number>();
  releases.forEach((r, k) => {
    if (versions.has(r.version)) fail(`${p}.releases[${k}].version`, `release ${r.version} appears twice`);
    versions.add(r.version);
  });
  return {
    id: id(o["id"], `${p}.id`),
    name: str(o["name"], `${p}.name`, 60, 1),
    runtime,
    why: str(o["why"], `${p}.why`, 300),
    sensitive: o["sensitive"] === undefined ? false : bool(o["sensitive"], `${p}.sensitive`),
    cpu,
    mem,
    limCpu,
    limMem,
    capacity: int(o["capacity"], `${p}.capacity`, 1, 1_000_000),
    imageMB: int(o["imageMB"], `${p}.imageMB`, 1, 100_000),
    revenue: int(o["revenue"], `${p}.revenue`, 0, 10_000),
    penalty: int(o["penalty"], `${p}.penalty`, 0, 10_000),
    traffic: {
      base: int(t["base"], `${p}.traffic.base`, 0, 10_000_000),
      shape,
      period,
      spikes,
      noise: int(t["noise"], `${p}.traffic.noise`, 0, 50),
    },
    releases,
  };
}

function parse(input: unknown): Scenario {
  const o = obj(input, "scenario");
  const kind = oneOf(o["kind"], "kind", ["campaign", "competitive"] as const);
  const length = int(o["length"], "length", 60, MAX_TICKS);
  const services = arr(o["services"], "services", 32).map((s, k) => parseService(s, `services[${k}]`));
  if (services.length === 0) fail("services", "needs at least one service");
  const ids = new Set<string>();
  services.forEach((s, k) => {
    if (ids.has(s.id)) fail(`services[${k}].id`, `"${s.id}" appears twice`);
    ids.add(s.id);
  });
  const nodeTypes = arr(o["nodeTypes"], "nodeTypes", 3).map((t, k) => oneOf(t, `nodeTypes[${k}]`, NODE_TYPES));
  const hostModes = arr(o["hostModes"], "hostModes", 3).map((m, k) => oneOf(m, `hostModes[${k}]`, HOST_MODES));
  if (nodeTypes.length === 0) fail("nodeTypes", "needs at least one node type");
  if (new Set(nodeTypes).size !== nodeTypes.length) fail("nodeTypes", "lists a node type twice");
  if (new Set(hostModes).size !== hostModes.length) fail("hostModes", "lists a host mode twice");
  if (hostModes.length === 0) fail("hostModes", "needs at least one host mode");
  const up = obj(o["upgrades"], "upgrades");
  const upgrades: Record<string, { price: number; upkeep: number }> = {};
  for (const k of Object.keys(up)) {
    const u = oneOf(k, `upgrades.${k.slice(0, 40)}`, UPGRADES);
    const uo = obj(up[k], `upgrades.${u}`);
    upgrades[u] = {
      price: int(uo["price"], `upgrades.${u}.price`, 0, MAX_MONEY),
      upkeep: int(uo["upkeep"], `upgrades.${u}.upkeep`, 0, 100_000),
    };
  }
  const f = obj(o["failures"], "failures");
  const failures = {
    nodeFailure: int(f["nodeFailure"], "failures.nodeFailure", 0, 1_000_000),
    kernelIncident: int(f["kernelIncident"], "failures.kernelIncident", 0, 1_000_000),
    registryOutage: int(f["registryOutage"], "failures.registryOutage", 0, 1_000_000),
    registryOutageTicks: int(f["registryOutageTicks"], "failures.registryOutageTicks", 1, MAX_TICKS),
    noisyNeighbour: int(f["noisyNeighbour"], "failures.noisyNeighbour", 0, 1_000_000),
    noisyNeighbourTicks: int(f["noisyNeighbourTicks"], "failures.noisyNeighbourTicks", 1, MAX_TICKS),
  };
  const events = arr(o["events"], "events", 1000).map((e, k) => {
    const p = `events[${k}]`;
    const eo = obj(e, p);
    const target = id(eo["target"], `${p}.target`);
    if (target !== "any" && !ids.has(target))
      fail(`${p}.target`, `"${target}" is neither "any" nor a service of this scenario`);
    return {
      at: int(eo["at"], `${p}.at`, 1, length),
      kind: oneOf(eo["kind"], `${p}.kind`, INCIDENT_KINDS),
      target,
      size: int(eo["size"], `${p}.size`, 0, 100_000),
    };
  });
  const st = obj(o["start"], "start");
  const nodes = arr(st["nodes"], "start.nodes", 200).map((n, k) => {
    const no = obj(n, `start.nodes[${k}]`);
    return {
      type: oneOf(no["type"], `start.nodes[${k}].type`, NODE_TYPES),
      mode: oneOf(no["mode"], `start.nodes[${k}].mode`, HOST_MODES),
    };
  });
  const used = nodes.map(() => ({ cpu: 0, mem: 0 }));
  const instances = arr(st["instances"], "start.instances", 5000).map((i, k) => {
    const p = `start.instances[${k}]`;
    const io = obj(i, p);
    const service = id(io["service"], `${p}.service`);
    const spec = services.find((s) => s.id === service);
    if (!spec) fail(`${p}.service`, `"${service}" is not a service of this scenario`);
    const runtime = oneOf(io["runtime"], `${p}.runtime`, ["vm", "container"] as const);
    if (
      (spec.runtime === "vm-only" && runtime === "container") ||
      (spec.runtime === "container-only" && runtime === "vm")
    )
      fail(`${p}.runtime`, `${service} is ${spec.runtime}`);
    const node = int(io["node"], `${p}.node`, 0, Math.max(0, nodes.length - 1));
    const n = nodes[node];
    if (!n) fail(`${p}.node`, "there is no such start node");
    if (HOST_MODE_SPECS[n.mode].runs !== runtime)
      fail(`${p}.node`, `start node ${node} is a ${n.mode} node and cannot run a ${runtime}`);
    const a = allocatable(n.type, n.mode);
    used[node]!.cpu += runtime === "vm" ? spec.cpu + VM_GUEST_OS_CPU : spec.cpu;
    used[node]!.mem += runtime === "vm" ? spec.mem + VM_GUEST_OS_MEM : spec.mem;
    if (used[node]!.cpu > a.cpu || used[node]!.mem > a.mem)
      fail(`${p}.node`, `start node ${node} is too small for its start instances`);
    return { service, runtime, node };
  });
  const tm = obj(o["timings"], "timings");
  const timings = {
    nodeProvision: int(tm["nodeProvision"], "timings.nodeProvision", 1, 3600),
    nodeRepair: int(tm["nodeRepair"], "timings.nodeRepair", 1, MAX_TICKS),
    notReadyAfter: int(tm["notReadyAfter"], "timings.notReadyAfter", 1, 3600),
    evictAfter: int(tm["evictAfter"], "timings.evictAfter", 0, 3600),
    vmHaDetect: int(tm["vmHaDetect"], "timings.vmHaDetect", 1, 3600),
    // Optional (scenarios from before hand work take no operator time).
    handVm: tm["handVm"] === undefined ? 0 : int(tm["handVm"], "timings.handVm", 0, 3600),
    handContainer: tm["handContainer"] === undefined ? 0 : int(tm["handContainer"], "timings.handContainer", 0, 3600),
  };
  const b = obj(o["briefing"], "briefing");
  const concepts = arr(o["concepts"], "concepts", 30).map((c, k) => {
    const cid = id(c, `concepts[${k}]`);
    if (!getConcept(cid)) fail(`concepts[${k}]`, `"${cid}" is not a concept of the glossary`);
    return cid;
  });
  for (const t of nodeTypes) if (!NODE_CATALOG[t]) fail("nodeTypes", `unknown node type ${t}`);
  return {
    id: id(o["id"], "id"),
    version: int(o["version"], "version", 1, 1_000_000),
    title: str(o["title"], "title", 80, 1),
    kind,
    level: kind === "campaign" ? int(o["level"], "level", 1, 99) : int(o["level"], "level", 0, 0),
    concepts,
    briefing: {
      title: str(b["title"], "briefing.title", 120, 1),
      text: str(b["text"], "briefing.text", 4000, 1),
      firstStep: str(b["firstStep"], "briefing.firstStep", 400, 1),
    },
    length,
    speed: int(o["speed"], "speed", 1, 16),
    startMoney: int(o["startMoney"], "startMoney", 0, MAX_MONEY),
    nodeTypes,
    hostModes,
    services,
    upgrades,
    failures,
    events,
    start: { nodes, instances },
    timings,
    breachFine: o["breachFine"] === undefined ? 0 : int(o["breachFine"], "breachFine", 0, MAX_MONEY),
    parScore: o["parScore"] === undefined ? -MAX_MONEY : int(o["parScore"], "parScore", -MAX_MONEY, MAX_MONEY),
    targetScore: int(o["targetScore"], "targetScore", -MAX_MONEY, MAX_MONEY),
  };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

export function parseScenario(input: unknown): Result<Scenario> {
  try {
    return { ok: true, value: deepFreeze(parse(input)) };
  } catch (e) {
    if (e instanceof Bad) return refuse("bad-scenario", e.message);
    throw e;
  }
}

/** For callers that only need a yes/no with the reason (tools, tests). */
export function scenarioProblem(input: unknown): string | null {
  const r = parseScenario(input);
  return r.ok ? null : r.message;
}
