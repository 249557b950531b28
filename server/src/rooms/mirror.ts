/**
 * Mirrors a cluster into its ClusterState: straight from the World (`mirrorWorld`, what the
 * room tick uses) or from a ClusterView (`mirrorCluster`). Both go item by item through the
 * shared per-item view functions (`nodeView`, `instanceView`, … in shared/src/presentation/view.ts, the
 * one place that says how a world looks to a player), so the direct path builds no whole
 * ClusterView. Nodes and instances are maps keyed by id so that one instance coming or
 * going does not shift every other one.
 *
 * What a patch costs: Colyseus walks every changed schema object once per client (to check
 * it against the client's StateView) and encodes it for the few clients who see it. So
 * the cost is (clients × changed objects), while one more changed field in an object that
 * is in the patch anyway costs next to nothing. Hence:
 * - an object is either left alone or brought exactly up to date: when any of its ordinary
 *   fields changed, its gauges ride along;
 * - gauges and timers are the fields that move on nearly every tick. Gauges follow the
 *   traffic (an instance's load, served requests and memory; a service's demand, served,
 *   dropped, capacity and utilisation): on their own they put an object into the patch only
 *   on a "periodic" refresh, and only when one moved by over a fifth (or to or from zero):
 *   a load bar does not need the noise. Timers (`wait`, the seconds left while booting,
 *   provisioning, being repaired …) count down: on their own they put an object into the
 *   patch only on a "periodic" refresh. A "steady" refresh (a cluster with commands or
 *   events between its periodic ones) copies only what changed in other fields, and "exact"
 *   copies everything (a new cluster, the end of the round).
 *
 * Both return about how many schema objects they put into the next patch: the room tick
 * spends a budget of them per tick (tick.ts).
 *
 * Each Schema object has a plain shadow of what it holds: comparing against it is cheap,
 * where reading a Schema field goes through an accessor; the Schema is written only on
 * change (Schema would ignore an equal value, but the setter still costs).
 */
import {
  headerOf,
  instanceView,
  isShown,
  nodeView,
  serviceView,
  spikesOf,
  type ClusterHeaderView,
  type ClusterView,
  type SpikeView,
  type World,
} from "@overcommit/shared";
import { ArraySchema, ClusterState, FIELDS, InstanceState, NodeState, ServiceState, SpikeState } from "./schema.ts";

type Fields = Record<string, unknown>;

export type Refresh = "exact" | "periodic" | "steady";

/** How the fields of one kind of object are copied (keys of the matching view). */
interface Kind {
  /** Copied whenever they change. */
  readonly plain: readonly string[];
  /** Traffic gauges: on their own, copied only on a periodic refresh, past GAUGE_TOLERANCE. */
  readonly gauges: readonly string[];
  /** Countdowns: on their own, copied only on a periodic refresh. */
  readonly timers: readonly string[];
}

function kind(schemaFields: readonly string[], gauges: readonly string[], timers: readonly string[]): Kind {
  return { plain: schemaFields.filter((k) => !gauges.includes(k) && !timers.includes(k)), gauges, timers };
}

const NODE = kind(FIELDS.node, ["usedCpu", "usedMem"], ["wait"]);
const INSTANCE = kind(FIELDS.instance, ["load", "served", "memUsed", "cpuUsed", "cpuWant", "throttled"], ["wait"]);
const SERVICE = kind(FIELDS.service, ["demand", "served", "dropped", "capacity", "hpaUtil"], []);

/** Relative change below which a gauge is not worth a patch on a periodic refresh. */
const GAUGE_TOLERANCE = 0.2;

function gaugeMoved(old: unknown, v: unknown): boolean {
  if (typeof old !== "number" || typeof v !== "number") return old !== v;
  return Math.abs(v - old) > Math.abs(old) * GAUGE_TOLERANCE || (old === 0) !== (v === 0);
}

