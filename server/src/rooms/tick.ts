/**
 * One room tick: step every cluster's world (Round.stepAll), mirror what changed into the
 * synchronised state, tell students what happened in their cluster and the instructor what
 * happened in the class, then send the patch.
 *
 * Why a mirroring schedule: encoding the patch costs the server (clients × changed schema
 * objects), and mirroring a cluster costs building and comparing its items, so a tick's
 * time follows how much is mirrored in it. Every cluster plays the same scenario with the
 * same seed, so engine events (a spike, a scripted failure, instances booting at the start)
 * land on the same tick in all of them: mirroring every cluster that had an event, or was
 * due a refresh, on that tick is what made the slowest ticks. So each tick:
 * - a cluster whose player's commands were applied is mirrored in that tick, the result
 *   of a click in the patch of the tick it was applied — while the tick's COMMAND_BUDGET
 *   lasts. When a whole class acts at once (the opening moves; everyone scaling up for an
 *   announced spike) the commanded clusters beyond it go first in the next tick, in the
 *   order their commands came: such a burst cost one tick 15 ms (517 schema objects), now
 *   it is spread over a few ticks of about 2 ms of mirroring each. The answer to each
 *   command is never held back;
 * - a cluster that finished is mirrored exactly, once;
 * - a cluster whose last periodic refresh is OVERDUE_PERIODS periods old is refreshed
 *   ahead of the others, oldest first, within OVERDUE_BUDGET (a bound on how stale a
 *   screen gets when the budget runs short);
 * - the others wait their turn: those with engine events not mirrored yet, and those due
 *   a periodic refresh (gauges, timers, money and their leaderboard row; due min(speed, 4)
 *   ticks after the last one). They are mirrored oldest first, the two kinds taking
 *   turns, while the tick's TICK_BUDGET lasts (what mirror.ts reports it wrote, plus
 *   MIRROR_COST a cluster); the rest keep their place for the next tick. Measured with 60
 *   clusters at speed 4 (the room benchmark): the state an event changed shows one tick
 *   later at the median and up to about two seconds later in a burst; a quiet cluster is
 *   refreshed every 8 ticks at the median, every 16 at worst. A small class is refreshed
 *   every min(speed, 4) ticks. TICK_BUDGET trades these delays against the tick's time.
 * Events are still told to the student on the tick they happen (the "events" message).
 *
 * What everyone receives — the room's clock (`tick`) and the leaderboard rows — changes
 * only on a *class tick*, every min(speed, 4) ticks (once a second from speed 4 up), with
 * the rows of the clusters refreshed since the last one. Any change there puts every
 * client into that tick's patch, and a patch costs a socket write per client (about 20 µs
 * each on loopback): sent on every tick, the clock alone cost 60 writes a tick. Between
 * class ticks only the clients whose cluster was mirrored are sent anything
 * (patchSerializer.ts). A student's own clock is their cluster's `tick`, which moves with
 * their cluster's mirroring.
 */
import type { Client } from "@colyseus/core";
import { explainEvent, type ClassIncident, type GameEvent, type Incident, type ToldEvent } from "@overcommit/shared";
import type { ClassroomRoom, ClientData } from "./ClassroomRoom.ts";
import type { Cluster } from "./Round.ts";
import { mirrorWorld, type Refresh } from "./mirror.ts";
import { corked } from "./corked.ts";
import { runQueueWaitMs } from "../threadTime.ts";
import { worldFigures } from "../report.ts";

/** Event types forwarded to a student as explained sentences (the rest is visible in state). */
const TOLD_EVENTS = new Set<GameEvent["type"]>([
  "node-ready", "node-failed", "node-not-ready", "node-repaired", "node-removed", "drain-blocked", "unschedulable",
  "spike-announced", "spike-started", "spike-ended", "registry-down", "registry-up", "noisy-start", "noisy-end",
  "upgrade-bought", "hpa-scaled", "rollout-done", "ca-scale-up", "ca-scale-down", "incident", "incident-resolved",
  "money-negative", "bankrupt", "round-over",
]);
/** Instance changes a student is told about: the ones that flash on their screen. */
const TOLD_CAUSES = new Set<GameEvent["cause"]>(["crash", "oom", "oom-node", "overload", "kernel", "node-failed", "evicted"]);
const MAX_EVENTS_PER_TICK = 12;
/** At most this many ticks between periodic refreshes of a cluster and its leaderboard row. */
const REFRESH_EVERY_MAX = 4;
/**
 * What one tick may spend on mirroring, in schema objects put into the patch (encoding
 * costs clients × objects) plus MIRROR_COST per cluster mirrored (building its items and
 * comparing them). What the clusters mirrored first cost (just finished, commanded,
 * overdue, each within its own allowance) is counted first; the waiting ones take what is
 * left.
 */
const TICK_BUDGET = 40;
const MIRROR_COST = 2;
/**
 * What one tick may spend on commanded clusters (same units): past it, the rest wait for the
 * next tick; at least one is mirrored per tick whatever it costs. About 10 µs a unit
 * (mirroring, encoding and sending), measured in the room benchmark.
 */
