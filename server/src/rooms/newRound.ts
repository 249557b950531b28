/**
 * "new-round": once a round is over, the instructor starts the class's next one under the
 * same code, keys and seats, with another scenario or seed (docs/protocol.md). The finished
 * round's results and replays stay in storage under its number; the next one opens in the
 * lobby, where students already in the room wait for the start as before.
 */
import { readRoundSettings, type Checked } from "../roundSettings.ts";
import type { ClassroomRoom } from "./ClassroomRoom.ts";
import { Round } from "./Round.ts";

/** Starts the next round from the host's message: scenario, seed, length, planningSeconds (each optional). */
export function startNextRound(room: ClassroomRoom, m: Record<string, unknown>): Checked<void> {
  // Unless told otherwise: the same scenario and planning time, a new random seed.
  const settings = readRoundSettings(m, room.ctx.scenarios, { scenario: room.scenario.id, planningSeconds: room.row.planning_seconds });
  if (!settings.ok) return settings;
  const { scenario, seed, length, planningSeconds } = settings.value;
  const { classrooms } = room.ctx.storage;
  classrooms.nextRound(room.row.id, { round: room.row.round + 1, scenarioId: scenario.id, scenarioVersion: scenario.version, seed, roundLength: length, planningSeconds });
  room.row = classrooms.byId(room.row.id)!;
  room.resetToLobby(scenario, new Round(scenario, seed, length));
  return { ok: true, value: undefined };
}

/** Ending a round whose clock never started: back to the lobby with the same round, nothing stored. */
export function cancelPlanning(room: ClassroomRoom): void {
  room.resetToLobby(room.scenario, new Round(room.scenario, room.round.seed, room.round.length));
}
