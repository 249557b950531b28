/**
 * POST /api/run-tickets — a solo run starts: the server issues the one-use ticket it will be
 * handed in with (runTickets.ts), for a scenario and seed, today's daily seed, or an
 * assignment (whose scenario and seed it takes). GET /api/daily — today's shared seed.
 */
import { randomInt } from "node:crypto";
import { Router } from "express";
import { RULES_VERSION } from "@overcommit/shared";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { rateLimit } from "./rateLimit.ts";
import { lookupCode } from "./codeLookup.ts";
import { checkPageRules, issueTicket, TICKET_LIFETIME_MS } from "../runTickets.ts";
import { daily } from "../daily.ts";

const isSeed = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

export function runTicketRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { storage, scenarios } = deps;

  r.get("/daily", (_req, res) => {
    res.json(daily(Date.now()));
  });

  // A whole class starting an assignment at once from one school address gets its tickets.
  r.post("/run-tickets", rateLimit({ burst: 60, perSecond: 2, floodRefusals: 1e9 }), (req, res) => {
    const b = (typeof req.body === "object" && req.body !== null && !Array.isArray(req.body) ? req.body : {}) as Record<
      string,
      unknown
    >;
    const now = Date.now();
    const pageRules = checkPageRules(b["rulesVersion"]);
    if (pageRules) return sendError(res, pageRules.status, pageRules.code, pageRules.message);
    let game: { scenarioId: string; scenarioVersion: number; seed: number; assignmentCode: string | null };
    let day: string | undefined;
    if (b["assignment"] !== undefined) {
      // Whether an assignment code exists is a guess like any other (the code space is shared).
      const a = lookupCode(
        deps,
        req,
        res,
        (c) => storage.assignments.byCode(c),
        { code: "unknown-assignment", message: "No assignment has that code." },
        b["assignment"],
      );
      if (!a) return;
      if (Date.parse(a.deadline) <= now)
        return sendError(res, 409, "past-deadline", "The deadline of this assignment has passed.");
      game = { scenarioId: a.scenario_id, scenarioVersion: a.scenario_version, seed: a.seed, assignmentCode: a.code };
    } else {
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
      if (b["daily"] !== undefined && b["daily"] !== true)
        return sendError(res, 400, "bad-field", '"daily" is true (today\'s seed) or absent.');
      if (b["daily"] === true && b["seed"] !== undefined)
        return sendError(res, 400, "bad-field", 'Send "daily" or "seed", not both.');
      const today = b["daily"] === true ? daily(now) : undefined;
      const seed = today ? today.seed : (b["seed"] ?? randomInt(0, 1_000_000));
      if (!isSeed(seed)) return sendError(res, 400, "bad-field", '"seed" must be a whole number from 0 to 4294967295.');
      day = today?.date;
      game = { scenarioId: sc.id, scenarioVersion: sc.version, seed, assignmentCode: null };
    }
    const ticket = issueTicket(storage.runTickets, game, now);
    res.status(201).json({
      ticket,
      scenario: game.scenarioId,
      scenarioVersion: game.scenarioVersion,
      rulesVersion: RULES_VERSION,
      seed: game.seed,
      ...(game.assignmentCode ? { assignment: game.assignmentCode } : {}),
      ...(day ? { daily: day } : {}),
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + TICKET_LIFETIME_MS).toISOString(),
    });
  });
  return r;
}
