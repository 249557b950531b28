// Scale-out across processes: two real server processes on one Redis and one DATA_DIR.
// A classroom created through one is joined through the other (each client ends up on the
// process that owns the room, via PUBLIC_ADDRESS), the round runs to its end, and the
// results are stored once and readable through either process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, Inbox, st, waitFor } from "./harness.ts";
import { freePort } from "../src/freePort.ts";
import { redisInstalled, startRedis, type RedisServer } from "./redisServer.ts";

const hasRedis = redisInstalled("the two-process scale-out test");

const root = join(import.meta.dirname, "..", "..");
const procs: ChildProcess[] = [];
let redis: RedisServer | undefined;
const ports: number[] = [];

beforeAll(async () => {
  if (!hasRedis) return;
  redis = await startRedis();
  const dataDir = mkdtempSync(join(tmpdir(), "overcommit-2p-"));
  for (let k = 0; k < 2; k++) {
    const port = await freePort();
    ports.push(port);
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
    };
    procs.push(
      spawn(process.execPath, ["--import", "tsx", join(root, "server", "src", "main.ts")], {
        cwd: join(root, "server"),
        env,
        stdio: "ignore",
      }),
    );
    // One after the other: the second opens a database the first has migrated.
    const until = Date.now() + 30_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > until) throw new Error(`The server on port ${port} did not start.`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}, 60_000);

afterAll(async () => {
  for (const p of procs.reverse()) p.kill("SIGTERM");
  redis?.stop();
  await new Promise((r) => setTimeout(r, 500));
});

describe.skipIf(!hasRedis)("two server processes on one Redis", () => {
  it("a classroom made through one is played through the other, and its results are stored once", async () => {
    const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    const created = (await (
      await fetch(`${a}/api/classrooms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: "campaign-1-packing", speed: 16, length: 40 }),
      })
    ).json()) as { code: string; hostKey: string };
    // The other process knows the code is live.
    const check = (await (await fetch(`${b}/api/classrooms/${created.code}`)).json()) as { live: boolean };
    expect(check.live).toBe(true);
    const host = await new Client(`ws://127.0.0.1:${ports[0]}`).join("classroom", {
      code: created.code,
      hostKey: created.hostKey,
    });
    const hostInbox = new Inbox(host);
    const students = await Promise.all(
      ["Ann", "Ben"].map((nickname) =>
        new Client(`ws://127.0.0.1:${ports[1]}`).join("classroom", { code: created.code, nickname }),
      ),
    );
    for (const s of students) new Inbox(s);
    // Joined through the second process, connected to the room on the first.
    await waitFor(() => Object.keys(st(host).seats ?? {}).length === 2, 5000, "both seats");
    expect((await ask(host, hostInbox, "start")).ok).toBe(true);
    await waitFor(() => st(host).phase === "ended", 20_000, "the end of the round");
    for (const base of [a, b]) {
      const report = (await (
        await fetch(`${base}/api/classrooms/${created.code}/report?key=${created.hostKey}`)
      ).json()) as { students: { nickname: string; ticks: number }[] };
      expect(report.students.map((s) => s.nickname).sort()).toEqual(["Ann", "Ben"]);
      expect(report.students.every((s) => s.ticks === 40)).toBe(true);
    }
    for (const s of students) await s.leave();
    await host.leave();
  }, 60_000);
});