/** One mirrored object and the shadow of what it holds. */
interface Mirrored<S> {
  readonly state: S;
  readonly shadow: Fields;
  /** The last pass that saw its item (the others are deleted). */
  seen: number;
}

/** Brings `m` up to date with `v` or leaves it alone, as `refresh` and the header say; true when written. */
function copyItem(m: Mirrored<object>, v: object, k: Kind, refresh: Refresh): boolean {
  const t = m.state as Fields;
  const s = v as Fields;
  const sh = m.shadow;
  let dirty = refresh === "exact";
  for (const f of k.plain) {
    const x = s[f];
    if (sh[f] !== x) {
      t[f] = sh[f] = x;
      dirty = true;
    }
  }
  if (!dirty) {
    if (refresh === "steady") return false;
    for (const f of k.timers) if (sh[f] !== s[f]) dirty = true;
    if (!dirty) for (const f of k.gauges) if (gaugeMoved(sh[f], s[f])) dirty = true;
    if (!dirty) return false;
  }
  for (const f of k.timers) if (sh[f] !== s[f]) t[f] = sh[f] = s[f];
  for (const f of k.gauges) if (sh[f] !== s[f]) t[f] = sh[f] = s[f];
  return true;
}

function fresh<S extends object>(state: S, v: object, k: Kind): Mirrored<S> {
  const m: Mirrored<S> = { state, shadow: {}, seen: 0 };
  copyItem(m, v, k, "exact");
  return m;
}

/** What the mirror knows of one ClusterState: every object it wrote, by id. */
interface ClusterMirror {
  readonly header: Fields;
  upgrades: string;
  readonly nodes: Map<number, Mirrored<NodeState>>;
  readonly instances: Map<number, Mirrored<InstanceState>>;
  readonly services: Mirrored<ServiceState>[];
  spikes: readonly SpikeView[];
  pass: number;
  /** Schema objects written, added or removed by the current pass. */
  written: number;
}

const mirrors = new WeakMap<ClusterState, ClusterMirror>();

function mirrorOf(c: ClusterState): ClusterMirror {
  let m = mirrors.get(c);
  if (!m) {
    // A ClusterState the mirror never wrote: start from an empty one.
    c.nodes.clear();
    c.instances.clear();
    (c.services as unknown as ArraySchema<ServiceState>).clear();
    (c.spikes as unknown as ArraySchema<SpikeState>).clear();
    (c.upgrades as unknown as ArraySchema<string>).clear();
    m = {
      header: {},
      upgrades: "",
      nodes: new Map(),
      instances: new Map(),
      services: [],
      spikes: [],
      pass: 0,
      written: 0,
    };
    mirrors.set(c, m);
  }
  return m;
}

function syncHeader(c: ClusterState, m: ClusterMirror, h: ClusterHeaderView): void {
  const t = c as unknown as Fields;
  const s = h as unknown as Fields;
  let dirty = false;
  for (const f of FIELDS.clusterHeader) {
    const x = s[f];
    if (m.header[f] !== x) {
      t[f] = m.header[f] = x;
      dirty = true;
    }
  }
  if (dirty) m.written++;
  const upgrades = h.upgrades.join(",");
  if (upgrades !== m.upgrades) {
    m.upgrades = upgrades;
    // Changed in place: a new ArraySchema in a cluster some view already holds is not in
    // that view, so its client would never receive the upgrades (StateView shares
    // visibility with a parent collection only, not with a parent Schema).
    const list = c.upgrades as unknown as ArraySchema<string>;
    while (list.length > h.upgrades.length) list.pop();
    h.upgrades.forEach((u, k) => {
      if (k >= list.length) list.push(u);
      else if (list[k] !== u) list[k] = u;
    });
    m.written += 2;
  }
}

