/**
 * Mirrors a ClusterView (built by the shared `viewOf`) into a ClusterState. Fields are
 * assigned in place: Schema ignores an assignment of an equal value, so only what changed
 * this tick is encoded into the next patch. Nodes and instances are maps keyed by id so
 * that one instance coming or going does not shift every other one.
 *
 * Why `refresh`: encoding a patch costs the room (clients × changed objects), and an
 * instance's load, served requests and memory (and a service's demand, served, dropped,
 * capacity) change on nearly every tick. "steady" leaves those gauges alone, "periodic" moves a gauge only when it changed by more
 * than a tenth (a load bar does not need the noise), "exact" copies everything (a new
 * cluster, the end of the round). Everything else is always copied exactly.
 */
import type { ClusterView } from "@overcommit/shared";
import { ArraySchema, ClusterState, InstanceState, NodeState, ServiceState, SpikeState } from "./schema.ts";

type Assignable = Record<string, unknown>;

/**
 * A plain shadow of what each Schema object holds: comparing against it is cheap, where
 * reading a Schema field goes through an accessor; the Schema is written only on change.
 */
const shadows = new WeakMap<object, Assignable>();

function shadowOf(target: object): Assignable {
  let sh = shadows.get(target);
  if (!sh) shadows.set(target, (sh = {}));
  return sh;
}

/** Fields that follow the traffic and change almost every tick (instances, services). */
const INSTANCE_GAUGES: ReadonlySet<string> = new Set(["load", "served", "memUsed"]);
const SERVICE_GAUGES: ReadonlySet<string> = new Set(["demand", "served", "dropped", "capacity", "hpaUtil"]);
const NO_GAUGES: ReadonlySet<string> = new Set();

export type Refresh = "exact" | "periodic" | "steady";

/** Relative change below which a gauge is not worth a patch on a periodic refresh. */
const GAUGE_TOLERANCE = 0.1;

function gaugeMoved(old: unknown, v: unknown): boolean {
  if (typeof old !== "number" || typeof v !== "number") return true;
  return Math.abs(v - old) > Math.abs(old) * GAUGE_TOLERANCE || (old === 0) !== (v === 0);
}

/** Copies changed fields; gauges as `refresh` says. */
function copyFields(target: object, source: object, refresh: Refresh = "exact", gauges: ReadonlySet<string> = NO_GAUGES): void {
  const t = target as Assignable;
  const s = source as Assignable;
  const sh = shadowOf(target);
  for (const k in s) {
    const v = s[k];
    if (sh[k] === v) continue;
    if (refresh !== "exact" && gauges.has(k) && (refresh === "steady" || !gaugeMoved(sh[k], v))) continue;
    t[k] = v;
    sh[k] = v;
  }
}

function syncMap<S extends object>(map: { get(k: string): S | undefined; set(k: string, v: S): unknown; delete(k: string): unknown; keys(): IterableIterator<string> }, items: readonly { id: number }[], make: () => S, refresh: Refresh = "exact", gauges: ReadonlySet<string> = NO_GAUGES): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = String(item.id);
    seen.add(key);
    let s = map.get(key);
    if (!s) {
      s = make();
      copyFields(s, item);
      map.set(key, s);
    } else copyFields(s, item, refresh, gauges);
  }
  for (const key of [...map.keys()]) if (!seen.has(key)) map.delete(key);
}

export function mirrorCluster(c: ClusterState, v: ClusterView, refresh: Refresh = "exact"): void {
  c.scenario = v.scenario;
  c.tick = v.tick;
  c.length = v.length;
  c.money = v.money;
  c.score = v.score;
  c.slaBp = v.slaBp;
  c.bankrupt = v.bankrupt;
  c.finished = v.finished;
  c.scheduler = v.scheduler;
  c.registryDown = v.registryDown;
  if (c.upgrades.length !== v.upgrades.length || v.upgrades.some((u, k) => c.upgrades[k] !== u)) {
    c.upgrades = new ArraySchema<string>(...v.upgrades);
  }
  syncMap(c.nodes, v.nodes, () => new NodeState());
  syncMap(c.instances, v.instances, () => new InstanceState(), refresh, INSTANCE_GAUGES);
  v.services.forEach((s, k) => {
    let st = c.services[k];
    if (!st) {
      st = new ServiceState();
      c.services.push(st);
      copyFields(st, s);
    } else copyFields(st, s, refresh, SERVICE_GAUGES);
  });
  const spikesChanged = c.spikes.length !== v.spikes.length || v.spikes.some((s, k) => {
    const o = c.spikes[k]!;
    return o.service !== s.service || o.at !== s.at || o.end !== s.end || o.peak !== s.peak;
  });
  if (spikesChanged) {
    (c.spikes as unknown as ArraySchema<SpikeState>).clear();
    for (const s of v.spikes) {
      const st = new SpikeState();
      copyFields(st, s);
      c.spikes.push(st);
    }
  }
}