const COMMAND_BUDGET = 160;
/**
 * Periods after which a periodic refresh goes ahead of the budget (staleness has a bound),
 * within OVERDUE_BUDGET a tick, oldest first. Uncapped, a class whose refreshes all waited
 * behind its opening moves came due at once: 350 units, 6–7 ms of one tick.
 */
const OVERDUE_PERIODS = 4;
const OVERDUE_BUDGET = 80;

/** Where a cluster stands in the mirroring schedule. */
interface Mark {
  /** Round tick of its first engine event not mirrored yet, or -1. */
  dirtySince: number;
  /** Round tick of its last periodic (or exact) refresh. */
  refreshed: number;
  /** Mirrored exactly since its world finished. */
  final: boolean;
  /** Round tick of its first applied command not mirrored yet, or -1. */
  commandedSince: number;
}
const marks = new WeakMap<Cluster, Mark>();

function markOf(c: Cluster, now: number, every: number): Mark {
  let m = marks.get(c);
  // Staggered by creation order, so periodic refreshes spread over the ticks of a period.
  if (!m) marks.set(c, (m = { dirtySince: -1, refreshed: now - (c.index % every), final: false, commandedSince: -1 }));
  return m;
}

/** Most class incidents sent to an instructor or projector who joins mid-round. */
const BACKLOG = 50;

/** The latest incidents of every cluster, oldest first (what a late instructor or projector is sent). */
export function classIncidentsSoFar(clusters: Iterable<Cluster>): ClassIncident[] {
  const all: ClassIncident[] = [];
  for (const c of clusters) for (const inc of c.world.incidents) all.push(classIncident(c, inc));
  all.sort((a, b) => a.tick - b.tick);
  return all.slice(-BACKLOG);
}

function classIncident(c: Cluster, inc: Incident): ClassIncident {
  const service = inc.service >= 0 ? (c.world.scenario.services[inc.service]?.name ?? "") : "";
  return { cluster: c.id, name: c.name, tick: inc.tick, kind: inc.kind, concept: inc.concept, service };
}

export function tickRoom(room: ClassroomRoom): void {
  if (room.phase !== "running") return;
  const waited0 = room.ctx.config.measureTickCpu ? runQueueWaitMs() : null;
  const t0 = performance.now();
  // Measured with the writes: they leave when the sockets are uncorked.
  corked(room.clients, () => stepAndPatch(room));
  const wall = performance.now() - t0;
  const waited1 = waited0 === null ? null : runQueueWaitMs();
  room.ctx.metrics.tick(wall, waited1 === null ? undefined : Math.max(0, wall - (waited1 - waited0!)));
  if (room.round.over) room.endRound("time");
}

function stepAndPatch(room: ClassroomRoom): void {
  const out = room.round.stepAll();
  const now = room.round.tick;
  const every = Math.max(1, Math.min(room.state.speed, REFRESH_EVERY_MAX));
  let budget = TICK_BUDGET;
  // Waiting for their turn: clusters with engine events not mirrored yet, and those due a periodic refresh.
  const eventful: Cluster[] = [];
  const due: Cluster[] = [];
  const commanded: Cluster[] = [];
  const overdue: Cluster[] = [];
  const incidents: ClassIncident[] = [];
  let audience: Map<string, Client<ClientData>[]> | null = null;
  for (const { cluster, events, commands } of out) {
    const m = markOf(cluster, now, every);
    if (events.length > 0 && m.dirtySince < 0) m.dirtySince = now;
    // A finished world's commands are refused and change nothing: no mirroring for them.
    if (commands > 0 && m.commandedSince < 0 && !cluster.world.finished) m.commandedSince = now;
    if (cluster.world.finished && !m.final) {
      budget -= mirror(room, cluster, m, now, every, true);
      m.final = true;
    } else if (m.commandedSince >= 0) commanded.push(cluster);
    else if (!m.final && now - m.refreshed >= every * OVERDUE_PERIODS) overdue.push(cluster);
    else if (!m.final && m.dirtySince >= 0) eventful.push(cluster);
    else if (!m.final && now - m.refreshed >= every) due.push(cluster);
    if (events.length > 0) audience = tellEvents(room, cluster, events, incidents, audience);
  }
  if (commanded.length > 0) {
    // Those left waiting by an earlier tick first, then in creation order.
    commanded.sort((a, b) => marks.get(a)!.commandedSince - marks.get(b)!.commandedSince || a.index - b.index);
    budget -= mirrorWithin(room, commanded, COMMAND_BUDGET, now, every);
  }
  if (overdue.length > 0) {
    overdue.sort((a, b) => marks.get(a)!.refreshed - marks.get(b)!.refreshed || a.index - b.index);
    budget -= mirrorWithin(room, overdue, OVERDUE_BUDGET, now, every);
  }
  if (budget > 0 && eventful.length + due.length > 0) {
    // Oldest first in each queue; the two take turns, so neither starves the other.
    eventful.sort((a, b) => marks.get(a)!.dirtySince - marks.get(b)!.dirtySince);
    due.sort((a, b) => marks.get(a)!.refreshed - marks.get(b)!.refreshed);
    let e = 0;
    let p = 0;
    while (budget > 0 && (e < eventful.length || p < due.length)) {
      const c = (e < eventful.length && (p >= due.length || e <= p) ? eventful[e++] : due[p++])!;
      budget -= mirror(room, c, marks.get(c)!, now, every);
    }
  }
  if (now % every === 0) publishClassTick(room);
  tellIncidents(room, incidents);
  // Patch now rather than at the next patch interval: clients see each tick as soon as it
  // exists, and the measured tick time includes encoding the per-client views.
  room.broadcastPatch();
}