function syncItem<S extends object>(
  cm: ClusterMirror,
  map: { set(k: string, v: S): unknown },
  cache: Map<number, Mirrored<S>>,
  v: { readonly id: number },
  make: () => S,
  k: Kind,
  refresh: Refresh,
): void {
  const m = cache.get(v.id);
  if (m) {
    m.seen = cm.pass;
    if (copyItem(m, v, k, refresh)) cm.written++;
    return;
  }
  const made = fresh(make(), v, k);
  made.seen = cm.pass;
  cache.set(v.id, made);
  map.set(String(v.id), made.state);
  cm.written += 2;
}

function dropUnseen<S>(cm: ClusterMirror, map: { delete(k: string): unknown }, cache: Map<number, Mirrored<S>>): void {
  if (cache.size === 0) return;
  for (const [id, m] of cache) {
    if (m.seen === cm.pass) continue;
    cache.delete(id);
    map.delete(String(id));
    cm.written += 2;
  }
}

function syncService(c: ClusterState, m: ClusterMirror, k: number, v: object, refresh: Refresh): void {
  const s = m.services[k];
  if (s) {
    if (copyItem(s, v, SERVICE, refresh)) m.written++;
  } else {
    const made = fresh(new ServiceState(), v, SERVICE);
    m.services[k] = made;
    c.services.push(made.state);
    m.written += 2;
  }
}

/** Spikes are few and rarely change: rewritten in place, so no SpikeState is dropped and remade. */
function syncSpikes(c: ClusterState, m: ClusterMirror, spikes: readonly SpikeView[]): void {
  const old = m.spikes;
  const same =
    old.length === spikes.length &&
    spikes.every((s, k) => {
      const o = old[k]!;
      return o.service === s.service && o.at === s.at && o.end === s.end && o.peak === s.peak;
    });
  if (same) return;
  m.spikes = spikes;
  m.written += 1 + spikes.length;
  const list = c.spikes as unknown as ArraySchema<SpikeState>;
  while (list.length > spikes.length) list.pop();
  spikes.forEach((s, k) => {
    let st = list[k];
    if (!st) {
      st = new SpikeState();
      list.push(st);
    }
    st.service = s.service;
    st.at = s.at;
    st.end = s.end;
    st.peak = s.peak;
  });
}

function begin(c: ClusterState): ClusterMirror {
  const m = mirrorOf(c);
  m.pass++;
  m.written = 0;
  return m;
}

/**
 * Mirrors a world straight into `c`, item by item (no whole ClusterView is built). Returns
 * about how many schema objects it put into the next patch (the patch's cost).
 */
export function mirrorWorld(c: ClusterState, w: World, refresh: Refresh = "exact"): number {
  const m = begin(c);
  syncHeader(c, m, headerOf(w));
  for (const n of w.nodes)
    if (isShown(n)) syncItem(m, c.nodes, m.nodes, nodeView(w, n), () => new NodeState(), NODE, refresh);
  dropUnseen(m, c.nodes, m.nodes);
  for (const i of w.instances)
    syncItem(m, c.instances, m.instances, instanceView(w, i), () => new InstanceState(), INSTANCE, refresh);
  dropUnseen(m, c.instances, m.instances);
  for (let k = 0; k < w.services.length; k++) syncService(c, m, k, serviceView(w, k), refresh);
  syncSpikes(c, m, spikesOf(w));
  return m.written;
}

/** Mirrors a ClusterView into `c` (the same rules and result as `mirrorWorld`). */
export function mirrorCluster(c: ClusterState, v: ClusterView, refresh: Refresh = "exact"): number {
  const m = begin(c);
  syncHeader(c, m, v);
  for (const n of v.nodes) syncItem(m, c.nodes, m.nodes, n, () => new NodeState(), NODE, refresh);
  dropUnseen(m, c.nodes, m.nodes);
  for (const i of v.instances) syncItem(m, c.instances, m.instances, i, () => new InstanceState(), INSTANCE, refresh);
  dropUnseen(m, c.instances, m.instances);
  v.services.forEach((s, k) => syncService(c, m, k, s, refresh));
  syncSpikes(c, m, v.spikes);
  return m.written;
}
