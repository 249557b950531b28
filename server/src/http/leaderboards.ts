/**
 * GET /api/leaderboards/:scenario?seed=N&limit=N: the best verified solo run per nickname on
 * one seed of a scenario, best first, among runs verified under the current rules version.
 * Boards are per seed, so a player cannot shop for an easy seed; without `seed`, today's daily seed (daily.ts): the board everyone shares today.
 */
import { Router } from "express";
import { RULES_VERSION } from "@overcommit/shared";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { daily } from "../daily.ts";

export function leaderboardRoutes({ storage, scenarios }: ApiDeps): Router {
  const r = Router();
  r.get("/leaderboards/:scenario", (req, res) => {
    const sc = scenarios.get(req.params["scenario"] ?? "");
    if (!sc) return sendError(res, 404, "unknown-scenario", "There is no such scenario.");
    const n = Number(req.query["limit"] ?? 20);
    const limit = Number.isInteger(n) && n >= 1 && n <= 100 ? n : 20;
    const today = daily(Date.now());
    const asked = req.query["seed"];
    const seed =
      asked === undefined ? today.seed : typeof asked === "string" && /^\d{1,10}$/.test(asked) ? Number(asked) : -1;
    if (!(seed >= 0 && seed <= 0xffffffff))
      return sendError(res, 400, "bad-field", '"seed" must be a whole number from 0 to 4294967295.');
    const game = { scenarioId: sc.id, scenarioVersion: sc.version, rulesVersion: RULES_VERSION, seed };
    const rows = storage.assignments.leaderboard(game, limit);
    res.json({
      scenario: sc.id,
      version: sc.version,
      rulesVersion: RULES_VERSION,
      seed,
      daily: seed === today.seed ? today.date : null,
      entries: rows.map((x, k) => ({
        rank: k + 1,
        nickname: x.nickname,
        score: x.score,
        slaBp: x.sla_bp,
        stars: x.stars,
        bailouts: x.bailouts,
        submittedAt: x.submitted_at,
      })),
    });
  });
  return r;
}