/**
 * Tells a cluster's students what happened to it (the "events" message, with the engine's
 * sentences) and adds its new incidents to `incidents` for the instructor and projector.
 * Returns the students by cluster, looked up once per tick when first needed.
 */
export function tellEvents(
  room: ClassroomRoom,
  cluster: Cluster,
  events: readonly GameEvent[],
  incidents: ClassIncident[],
  audience: Map<string, Client<ClientData>[]> | null,
): Map<string, Client<ClientData>[]> | null {
  const told: ToldEvent[] = [];
  for (const e of events) {
    if (e.type === "incident") {
      const inc = cluster.world.incidents[e.a];
      if (inc) incidents.push(classIncident(cluster, inc));
    }
    const tell = TOLD_EVENTS.has(e.type) || (e.type === "instance-state" && TOLD_CAUSES.has(e.cause) && e.state !== "backoff");
    // The whole event travels (node, instance and service ids), so the client can flash
    // what it hit, with the engine's own sentence.
    if (told.length < MAX_EVENTS_PER_TICK && tell) told.push({ ...e, text: explainEvent(room.scenario, e) });
  }
  if (told.length === 0) return audience;
  const byCluster = audience ?? studentsByCluster(room);
  for (const cl of byCluster.get(cluster.id) ?? []) cl.send("events", told);
  return byCluster;
}

/** The class's new incidents, to the instructor and the projector. */
export function tellIncidents(room: ClassroomRoom, incidents: readonly ClassIncident[]): void {
  if (incidents.length > 0) for (const cl of room.clients) if (cl.userData?.role !== "student") cl.send("incident", incidents);
}

/** Mirrors the clusters of `list` in order while `allowance` lasts (at least one); returns what they cost. */
function mirrorWithin(room: ClassroomRoom, list: readonly Cluster[], allowance: number, now: number, every: number): number {
  let spent = 0;
  for (const c of list) {
    if (spent >= allowance) break;
    spent += mirror(room, c, marks.get(c)!, now, every);
  }
  return spent;
}

/**
 * Mirrors one cluster: exactly, or as a periodic refresh when one is due, else only what
 * changed in its ordinary fields. Returns what it cost out of the tick's budget.
 */
function mirror(room: ClassroomRoom, c: Cluster, m: Mark, now: number, every: number, exact = false): number {
  const refresh: Refresh = exact ? "exact" : now - m.refreshed >= every ? "periodic" : "steady";
  const cs = room.state.clusters.get(c.id);
  const written = cs ? mirrorWorld(cs, c.world, refresh) : 0;
  m.dirtySince = -1;
  m.commandedSince = -1;
  if (refresh !== "steady") {
    m.refreshed = now;
    rowsDueOf(room).add(c);
  }
  return MIRROR_COST + written;
}

/**
 * Clusters refreshed since the last class tick, whose leaderboard rows it updates: a row
 * moves with its cluster's periodic refresh (so the two agree), on the next class tick.
 */
const rowsDue = new WeakMap<ClassroomRoom, Set<Cluster>>();

function rowsDueOf(room: ClassroomRoom): Set<Cluster> {
  let s = rowsDue.get(room);
  if (!s) rowsDue.set(room, (s = new Set()));
  return s;
}

function publishClassTick(room: ClassroomRoom): void {
  room.state.tick = room.round.tick;
  const due = rowsDueOf(room);
  for (const c of due) updateRow(room, c);
  due.clear();
}

/** The room's clock and every leaderboard row, as they are now (pause, the end). */
export function publishClassView(room: ClassroomRoom): void {
  room.state.tick = room.round.tick;
  for (const c of room.round.clusters.values()) updateRow(room, c);
  rowsDueOf(room).clear();
}

export function updateRow(room: ClassroomRoom, c: Cluster): void {
  const row = room.state.rows.get(c.id);
  if (!row) return;
  const f = worldFigures(c.world);
  row.score = f.score;
  row.money = f.money;
  row.slaBp = f.slaBp;
  row.bankrupt = f.bankrupt;
  row.incidents = c.world.incidents.length;
  row.openIncidents = c.world.openIncidents.length;
}

function studentsByCluster(room: ClassroomRoom): Map<string, Client<ClientData>[]> {
  const m = new Map<string, Client<ClientData>[]>();
  for (const cl of room.clients) {
    if (cl.userData?.role !== "student") continue;
    const c = room.book.seats.get(cl.userData.seat)?.cluster;
    if (!c) continue;
    const list = m.get(c);
    if (list) list.push(cl);
    else m.set(c, [cl]);
  }
  return m;
}
