/**
 * POST /api/classrooms — the one way to host a classroom: validates the settings (those of
 * the round in roundSettings.ts), picks a unique join code, stores the classroom with
 * hashed keys, creates its room and returns the code and the secret keys (shown once).
 * GET /api/classrooms/:code — what a join page needs to know about a code (public: no
 * keys, no students).
 */
import { randomUUID } from "node:crypto";
import { Router } from "express";
import { matchMaker } from "@colyseus/core";
import type { ApiDeps } from "./deps.ts";
import { DEFAULT_CLASSROOM_CREATE_BURST } from "../config.ts";
import { sendError } from "./errors.ts";
import { rateLimit } from "./rateLimit.ts";
import { lookupCode } from "./codeLookup.ts";
import { isInt, readRoundSettings, type Checked } from "../roundSettings.ts";
import { hashKey, newSecret } from "../secrets.ts";
import { uniqueJoinCode } from "../rooms/joinCode.ts";
import { CLASSROOM_ROOM, MAX_SPEED, MIN_SPEED } from "@overcommit/shared";
import type { ClassroomRoom, CreateOptions } from "../rooms/classroomRoom.ts";
import { issueRoomGrant } from "../rooms/roomGrant.ts";

export const MODES = ["competitive", "teams"] as const;

type Settings = {
  scenario: string;
  seed: number;
  speed: number;
  mode: (typeof MODES)[number];
  teamSize: number;
  lateJoin: boolean;
  length: number;
  planningSeconds: number;
};

function readSettings(body: unknown, deps: ApiDeps): Checked<Settings> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, message: 'Send a JSON object with at least "scenario".' };
  const b = body as Record<string, unknown>;
  const round = readRoundSettings(b, deps.scenarios);
  if (!round.ok) return round;
  const { scenario: sc, seed, length, planningSeconds } = round.value;
  const speed = b["speed"] ?? Math.min(MAX_SPEED, Math.max(MIN_SPEED, sc.speed));
  if (!isInt(speed, MIN_SPEED, MAX_SPEED))
    return { ok: false, message: `"speed" must be a whole number from ${MIN_SPEED} to ${MAX_SPEED}.` };
  const mode = b["mode"] ?? "competitive";
  if (typeof mode !== "string" || !(MODES as readonly string[]).includes(mode))
    return { ok: false, message: '"mode" must be "competitive" or "teams".' };
  const teamSize = b["teamSize"] ?? (mode === "teams" ? 3 : 1);
  if (mode === "teams" ? !isInt(teamSize, 2, 4) : teamSize !== 1)
    return { ok: false, message: 'In team mode "teamSize" is 2 to 4 students per cluster (and 1 otherwise).' };
  const lateJoin = b["lateJoin"] ?? true;
  if (typeof lateJoin !== "boolean") return { ok: false, message: '"lateJoin" must be true or false.' };
  return {
    ok: true,
    value: {
      scenario: sc.id,
      seed,
      speed,
      mode: mode as Settings["mode"],
      teamSize: teamSize as number,
      lateJoin,
      length,
      planningSeconds,
    },
  };
}

/** The live room of a join code in this process, if any. */
export async function liveRoom(code: string): Promise<ClassroomRoom | undefined> {
  const [listing] = await matchMaker.query({ name: CLASSROOM_ROOM, code });
  return listing ? (matchMaker.getLocalRoomById(listing.roomId) as ClassroomRoom | undefined) : undefined;
}

/** Whether a room with this join code is alive in any process (with Redis, across processes). */
export async function isListed(code: string): Promise<boolean> {
  const [listing] = await matchMaker.query({ name: CLASSROOM_ROOM, code });
  return listing !== undefined;
}

export function classroomRoutes(deps: ApiDeps): Router {
  const r = Router();
  const { storage } = deps;

  const burst = deps.config.classroomCreateBurst ?? DEFAULT_CLASSROOM_CREATE_BURST;
  r.post("/classrooms", rateLimit({ burst, perSecond: 0.5, floodRefusals: 1e9 }), async (req, res, next) => {
    try {
      const s = readSettings(req.body, deps);
      if (!s.ok) return sendError(res, 400, "bad-field", s.message);
      const sc = deps.scenarios.get(s.value.scenario)!;
      const code = await uniqueJoinCode(
        async (c) =>
          storage.classrooms.codeTaken(c) || (await matchMaker.query({ name: CLASSROOM_ROOM, code: c })).length > 0,
      );
      const hostKey = newSecret();
      const projectorKey = newSecret();
      const id = randomUUID();
      storage.classrooms.create({
        id,
        code,
        hostKeyHash: hashKey(hostKey),
        projectorKeyHash: hashKey(projectorKey),
        scenarioId: sc.id,
        scenarioVersion: sc.version,
        seed: s.value.seed,
        mode: s.value.mode,
        teamSize: s.value.teamSize,
        speed: s.value.speed,
        lateJoin: s.value.lateJoin,
        planningSeconds: s.value.planningSeconds,
      });
      const grant = await issueRoomGrant(matchMaker.presence, {
        classroomId: id,
        restore: false,
        length: s.value.length,
      });
      const listing = await matchMaker.createRoom(CLASSROOM_ROOM, { code, grant } satisfies CreateOptions);
      // The instructor's address (often the whole school's NAT) knows this code from now on.
      deps.guesses?.hit(req.socket.remoteAddress ?? "?", code);
      deps.log.info({ classroom: id, code, scenario: sc.id, mode: s.value.mode }, "classroom created");
      res.status(201).json({ classroomId: id, code, roomId: listing.roomId, hostKey, projectorKey, ...s.value });
    } catch (err) {
      next(err);
    }
  });

  r.get("/classrooms/:code", async (req, res, next) => {
    try {
      const row = lookupCode(deps, req, res, (c) => storage.classrooms.byCode(c), {
        code: "unknown-classroom",
        message: "No classroom has that code.",
      });
      if (!row) return;
      const code = row.code;
      const room = await liveRoom(code);
      // With several processes the room may live in another one: it is still live.
      const live = room !== undefined || (await isListed(code));
      // Another process's room: its phase as stored (lobby, running, paused) when it is listed.
      const stored = row.phase === "new" ? "lobby" : row.phase === "ended" ? "ended" : live ? row.phase : "closed";
      res.json({
        code,
        classroomId: row.id,
        scenario: row.scenario_id,
        mode: row.mode,
        teamSize: row.team_size,
        phase: room ? room.phase : stored,
        live,
        locked: room?.state.locked ?? false,
        lateJoin: room?.state.lateJoin ?? row.late_join === 1,
      });
    } catch (err) {
      next(err);
    }
  });
  return r;
}
