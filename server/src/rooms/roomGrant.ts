/**
 * Who may bring a classroom's room into being, and how many of them may exist.
 *
 * - **Grants.** Only the server creates classroom rooms: `POST /api/classrooms` for a new
 *   class, and the restore at start-up for a live one. Each first issues a one-use grant (a
 *   random token naming the classroom and whether to restore it) in Colyseus presence, then
 *   asks the matchmaker for the room with nothing but the token and the join code. The room
 *   reads what to be from the grant, never from the create options, so no client option
 *   can make a room or turn on a restore, whichever route reaches `onCreate`. Presence is
 *   shared over Redis, so the room may be created in any process.
 * - **One room per classroom.** A room claims its classroom in presence before it touches
 *   storage and releases it when disposed; a second claim is refused, across processes on
 *   Redis too. After a crash a claim outlives its room, so a restore (lifecycle.ts) takes
 *   it over — only when no room of that classroom is listed any more.
 */
import { matchMaker, type Presence } from "@colyseus/core";
import { CLASSROOM_ROOM } from "@overcommit/shared";
import { newSecret, SECRET_FORMAT } from "../secrets.ts";

export interface RoomGrant {
  readonly classroomId: string;
  /** Rebuild the classroom from its journal (crash recovery) instead of opening its lobby. */
  readonly restore: boolean;
  /** Round length in ticks for a new classroom (the scenario's when absent). */
  readonly length?: number;
}

/** Long enough for a create request to reach another process and run onCreate. */
const GRANT_TTL_SECONDS = 30;
const GRANT_KEY = "overcommit:room-grant:";
/** Presence hash: classroom id → claims on it (1 while its room lives). */
const ROOMS_KEY = "overcommit:classroom-rooms";

export async function issueRoomGrant(presence: Presence, grant: RoomGrant): Promise<string> {
  const token = newSecret();
  await presence.setex(GRANT_KEY + token, JSON.stringify(grant), GRANT_TTL_SECONDS);
  return token;
}

/** The grant a token stands for, used up; null when there is none (or it was used). */
export async function takeRoomGrant(presence: Presence, token: unknown): Promise<RoomGrant | null> {
  if (typeof token !== "string" || !SECRET_FORMAT.test(token)) return null;
  const key = GRANT_KEY + token;
  const raw: unknown = await presence.get(key);
  if (typeof raw !== "string") return null;
  await presence.del(key);
  try {
    const g = JSON.parse(raw) as Partial<RoomGrant>;
    if (typeof g.classroomId !== "string" || typeof g.restore !== "boolean") return null;
    return {
      classroomId: g.classroomId,
      restore: g.restore,
      ...(typeof g.length === "number" ? { length: g.length } : {}),
    };
  } catch {
    return null;
  }
}

/**
 * Claims the classroom for one room; false if another room holds it. A restore
 * (`takeOver`) may take a claim over when no room of the classroom is listed any more:
 * its holder died with its process, whose listings Colyseus removed when this one started.
 */
export async function claimClassroom(
  presence: Presence,
  classroomId: string,
  code: string,
  takeOver: boolean,
): Promise<boolean> {
  const claims = await presence.hincrby(ROOMS_KEY, classroomId, 1);
  if (claims === 1) return true;
  if (takeOver && (await matchMaker.query({ name: CLASSROOM_ROOM, code })).length === 0) {
    await presence.hset(ROOMS_KEY, classroomId, "1");
    return true;
  }
  await presence.hincrby(ROOMS_KEY, classroomId, -1);
  return false;
}

export async function releaseClassroom(presence: Presence, classroomId: string): Promise<void> {
  await presence.hdel(ROOMS_KEY, classroomId);
}
