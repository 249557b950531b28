// Crash recovery with scale-out: two real server processes on one Redis and one DATA_DIR.
// The process that runs a classroom is killed with SIGKILL mid-round; restarted with the
// same PUBLIC_ADDRESS, it (and not the other process) brings the classroom back, and a
// student rejoining through the *other* process is sent to it and finds their cluster.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, describe, expect, it } from "vitest";
import { ask, Inbox, sleep, st, waitFor } from "./harness.ts";
import { freePort, startServerProcess, type ServerProcess } from "./processes.ts";
import { redisInstalled, startRedis, type RedisServer } from "./redisServer.ts";

const hasRedis = redisInstalled("the crash-recovery-on-Redis test");

const redisServers: RedisServer[] = [];
const servers: ServerProcess[] = [];
afterAll(() => {
  for (const s of servers) s.child.kill("SIGKILL");
  for (const r of redisServers) r.stop();
});

async function rejoin(url: string, options: Record<string, unknown>): Promise<{ room: Room; inbox: Inbox }> {
  let wait = 100;
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      const room = await new Client(url).join("classroom", options);
      return { room, inbox: new Inbox(room) };
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(wait);
      wait = Math.min(wait * 2, 2000);
    }
  }
}

describe.skipIf(!hasRedis)("kill -9 of one of two processes on Redis", () => {
  it("the restarted process restores its classroom, reachable through the other", async () => {
    const redis = await startRedis();
    redisServers.push(redis);
    const dataDir = mkdtempSync(join(tmpdir(), "overcommit-crash-redis-"));
    const [pa, pb] = [await freePort(), await freePort()];
    const env = (port: number) => ({ DATA_DIR: dataDir, REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}` });
    const first = [await startServerProcess(pa, env(pa)), await startServerProcess(pb, env(pb))];
    servers.push(...first);

    const created = (await (
      await fetch(`${first[0]!.url}/api/classrooms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "campaign-1-packing", seed: 9, speed: 16, length: 300 }),
      })
    ).json()) as { code: string; hostKey: string };
    const host = await new Client(`ws://127.0.0.1:${pa}`).join("classroom", {
      code: created.code,
      hostKey: created.hostKey,
    });
    const hostInbox = new Inbox(host);
    // Colyseus puts a new room on the process with the fewest rooms: find which one runs it.
    const ownerPort = Number(new URL((host.connection.transport as unknown as { ws: { url: string } }).ws.url).port);
    const a = first.find((s) => s.port === ownerPort)!;
    const b = first.find((s) => s.port !== ownerPort)!;
    expect(a).toBeDefined();
    const student = await new Client(`ws://127.0.0.1:${b.port}`).join("classroom", {
      code: created.code,
      nickname: "Eve",
    });
    const inbox = new Inbox(student);
    const { seatToken } = await inbox.first("welcome");
    expect((await ask(host, hostInbox, "start")).ok).toBe(true);
    await waitFor(() => st(student).tick >= 20, 10_000, "the round under way");
    const stood = st(student).tick as number;

    a.child.kill("SIGKILL");
    await a.exited;
    const a2 = await startServerProcess(a.port, env(a.port));
    servers.push(a2);
    // Through the other process: matchmaking sends the student to the restored room on a2.
    const { room: back, inbox: backInbox } = await rejoin(`ws://127.0.0.1:${b.port}`, {
      code: created.code,
      seatToken,
    });
    expect(Number(new URL((back.connection.transport as unknown as { ws: { url: string } }).ws.url).port)).toBe(a.port);
    const welcome = await backInbox.first("welcome");
    expect(welcome.cluster).not.toBe("");
    await waitFor(
      () => st(back).phase === "paused" && st(back).clusters?.[welcome.cluster],
      5000,
      "the paused round with the cluster",
    );
    expect(st(back).tick).toBeGreaterThanOrEqual(stood);
    // The other process did not restore a second copy: the code is live exactly once.
    const listed = (await (await fetch(`${b.url}/api/classrooms/${created.code}`)).json()) as {
      live: boolean;
      phase: string;
    };
    expect(listed).toMatchObject({ live: true, phase: "paused" });
  }, 90_000);
});
