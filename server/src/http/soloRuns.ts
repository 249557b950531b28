/**
 * POST /api/solo-runs?nickname=…[&assignment=CODE] with the replay bytes as the body
 * (application/octet-stream): the server re-simulates the run (verify.ts) and records
 * the verified score, or refuses with 422 and the reason. For an assignment the run must
 * be of its scenario and seed and arrive before its deadline.
 */
import express, { Router } from "express";
import { checkNickname, DEFAULT_BLOCKED_WORDS, MAX_REPLAY_BYTES } from "@overcommit/shared";
import type { ApiDeps } from "./deps.ts";
import { sendError } from "./errors.ts";
import { rateLimit } from "./rateLimit.ts";
import { TOO_MANY_GUESSES, TOO_MANY_GUESSES_MESSAGE } from "../guessThrottle.ts";
import { verifySoloRun } from "../verify.ts";
import { normaliseJoinCode } from "../rooms/joinCode.ts";

export function soloRunRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { storage, scenarios, metrics } = deps;
  const blocked = [...DEFAULT_BLOCKED_WORDS, ...deps.config.blockedWords];

  r.post("/solo-runs", rateLimit({ burst: 30, perSecond: 1, floodRefusals: 1e9 }), express.raw({ type: () => true, limit: MAX_REPLAY_BYTES }), (req, res) => {
    const refuse = (status: number, code: string, message: string) => {
      metrics.soloRefused++;
      sendError(res, status, code, message);
    };
    const nick = checkNickname(req.query["nickname"], [], blocked);
    if (!nick.ok) return refuse(400, nick.code, nick.message);
    let assignment = null;
    if (req.query["assignment"] !== undefined) {
      const code = normaliseJoinCode(req.query["assignment"]);
      // A 404 here says whether an assignment code exists: the join-code guessing throttle applies.
      const address = req.socket.remoteAddress ?? "?";
      if (deps.guesses && !deps.guesses.allows(address, code)) return refuse(429, TOO_MANY_GUESSES, TOO_MANY_GUESSES_MESSAGE);
      assignment = code ? storage.assignments.byCode(code) ?? null : null;
      if (!assignment) {
        deps.guesses?.miss(address);
        return refuse(404, "unknown-assignment", "No assignment has that code.");
      }
      deps.guesses?.hit(address, assignment.code);
      if (Date.parse(assignment.deadline) <= Date.now()) return refuse(409, "past-deadline", "The deadline of this assignment has passed.");
    }
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return refuse(400, "bad-replay", "Send the replay bytes as the request body (application/octet-stream).");
    const v = verifySoloRun(new Uint8Array(req.body), scenarios);
    if (!v.ok) return refuse(422, v.code, v.message);
    const { replay, world } = v.value;
    if (assignment && (replay.scenarioId !== assignment.scenario_id || replay.scenarioVersion !== assignment.scenario_version || replay.seed !== assignment.seed)) {
      return refuse(422, "bad-replay", `This assignment is "${assignment.scenario_id}" with seed ${assignment.seed}; the replay is another game.`);
    }
    const id = storage.assignments.addRun({
      scenarioId: replay.scenarioId,
      scenarioVersion: replay.scenarioVersion,
      seed: replay.seed,
      nickname: nick.value,
      assignmentCode: assignment?.code ?? null,
      score: v.value.score,
      slaBp: v.value.slaBp,
      stars: v.value.stars,
      money: world.money,
      ticks: world.tick,
      stateHash: v.value.hash,
      replay: new Uint8Array(req.body),
    });
    metrics.soloRuns++;
    res.status(201).json({ id, verified: true, scenario: replay.scenarioId, seed: replay.seed, score: v.value.score, slaBp: v.value.slaBp, stars: v.value.stars, stateHash: v.value.hash });
  });
  return r;
}
