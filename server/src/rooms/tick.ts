/**
 * One room tick: step every cluster's world (Round.stepAll), mirror this tick's share of
 * them into the synchronised state (the room's MirrorSchedule, mirrorSchedule.ts, decides
 * which), tell students what happened in their cluster and the instructor what happened in
 * the class, then send the patch. Events are told to the student on the tick they happen
 * (the "events" message), whether or not their cluster is mirrored in that tick.
 *
 * What everyone receives — the room's clock (`tick`) and the leaderboard rows — changes
 * only on a *class tick*, every min(speed, 4) ticks (once a second from speed 4 up), with
 * the rows of the clusters refreshed since the last one. Any change there puts every
 * client into that tick's patch, and a patch costs a socket write per client: sent on every
 * tick, the clock alone cost a write per client per tick. Between class ticks only the
 * clients whose cluster was mirrored are sent anything (patchSerializer.ts). A student's own
 * clock is their cluster's `tick`, which moves with their cluster's mirroring. What this
 * costs and saves, measured, is in docs/performance.md.
 */
import type { Client } from "@colyseus/core";
import {
  alarmsPlayer,
  explainEvent,
  payloadOf,
  type ClassIncident,
  type GameEvent,
  type Incident,
  type ToldEvent,
} from "@overcommit/shared";
import type { ClientData, TickedRoom } from "./classroom.ts";
import type { Cluster } from "./round.ts";
import { isClassTick } from "./mirrorSchedule.ts";
import { corked } from "./corked.ts";
import { runQueueWaitMs } from "../threadTime.ts";
import { worldFigures } from "../report.ts";

/**
 * Events forwarded to a student as explained sentences besides those that alarm them
 * (alarmsPlayer, which includes the instance changes that flash on their screen); the rest
 * is visible in the state.
 */
const TOLD_EVENTS = new Set<GameEvent["type"]>([
  "node-ready",
  "node-repaired",
  "node-removed",
  "drain-blocked",
  "unschedulable",
  "spike-announced",
  "spike-ended",
  "registry-up",
  "pull-backoff",
  "noisy-end",
  "upgrade-bought",
  "hpa-scaled",
  "rollout-done",
  "ca-scale-up",
  "ca-scale-down",
  "incident",
  "incident-resolved",
  "round-over",
]);
const MAX_EVENTS_PER_TICK = 12;

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

export function tickRoom(room: TickedRoom): void {
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

function stepAndPatch(room: TickedRoom): void {
  const out = room.round.stepAll();
  const now = room.round.tick;
  room.mirrors.tick(now, room.state.speed, out);
  const incidents: ClassIncident[] = [];
  let audience: Map<string, Client<ClientData>[]> | null = null;
  for (const { cluster, events } of out) {
    if (events.length === 0) continue;
    audience = tellEvents(room, cluster, events, incidents, audience);
    if (events.some((e) => e.type === "bailout")) tellHostBailout(room, cluster);
  }
  if (isClassTick(now, room.state.speed)) publishClassTick(room);
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
  room: TickedRoom,
  cluster: Cluster,
  events: readonly GameEvent[],
  incidents: ClassIncident[],
  audience: Map<string, Client<ClientData>[]> | null,
): Map<string, Client<ClientData>[]> | null {
  const told: ToldEvent[] = [];
  for (const e of events) {
    if (e.type === "incident") {
      const inc = cluster.world.incidents[payloadOf("incident", e).incident];
      if (inc) incidents.push(classIncident(cluster, inc));
    }
    const tell = TOLD_EVENTS.has(e.type) || alarmsPlayer(e);
    // The whole event travels (node, instance and service ids), so the client can flash
    // what it hit, with the engine's own sentence.
    if (told.length < MAX_EVENTS_PER_TICK && tell) told.push({ ...e, text: explainEvent(room.scenario, e) });
  }
  if (told.length === 0) return audience;
  const byCluster = audience ?? studentsByCluster(room);
  for (const cl of byCluster.get(cluster.id) ?? []) cl.send("events", told);
  return byCluster;
}

/**
 * A student went bankrupt and the bank bailed them out: the instructor is told at once (a
 * student in trouble may want a word), the projector only shows the mark on their row.
 */
function tellHostBailout(room: TickedRoom, c: Cluster): void {
  const message = `${c.name} went bankrupt; the bank bailed them out (×${c.world.bailouts}) and they play on, the loan and a fee off their score.`;
  for (const cl of room.clients) if (cl.userData?.role === "host") cl.send("notice", { message });
}

/** The class's new incidents, to the instructor and the projector. */
export function tellIncidents(room: TickedRoom, incidents: readonly ClassIncident[]): void {
  if (incidents.length > 0)
    for (const cl of room.clients) if (cl.userData?.role !== "student") cl.send("incident", incidents);
}

function publishClassTick(room: TickedRoom): void {
  room.state.tick = room.round.tick;
  for (const c of room.mirrors.takeRowsDue()) updateRow(room, c);
}

/** The room's clock and every leaderboard row, as they are now (pause, the end). */
export function publishClassView(room: TickedRoom): void {
  room.state.tick = room.round.tick;
  for (const c of room.round.clusters.values()) updateRow(room, c);
  room.mirrors.takeRowsDue();
}

export function updateRow(room: TickedRoom, c: Cluster): void {
  const row = room.state.rows.get(c.id);
  if (!row) return;
  const f = worldFigures(c.world);
  row.score = f.score;
  row.money = f.money;
  row.slaBp = f.slaBp;
  row.bailouts = f.bailouts;
  row.incidents = c.world.incidents.length;
  row.openIncidents = c.world.openIncidents.length;
}

function studentsByCluster(room: TickedRoom): Map<string, Client<ClientData>[]> {
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
