/**
 * "new-round": once a round is over, the instructor starts the class's next one under the
 * same code, keys and seats, with another scenario or seed (docs/protocol.md). The finished
 * round's results and replays stay in storage under its number; the next one opens in the
 * lobby, where students already in the room wait for the start as before.
 */
import type { Scenario } from "@overcommit/shared";
import { readRoundSettings, type Checked } from "../roundSettings.ts";
import type { Classroom } from "./classroom.ts";
import { journalTick } from "./recovery.ts";
import { Round } from "./round.ts";
import { publishClassView } from "./tick.ts";

/** Starts the next round from the host's message: scenario, seed, length, planningSeconds (each optional). */
export function startNextRound(room: Classroom, m: Record<string, unknown>): Checked<void> {
  // Unless told otherwise: the same scenario and planning time, a new random seed.
  const settings = readRoundSettings(m, room.ctx.scenarios, {
    scenario: room.scenario.id,
    planningSeconds: room.row.planning_seconds,
  });
  if (!settings.ok) return settings;
  const { scenario, seed, length, planningSeconds } = settings.value;
  const { classrooms } = room.ctx.storage;
  classrooms.nextRound(room.row.id, {
    round: room.row.round + 1,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    seed,
    roundLength: length,
    planningSeconds,
  });
  room.row = classrooms.byId(room.row.id)!;
  resetToLobby(room, scenario, new Round(scenario, seed, length));
  return { ok: true, value: undefined };
}

/** Ending a round whose clock never started: back to the lobby with the same round, nothing stored. */
export function cancelPlanning(room: Classroom): void {
  resetToLobby(room, room.scenario, new Round(room.scenario, room.round.seed, room.round.length));
}

/**
 * Back to the lobby with a fresh round: the one cancelled during planning, or the class's
 * next one. Seats, teams, kicks and settings stay; clusters, rows and the
 * journal go.
 */
export function resetToLobby(room: Classroom, scenario: Scenario, round: Round): void {
  room.stopClock();
  room.round.refuseQueued("round-over", "The round went back to the lobby before this could be applied.");
  room.scenario = scenario;
  room.round = round;
  round.onTick = (tick, logged) => journalTick(room, tick, logged);
  room.planningMs = 0;
  room.restoredPaused = false;
  room.summary = null;
  // One by one, as a kick does: what every student's view holds goes with a plain delete.
  for (const id of [...room.state.clusters.keys()]) room.state.clusters.delete(id);
  for (const id of [...room.state.rows.keys()]) room.state.rows.delete(id);
  for (const seat of room.book.seats.values()) {
    seat.cluster = "";
    room.syncSeat(seat);
    room.persistSeat(seat);
  }
  for (const c of room.clients) if (c.userData) c.userData.spectating = "";
  room.ctx.storage.journal.clear(room.row.id);
  const s = room.state;
  s.scenario = scenario.id;
  s.title = scenario.title;
  s.length = round.length;
  s.round = room.row.round;
  s.planning = room.row.planning_seconds;
  room.showPlanningLeft();
  room.setPhase("lobby");
  publishClassView(room);
}
