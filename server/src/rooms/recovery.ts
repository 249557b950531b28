/**
 * Crash recovery of a classroom: every tick of its round is journaled (the clock and the
 * commands applied, before anyone is answered) and its worlds are snapshotted in turn
 * (journaling.ts); a room whose grant says `restore` rebuilds its seats, clusters and
 * worlds from that journal and waits, paused, for the instructor.
 */
import type { Classroom } from "./classroom.ts";
import { restoreRound, saveSnapshots, snapshotsDue } from "./journaling.ts";
import { resumedPlanningMs } from "./planning.ts";
import type { Cluster, LoggedCommand } from "./round.ts";
import { showCluster } from "./seating.ts";

/** Journals a tick of the round (Round.onTick), then snapshots the worlds that are due. */
export function journalTick(room: Classroom, tick: number, logged: readonly LoggedCommand[]): void {
  try {
    room.ctx.storage.journal.appendTick(room.row.id, tick, logged);
  } catch (err) {
    // The round goes on (a full disk must not stop a class); only its recovery is at risk.
    room.ctx.log.error({ err, room: room.roomId }, "could not journal the tick");
  }
  // Planning commands go into the log between ticks: worlds are snapshotted only as the clock runs.
  if (room.phase === "planning") return;
  const due = snapshotsDue(room.round, tick);
  if (due.length > 0) setImmediate(() => saveDueSnapshots(room, due));
}

/** After the tick: a round that ended meanwhile has had its journal cleared and needs none. */
function saveDueSnapshots(room: Classroom, due: readonly Cluster[]): void {
  if ((room.phase !== "running" && room.phase !== "paused") || !room.ctx.storage.db.open) return;
  try {
    saveSnapshots(
      room.ctx.storage.journal,
      room.row.id,
      due.filter((c) => room.round.clusters.get(c.id) === c),
    );
  } catch (err) {
    room.ctx.log.error({ err, room: room.roomId }, "could not snapshot the round's worlds");
  }
}

/** Rebuilds seats, clusters and worlds from storage; the round waits, paused, for the host. */
export function restoreClassroom(room: Classroom): void {
  const t0 = performance.now();
  const seats = room.ctx.storage.classrooms.seats(room.row.id);
  for (const r of seats)
    room.book.restore({
      id: r.seat_id,
      tokenHash: r.token_hash,
      nickname: r.nickname,
      team: r.team,
      cluster: r.cluster,
      kicked: r.kicked === 1,
    });
  room.state.locked = room.row.locked === 1;
  for (const seat of room.book.seats.values()) room.syncSeat(seat);
  if (room.row.phase === "lobby") return;
  const rebuilt = restoreRound(room.round, room.ctx.storage.journal.load(room.row.id), room.row.round_tick);
  for (const c of room.round.clusters.values()) showCluster(room, c);
  room.state.tick = room.round.tick;
  // A round restored before its clock started goes on planning, with at least a countdown, once resumed.
  if (room.round.tick === 0 && room.row.planning_left > 0) {
    room.planningMs = resumedPlanningMs(room.row.planning_left * 1000);
    room.showPlanningLeft();
  }
  room.setPhase("paused");
  room.restoredPaused = true;
  if (rebuilt.damaged.length > 0)
    room.ctx.log.error(
      { room: room.roomId, clusters: rebuilt.damaged },
      "journal damaged: these clusters could not be rebuilt",
    );
  room.ctx.log.info(
    {
      room: room.roomId,
      code: room.row.code,
      tick: room.round.tick,
      clusters: room.round.clusters.size,
      fromSnapshots: rebuilt.fromSnapshots,
      ms: Math.round(performance.now() - t0),
    },
    "classroom restored",
  );
  if (room.round.over) room.endRound("time");
}
