/**
 * One room tick: step every cluster's world (Round.stepAll), mirror what changed into the
 * synchronised state, tell students what happened in their cluster and the instructor what
 * happened in the class, then send the patch.
 *
 * Refresh schedule: a cluster is mirrored on every tick in which something happened in it
 * (its player's commands, an engine event) and otherwise once every min(speed, 4) ticks,
 * staggered over clusters; instance gauges (when they moved by over a tenth) and
 * leaderboard rows only on that periodic schedule. Why: patch encoding costs the server (clients × changed objects) per tick, and
 * a quiet cluster only drifts (load, money). The room's own `tick` is the clock.
 */
import type { Client } from "@colyseus/core";
import { explainEvent, viewOf, type ClassIncident, type GameEvent, type ToldEvent } from "@overcommit/shared";
import type { ClassroomRoom, ClientData } from "./ClassroomRoom.ts";
import type { Cluster } from "./Round.ts";
import { mirrorCluster } from "./mirror.ts";
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
/** At most this many ticks between full refreshes of a cluster and its leaderboard row. */
const REFRESH_EVERY_MAX = 4;

/** Most class incidents sent to an instructor or projector who joins mid-round. */
const BACKLOG = 50;

/** The latest incidents of every cluster, oldest first (what a late instructor or projector is sent). */
export function classIncidentsSoFar(clusters: Iterable<Cluster>): ClassIncident[] {
  const all: ClassIncident[] = [];
  for (const c of clusters) for (const inc of c.world.incidents) all.push({ cluster: c.id, name: c.name, tick: inc.tick, kind: inc.kind, concept: inc.concept });
  all.sort((a, b) => a.tick - b.tick);
  return all.slice(-BACKLOG);
}

export function tickRoom(room: ClassroomRoom): void {
  if (room.phase !== "running") return;
  const t0 = performance.now();
  const out = room.round.stepAll();
  const incidents: ClassIncident[] = [];
  const audience = studentsByCluster(room);
  for (const { cluster, events, commands } of out) {
    const cs = room.state.clusters.get(cluster.id);
    const periodic = periodicDue(room, cluster);
    if (cs && (periodic || commands > 0 || events.length > 0 || cluster.world.finished)) mirrorCluster(cs, viewOf(cluster.world), periodic ? "periodic" : "steady");
    if (periodic || cluster.world.finished) updateRow(room, cluster);
    const told: ToldEvent[] = [];
    for (const e of events) {
      if (e.type === "incident") {
        const inc = cluster.world.incidents[e.a];
        incidents.push({ cluster: cluster.id, name: cluster.name, tick: e.tick, kind: inc?.kind ?? "", concept: inc?.concept ?? "" });
      }
      const tell = TOLD_EVENTS.has(e.type) || (e.type === "instance-state" && TOLD_CAUSES.has(e.cause) && e.state !== "backoff");
      // The whole event travels (node, instance and service ids), so the client can flash
      // what it hit, with the engine's own sentence.
      if (told.length < MAX_EVENTS_PER_TICK && tell) told.push({ ...e, text: explainEvent(room.scenario, e) });
    }
    if (told.length > 0) for (const cl of audience.get(cluster.id) ?? []) cl.send("events", told);
  }
  room.state.tick = room.round.tick;
  if (incidents.length > 0) for (const cl of room.clients) if (cl.userData?.role !== "student") cl.send("incident", incidents);
  // Patch now rather than at the next patch interval: clients see each tick as soon as it
  // exists, and the measured tick time includes encoding the per-client views.
  room.broadcastPatch();
  room.ctx.metrics.tick(performance.now() - t0);
  if (room.round.over) room.endRound("time");
}

function periodicDue(room: ClassroomRoom, c: Cluster): boolean {
  const every = Math.max(1, Math.min(room.state.speed, REFRESH_EVERY_MAX));
  return (room.round.tick + c.index) % every === 0;
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
