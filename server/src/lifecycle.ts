/**
 * Rooms across a restart of the server process.
 *
 * - At start-up, every classroom that was live when the last process stopped (crashed,
 *   killed or shut down) is created again from its journal, under the same join code, and
 *   waits paused for its instructor; clients find it by code and seat token.
 * - On shutdown (SIGTERM, SIGINT, or `close()`), every room tells its clients the server is
 *   restarting and closes their sockets with CLOSE_CODES.restarting (the client reconnects
 *   with back-off); the rooms' rounds stay live in storage, since every tick is journaled.
 */
import { matchMaker } from "@colyseus/core";
import { CLASSROOM_ROOM, CLOSE_CODES } from "@overcommit/shared";
import type { Logger } from "./log.ts";
import type { Storage } from "./storage/index.ts";
import type { ClassroomRoom, CreateOptions } from "./rooms/classroomRoom.ts";
import { issueRoomGrant } from "./rooms/roomGrant.ts";

export interface RestoreReport {
  readonly restored: number;
  readonly failed: number;
  readonly ms: number;
}

/**
 * `owner` "" restores every live classroom (one process on its DATA_DIR); otherwise only
 * the ones this process ran (several processes share a DATA_DIR over Redis).
 */
export async function restoreClassrooms(storage: Storage, owner: string, log: Logger): Promise<RestoreReport> {
  const t0 = performance.now();
  let restored = 0;
  let failed = 0;
  for (const row of storage.classrooms.live(owner === "" ? undefined : owner)) {
    if (row.round_length === 0) {
      // Its room never opened (the process died between storing it and creating it).
      storage.classrooms.setPhase(row.id, "closed");
      continue;
    }
    try {
      const grant = await issueRoomGrant(matchMaker.presence, { classroomId: row.id, restore: true });
      await matchMaker.createRoom(CLASSROOM_ROOM, { code: row.code, grant } satisfies CreateOptions);
      restored++;
    } catch (err) {
      // Left as it is in storage: a later server (say, with the scenario it needs) may manage.
      failed++;
      log.error({ err, classroom: row.id, code: row.code }, "could not restore a classroom");
    }
  }
  const ms = Math.round(performance.now() - t0);
  if (restored + failed > 0) log.info({ restored, failed, ms }, "restored live classrooms");
  return { restored, failed, ms };
}

/** Tells every client of this process's rooms that the server restarts, and closes them. */
export async function releaseRooms(): Promise<void> {
  const listings = await matchMaker.query({ name: CLASSROOM_ROOM });
  for (const l of listings) {
    const room = matchMaker.getLocalRoomById(l.roomId) as ClassroomRoom | undefined;
    if (!room) continue;
    room.shuttingDown = true;
    room.stopClock();
    room.broadcast("server-restarting", { message: "The server is restarting: reconnecting you to your class…" });
    for (const c of [...room.clients]) c.leave(CLOSE_CODES.restarting);
  }
}
