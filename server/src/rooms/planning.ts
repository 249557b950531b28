/**
 * The planning phase that opens a classroom round (docs/rules.md, "Classroom rounds").
 *
 * The clusters exist and their students may look, buy and place, but the clock stands
 * still: commands are applied between ticks (Round.applyQueued, the shared `applyNow`) and
 * logged at tick 0, so a replay applies them before its first step and reaches the same
 * world. Nodes bought now start provisioning, and instances placed now start booting, only
 * when the clock starts. The planning time counts down in real seconds (`planningLeft` in
 * the state, saved each second so a restored room keeps what was left); its last
 * COUNTDOWN_SECONDS are the countdown into the round on every screen; then the round runs.
 *
 * Every PLANNING_INTERVAL_MS the queued commands are applied and answered, the clusters
 * they changed are mirrored, and the countdown moves.
 */
import { COUNTDOWN_SECONDS, type ClassIncident } from "@overcommit/shared";
import type { Classroom } from "./classroom.ts";
import { corked } from "./corked.ts";
import { mirrorWorld } from "./mirror.ts";
import { tellEvents, tellIncidents, updateRow } from "./tick.ts";

/** How often queued planning commands are applied and the countdown moves. */
export const PLANNING_INTERVAL_MS = 250;

/** Whole seconds left of `ms` of planning, as the screens show them. */
export function secondsLeft(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** One planning interval of `elapsedMs` real milliseconds. */
export function planTick(room: Classroom, elapsedMs: number): void {
  if (room.phase !== "planning") return;
  corked(room.clients, () => {
    const incidents: ClassIncident[] = [];
    let audience = null;
    for (const { cluster, events, commands } of room.round.applyQueued()) {
      if (commands === 0) continue;
      const cs = room.state.clusters.get(cluster.id);
      if (cs) mirrorWorld(cs, cluster.world);
      updateRow(room, cluster);
      if (events.length > 0) audience = tellEvents(room, cluster, events, incidents, audience);
    }
    tellIncidents(room, incidents);
    room.planningMs = Math.max(0, room.planningMs - Math.max(0, elapsedMs));
    room.showPlanningLeft();
    room.broadcastPatch();
  });
  if (room.planningMs === 0) room.beginClock();
}

/** Planning time to resume with: what was left, but never less than a whole countdown. */
export function resumedPlanningMs(leftMs: number): number {
  return Math.max(leftMs, COUNTDOWN_SECONDS * 1000);
}
