// Scale-out: with REDIS_URL the rooms use Colyseus' RedisPresence and RedisDriver; a whole
// round (create by HTTP, join by code, play, report) works the same. Skipped when Debian's
// redis-server is not installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import { RedisPresence } from "@colyseus/redis-presence";
import { CLASSROOM_ROOM } from "@overcommit/shared";
import { ask, bootServer, Inbox, st, waitFor, type TestServer } from "./harness.ts";
import { claimClassroom, issueRoomGrant, releaseClassroom } from "../src/rooms/roomGrant.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { redisInstalled, startRedis, type RedisServer } from "./redisServer.ts";

const hasRedis = redisInstalled("the classroom round on Redis");
let redis: RedisServer | undefined;
let t: TestServer | undefined;

beforeAll(async () => {
  if (!hasRedis) return;
  redis = await startRedis();
  t = await bootServer({ redisUrl: redis.url }, { scenarios: testCatalog });
});
afterAll(async () => {
  await t?.close();
  redis?.stop();
});

describe.skipIf(!hasRedis)("with REDIS_URL", () => {
  it("runs a classroom round through Redis presence and driver", async () => {
    const { body } = await t!.api<any>("POST", "/api/classrooms", {
      scenario: TEST_SCENARIO.id,
      speed: 16,
      length: 20,
    });
    const host = await t!.client().join("classroom", { code: body.code, hostKey: body.hostKey });
    const hostInbox = new Inbox(host);
    const s = await t!.client().join("classroom", { code: body.code, nickname: "Scaled" });
    new Inbox(s);
    expect((await ask(host, hostInbox, "start")).ok).toBe(true);
    await waitFor(() => st(s).phase === "ended", 10_000, "the end of the round");
    const report = await t!.api<any>("GET", `/api/classrooms/${body.code}/report?key=${body.hostKey}`);
    expect(report.body.students).toHaveLength(1);
  });

  it("a classroom's one room is claimed in Redis: another process can neither claim it nor have a copy made", async () => {
    const { body } = await t!.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id });
    // Another process's view of the same Redis.
    const other = new RedisPresence(redis!.url);
    try {
      expect(await claimClassroom(other, body.classroomId, body.code, false)).toBe(false);
      // Not even a restore may take it over while the room is listed.
      expect(await claimClassroom(other, body.classroomId, body.code, true)).toBe(false);
      const grant = await issueRoomGrant(other, { classroomId: body.classroomId, restore: true });
      await expect(matchMaker.createRoom(CLASSROOM_ROOM, { code: body.code, grant })).rejects.toMatchObject({
        message: expect.stringMatching(/already has its room/),
      });
      expect((await matchMaker.query({ name: CLASSROOM_ROOM, code: body.code })).map((l) => l.roomId)).toEqual([
        body.roomId,
      ]);
      // Once the room is gone, its claim is free again.
      await matchMaker.getLocalRoomById(body.roomId)!.disconnect();
      for (let k = 0; k < 100 && (await other.hget("overcommit:classroom-rooms", body.classroomId)) !== null; k++)
        await new Promise((r) => setTimeout(r, 50));
      expect(await claimClassroom(other, body.classroomId, body.code, false)).toBe(true);
      await releaseClassroom(other, body.classroomId);
    } finally {
      other.shutdown();
    }
  });
});
