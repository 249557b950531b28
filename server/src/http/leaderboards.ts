/** GET /api/leaderboards/:scenario?limit=N: the best verified solo run per nickname, best first. */
import { Router } from "express";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";

export function leaderboardRoutes({ storage, scenarios }: ApiDeps): Router {
  const r = Router();
  r.get("/leaderboards/:scenario", (req, res) => {
    const sc = scenarios.get(req.params["scenario"] ?? "");
    if (!sc) return sendError(res, 404, "unknown-scenario", "There is no such scenario.");
    const n = Number(req.query["limit"] ?? 20);
    const limit = Number.isInteger(n) && n >= 1 && n <= 100 ? n : 20;
    const rows = storage.assignments.leaderboard(sc.id, sc.version, limit);
    res.json({ scenario: sc.id, version: sc.version, entries: rows.map((x, k) => ({ rank: k + 1, nickname: x.nickname, score: x.score, slaBp: x.sla_bp, stars: x.stars, seed: x.seed, submittedAt: x.submitted_at })) });
  });
  return r;
}
