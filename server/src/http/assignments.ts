/**
 * Assignments: POST /api/assignments (scenario, seed, deadline → code and host key),
 * GET /api/assignments/:code (public: what to play), GET /api/assignments/:code/results
 * (host key: the verified runs submitted for it). Lookups of codes that do not exist count
 * towards the join-code guessing throttle (the codes share one space with classrooms).
 */
import { randomInt } from "node:crypto";
import { Router, type Request, type Response } from "express";
import { RULES_VERSION } from "@overcommit/shared";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { rateLimit } from "./rateLimit.ts";
import { hasKey } from "./auth.ts";
import { lookupCode } from "./codeLookup.ts";
import type { AssignmentRow } from "../storage/assignments.ts";
import { hashKey, newSecret } from "../secrets.ts";
import { uniqueJoinCode } from "../rooms/joinCode.ts";

export function assignmentRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { storage, scenarios } = deps;

  /** The assignment of `:code`, or an answer already sent; misses count as code guesses (same code space as classrooms). */
  function lookup(req: Request, res: Response): AssignmentRow | undefined {
    return lookupCode(deps, req, res, (c) => storage.assignments.byCode(c), {
      code: "unknown-assignment",
      message: "No assignment has that code.",
    });
  }

  r.post("/assignments", rateLimit({ burst: 30, perSecond: 0.5, floodRefusals: 1e9 }), async (req, res, next) => {
    try {
      const b = (typeof req.body === "object" && req.body !== null ? req.body : {}) as Record<string, unknown>;
      const sc = typeof b["scenario"] === "string" ? scenarios.get(b["scenario"]) : undefined;
      if (!sc)
        return sendError(
          res,
          400,
          "bad-field",
          `"scenario" must be one of: ${scenarios
            .list()
            .map((s) => s.id)
            .join(", ")}.`,
        );
      const seed = b["seed"] ?? randomInt(0, 0xffffffff);
      if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
        return sendError(res, 400, "bad-field", '"seed" must be a whole number from 0 to 4294967295.');
      const deadline = typeof b["deadline"] === "string" && b["deadline"].length <= 40 ? new Date(b["deadline"]) : null;
      if (!deadline || Number.isNaN(deadline.getTime()))
        return sendError(
          res,
          400,
          "bad-field",
          '"deadline" must be a date and time (ISO 8601, e.g. 2026-12-01T18:00:00Z).',
        );
      if (deadline.getTime() <= Date.now())
        return sendError(res, 400, "bad-field", '"deadline" must be in the future.');
      const code = await uniqueJoinCode((c) => storage.assignments.codeTaken(c) || storage.classrooms.codeTaken(c));
      const hostKey = newSecret();
      storage.assignments.create({
        code,
        hostKeyHash: hashKey(hostKey),
        scenarioId: sc.id,
        scenarioVersion: sc.version,
        seed,
        deadline: deadline.toISOString(),
      });
      deps.guesses?.hit(req.socket.remoteAddress ?? "?", code);
      res
        .status(201)
        .json({ code, hostKey, scenario: sc.id, scenarioVersion: sc.version, seed, deadline: deadline.toISOString() });
    } catch (err) {
      next(err);
    }
  });

  r.get("/assignments/:code", (req, res) => {
    const a = lookup(req, res);
    if (!a) return;
    res.json({
      code: a.code,
      scenario: a.scenario_id,
      scenarioVersion: a.scenario_version,
      seed: a.seed,
      deadline: a.deadline,
      open: Date.parse(a.deadline) > Date.now(),
    });
  });

  r.get("/assignments/:code/results", (req, res) => {
    const a = lookup(req, res);
    if (!a) return;
    if (!hasKey(req, a.host_key_hash))
      return sendError(res, 403, "bad-key", "The host key of this assignment is required.");
    res.json({
      code: a.code,
      scenario: a.scenario_id,
      seed: a.seed,
      deadline: a.deadline,
      rulesVersion: RULES_VERSION,
      results: storage.assignments.runsOf(a.code).map((x) => ({
        id: x.id,
        nickname: x.nickname,
        score: x.score,
        slaBp: x.sla_bp,
        stars: x.stars,
        money: x.money,
        bailouts: x.bailouts,
        ticks: x.ticks,
        stateHash: x.state_hash,
        // Verified under other rules than the server's now (it was upgraded since): its score and
        // hash stand for that version and are not comparable with runs verified under this one.
        rulesVersion: x.rules_version,
        stale: x.rules_version !== RULES_VERSION,
        submittedAt: x.submitted_at,
      })),
    });
  });
  return r;
}
