/**
 * A round's results: each seat's figures (the report's rows), and at the end of the round
 * the results, replays and class summary, stored in one transaction with the journal
 * cleared, so a finished round is never brought back by a restart.
 */
import { encodeReplay, RULES_VERSION, type ClassSummary } from "@overcommit/shared";
import { classSummary } from "../classSummary.ts";
import { incidentSummary, worldFigures, type ReportRow } from "../report.ts";
import type { Classroom } from "./classroom.ts";

/** Each seat's figures in the round: the report's rows. */
export function reportRows(room: Classroom): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const seat of room.book.seats.values()) {
    const c = room.round.clusters.get(seat.cluster);
    if (!c) continue;
    rows.push({
      seat: seat.id,
      nickname: seat.nickname,
      team: seat.team,
      cluster: c.id,
      ...worldFigures(c.world),
      stateHash: room.round.replayOf(c).hash,
      incidents: incidentSummary(c.world),
    });
  }
  return rows;
}

/** Stores the round's results and replays (a failure is logged: the class is told the end all the same); returns the class summary. */
export function storeRound(room: Classroom): ClassSummary {
  const rows = reportRows(room);
  const summary = classSummary(rows, room.row.round);
  const results = rows.map((r) => ({ ...r, seatId: r.seat }));
  const replays = new Map<string, Uint8Array>();
  for (const c of room.round.clusters.values()) replays.set(c.id, encodeReplay(room.round.replayOf(c)));
  const played = {
    round: room.row.round,
    scenarioId: room.scenario.id,
    scenarioVersion: room.scenario.version,
    rulesVersion: RULES_VERSION,
    seed: room.round.seed,
    length: room.round.length,
  };
  try {
    room.ctx.storage.results.saveRound(room.row.id, played, results, replays);
    room.ctx.storage.journal.clear(room.row.id);
  } catch (err) {
    room.ctx.log.error({ err, room: room.roomId }, "could not store the round's results");
  }
  return summary;
}
