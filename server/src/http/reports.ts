/**
 * The round's report and replays, for the instructor (host key required):
 * GET /api/classrooms/:code/report (JSON, pretty-printed, with the class summary by
 * concept; or CSV with ?format=csv or Accept: text/csv) and
 * GET /api/classrooms/:code/students/:seat/replay (the msgpackr replay of that student's
 * cluster). A class plays rounds one after another: ?round=N picks one; by default the
 * current round once it has started, else the last one played. While a round runs they
 * come from the live room; after it, from storage.
 */
import { Router, type Request, type Response } from "express";
import { encodeReplay } from "@overcommit/shared";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { hasKey } from "./auth.ts";
import { lookupCode } from "./codeLookup.ts";
import { liveRoom } from "./classrooms.ts";
import { byRank, reportCsv, type IncidentSummary, type ReportRow } from "../report.ts";
import { classSummary } from "../classSummary.ts";
import type { ClassroomRow } from "../storage/classrooms.ts";
import type { ClassroomRoom } from "../rooms/classroomRoom.ts";
import { reportRows } from "../rooms/roundResults.ts";

/** Which round a request is about, and whether it is the one the live room is playing. */
type RoundPick = { ok: true; round: number; live: boolean } | { ok: false; message: string };

function pickRound(req: Request, row: ClassroomRow, room: ClassroomRoom | undefined): RoundPick {
  const asked = req.query["round"];
  const underWay = room !== undefined && room.phase !== "lobby" && room.phase !== "ended";
  if (asked === undefined) {
    // A class back in its lobby for the next round is still reporting on the last one.
    const inLobby = room
      ? room.phase === "lobby"
      : row.phase === "lobby" || row.phase === "new" || row.phase === "closed";
    const round = inLobby && row.round > 1 ? row.round - 1 : row.round;
    return { ok: true, round, live: underWay && round === row.round };
  }
  const n = typeof asked === "string" && /^[0-9]{1,6}$/.test(asked) ? Number(asked) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > row.round)
    return { ok: false, message: `"round" must be a whole number from 1 to ${row.round}.` };
  return { ok: true, round: n, live: underWay && n === row.round };
}

export function reportRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { storage } = deps;

  function authorised(req: Request, res: Response): ClassroomRow | undefined {
    // A 404 here against a 403 there also tells whether a code exists: the same guessing throttle applies.
    const row = lookupCode(deps, req, res, (c) => storage.classrooms.byCode(c), {
      code: "unknown-classroom",
      message: "No classroom has that code.",
    });
    if (!row) return undefined;
    if (!hasKey(req, row.host_key_hash)) {
      sendError(res, 403, "bad-key", "The host key of this classroom is required.");
      return undefined;
    }
    return row;
  }

  r.get("/classrooms/:code/report", async (req, res, next) => {
    try {
      const row = authorised(req, res);
      if (!row) return;
      const room = await liveRoom(row.code);
      const pick = pickRound(req, row, room);
      if (!pick.ok) return sendError(res, 400, "bad-field", pick.message);
      const played = storage.results.rounds(row.id).find((x) => x.round === pick.round);
      let rows: ReportRow[];
      let phase: string;
      if (pick.live && room) {
        rows = reportRows(room);
        phase = room.phase;
      } else {
        phase = pick.round < row.round || played ? "ended" : room ? room.phase : row.phase;
        rows = storage.results.results(row.id, pick.round).map((x) => ({
          seat: x.seat_id,
          nickname: x.nickname,
          team: x.team,
          cluster: x.cluster,
          score: x.score,
          slaBp: x.sla_bp,
          money: x.money,
          bailouts: x.bailouts,
          ticks: x.ticks,
          stateHash: x.state_hash,
          incidents: JSON.parse(x.incidents_json) as IncidentSummary,
        }));
      }
      rows.sort(byRank);
      const wantsCsv =
        req.query["format"] === "csv" ||
        (req.query["format"] === undefined && req.accepts(["application/json", "text/csv"]) === "text/csv");
      const name = `overcommit-${row.code}${row.round > 1 ? `-round${pick.round}` : ""}-report`;
      if (wantsCsv) {
        res.type("text/csv; charset=utf-8").attachment(`${name}.csv`).send(reportCsv(rows));
        return;
      }
      const report = {
        classroomId: row.id,
        code: row.code,
        round: pick.round,
        rounds: row.round,
        scenario: played?.scenario_id ?? row.scenario_id,
        scenarioVersion: played?.scenario_version ?? row.scenario_version,
        // The rules it was played under: its replays re-simulate exactly only under the same.
        rulesVersion: played?.rules_version ?? row.rules_version,
        seed: played?.seed ?? row.seed,
        mode: row.mode,
        phase,
        students: rows,
        summary: classSummary(rows, pick.round),
      };
      // Pretty-printed: instructors open it in a browser tab.
      res.type("application/json; charset=utf-8").send(`${JSON.stringify(report, null, 2)}\n`);
    } catch (err) {
      next(err);
    }
  });

  r.get("/classrooms/:code/students/:seat/replay", async (req, res, next) => {
    try {
      const row = authorised(req, res);
      if (!row) return;
      const seatId = req.params["seat"] ?? "";
      const room = await liveRoom(row.code);
      const pick = pickRound(req, row, room);
      if (!pick.ok) return sendError(res, 400, "bad-field", pick.message);
      let bytes: Uint8Array | undefined;
      if (pick.live && room) {
        const seat = room.book.seats.get(seatId);
        const c = seat ? room.round.clusters.get(seat.cluster) : undefined;
        if (c) bytes = encodeReplay(room.round.replayOf(c));
      } else {
        const seat = storage.results.results(row.id, pick.round).find((x) => x.seat_id === seatId);
        if (seat) bytes = storage.results.replay(row.id, pick.round, seat.cluster);
      }
      if (!bytes)
        return sendError(res, 404, "unknown-seat", "That student has no replay in this round of the classroom.");
      res
        .type("application/octet-stream")
        .attachment(`overcommit-${row.code}-${seatId}.replay`)
        .send(Buffer.from(bytes));
    } catch (err) {
      next(err);
    }
  });
  return r;
}
