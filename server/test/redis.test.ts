// Scale-out: with REDIS_URL the rooms use Colyseus' RedisPresence and RedisDriver; a whole
// round (create by HTTP, join by code, play, report) works the same. Skipped when Debian's
// redis-server is not installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, bootServer, Inbox, st, waitFor, type TestServer } from "./harness.ts";
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
    const { body } = await t!.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, speed: 16, length: 20 });
    const host = await t!.client().join("classroom", { code: body.code, hostKey: body.hostKey });
    const hostInbox = new Inbox(host);
    const s = await t!.client().join("classroom", { code: body.code, nickname: "Scaled" });
    new Inbox(s);
    expect((await ask(host, hostInbox, "start")).ok).toBe(true);
    await waitFor(() => st(s).phase === "ended", 10_000, "the end of the round");
    const report = await t!.api<any>("GET", `/api/classrooms/${body.code}/report?key=${body.hostKey}`);
    expect(report.body.students).toHaveLength(1);
  });
});
