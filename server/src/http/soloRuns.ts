/**
 * POST /api/solo-runs?nickname=…&ticket=…[&assignment=CODE] with the replay bytes as the
 * body (application/octet-stream): the run is accepted only with the one-use ticket issued
 * when it started (runTickets.ts) — of that ticket's scenario and seed (and assignment,
 * before its deadline), played in no less wall-clock time than its ticks allow — and after
 * the server re-simulated it (verify.ts); the score recorded is the server's. Refusals are
 * JSON with a code and the reason.
 */
import express, { Router } from "express";
import { checkNickname, DEFAULT_BLOCKED_WORDS, MAX_REPLAY_BYTES } from "@overcommit/shared";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { rateLimit } from "./rateLimit.ts";
import { verifySoloRun } from "../verify.ts";
import { normaliseJoinCode } from "../rooms/joinCode.ts";
import { findTicket, minimumPlayMs, staleTicket } from "../runTickets.ts";

export function soloRunRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { storage, scenarios, metrics } = deps;
  const blocked = [...DEFAULT_BLOCKED_WORDS, ...deps.config.blockedWords];

  r.post(
    "/solo-runs",
    rateLimit({ burst: 30, perSecond: 1, floodRefusals: 1e9 }),
    express.raw({ type: () => true, limit: MAX_REPLAY_BYTES }),
    (req, res) => {
      const refuse = (status: number, code: string, message: string) => {
        metrics.soloRefused++;
        sendError(res, status, code, message);
      };
      const now = Date.now();
      const nick = checkNickname(req.query["nickname"], [], blocked);
      if (!nick.ok) return refuse(400, nick.code, nick.message);
      // The ticket first: without one nothing is simulated.
      const found = findTicket(storage.runTickets, req.query["ticket"], now);
      if (!found.ok) return refuse(found.status, found.code, found.message);
      const ticket = found.value;
      const stale = staleTicket(ticket);
      if (stale) return refuse(stale.status, stale.code, stale.message);
      // The ticket says which assignment (if any) the run is for; an `assignment` given must agree.
      if (
        req.query["assignment"] !== undefined &&
        normaliseJoinCode(req.query["assignment"]) !== ticket.assignment_code
      ) {
        return refuse(
          422,
          "bad-ticket",
          "This run's ticket was not issued for that assignment: start the assignment from its code.",
        );
      }
      const assignment = ticket.assignment_code ? storage.assignments.byCode(ticket.assignment_code) : undefined;
      if (assignment && Date.parse(assignment.deadline) <= now)
        return refuse(409, "past-deadline", "The deadline of this assignment has passed.");
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        return refuse(400, "bad-replay", "Send the replay bytes as the request body (application/octet-stream).");
      const v = verifySoloRun(new Uint8Array(req.body), scenarios, {
        scenarioId: ticket.scenario_id,
        scenarioVersion: ticket.scenario_version,
        seed: ticket.seed,
      });
      if (!v.ok) return refuse(v.code === "stale-rules" ? 409 : 422, v.code, v.message);
      const { replay, world } = v.value;
      const playedMs = now - ticket.issued_at;
      if (playedMs < minimumPlayMs(world.tick)) {
        return refuse(
          422,
          "too-fast",
          `This run is ${world.tick} simulated seconds long, which takes at least ${Math.ceil(minimumPlayMs(world.tick) / 1000)} s to play; its ticket was issued ${Math.floor(playedMs / 1000)} s ago.`,
        );
      }
      if (!storage.runTickets.use(ticket.token_hash, now))
        return refuse(409, "ticket-used", "This run was already handed in: each run is submitted once.");
      const id = storage.assignments.addRun({
        scenarioId: replay.scenarioId,
        scenarioVersion: replay.scenarioVersion,
        rulesVersion: replay.rulesVersion,
        seed: replay.seed,
        nickname: nick.value,
        assignmentCode: assignment?.code ?? null,
        score: v.value.score,
        slaBp: v.value.slaBp,
        stars: v.value.stars,
        money: world.money,
        bailouts: world.bailouts,
        ticks: world.tick,
        stateHash: v.value.hash,
        replay: new Uint8Array(req.body),
      });
      metrics.soloRuns++;
      res.status(201).json({
        id,
        verified: true,
        scenario: replay.scenarioId,
        seed: replay.seed,
        score: v.value.score,
        slaBp: v.value.slaBp,
        stars: v.value.stars,
        bailouts: world.bailouts,
        stateHash: v.value.hash,
      });
    },
  );
  return r;
}
