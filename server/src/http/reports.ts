/**
 * The round's report and replays, for the instructor (host key required):
 * GET /api/classrooms/:code/report (JSON, or CSV with ?format=csv or Accept: text/csv) and
 * GET /api/classrooms/:code/students/:seat/replay (the msgpackr replay of that student's
 * cluster). While the round runs they come from the live room; after it, from storage.
 */
import { Router, type Request, type Response } from "express";
import { encodeReplay } from "@overcommit/shared";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { hasKey } from "./auth.ts";
import { lookupCode } from "./codeLookup.ts";
import { liveRoom } from "./classrooms.ts";
import { reportCsv, type IncidentSummary, type ReportRow } from "../report.ts";
import type { ClassroomRow } from "../storage/classrooms.ts";

export function reportRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { storage } = deps;

  function authorised(req: Request, res: Response): ClassroomRow | undefined {
    // A 404 here against a 403 there also tells whether a code exists: the same guessing throttle applies.
    const row = lookupCode(deps, req, res, (c) => storage.classrooms.byCode(c), { code: "unknown-classroom", message: "No classroom has that code." });
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
      let rows: ReportRow[];
      let phase: string;
      if (room && room.phase !== "ended") {
        rows = room.reportRows();
        phase = room.phase;
      } else {
        phase = room ? room.phase : row.phase;
        rows = storage.results.results(row.id).map((x) => ({
          seat: x.seat_id,
          nickname: x.nickname,
          team: x.team,
          cluster: x.cluster,
          score: x.score,
          slaBp: x.sla_bp,
          money: x.money,
          bankrupt: x.bankrupt === 1,
          ticks: x.ticks,
          stateHash: x.state_hash,
          incidents: JSON.parse(x.incidents_json) as IncidentSummary,
        }));
      }
      rows.sort((a, b) => b.score - a.score || a.nickname.localeCompare(b.nickname));
      const wantsCsv = req.query["format"] === "csv" || (req.query["format"] === undefined && req.accepts(["application/json", "text/csv"]) === "text/csv");
      if (wantsCsv) {
        res.type("text/csv; charset=utf-8").attachment(`overcommit-${row.code}-report.csv`).send(reportCsv(rows));
        return;
      }
      res.json({ classroomId: row.id, code: row.code, scenario: row.scenario_id, scenarioVersion: row.scenario_version, seed: row.seed, mode: row.mode, phase, students: rows });
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
      let bytes: Uint8Array | undefined;
      if (room && room.phase !== "ended") {
        const seat = room.book.seats.get(seatId);
        const c = seat ? room.round.clusters.get(seat.cluster) : undefined;
        if (c) bytes = encodeReplay(room.round.replayOf(c));
      } else {
        const seat = storage.results.results(row.id).find((x) => x.seat_id === seatId);
        if (seat) bytes = storage.results.replay(row.id, seat.cluster);
      }
      if (!bytes) return sendError(res, 404, "unknown-seat", "That student has no replay in this classroom.");
      res.type("application/octet-stream").attachment(`overcommit-${row.code}-${seatId}.replay`).send(Buffer.from(bytes));
    } catch (err) {
      next(err);
    }
  });
  return r;
}
