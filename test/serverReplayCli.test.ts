// The server and the CLI agree: a student plays a round of a shipped scenario in a real
// room (commands over a real socket), and re-simulating that student's stored replay with
// `npm run sim -- --replay FILE --json` gives the state hash the server's world had.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOTS, runMatch } from "@overcommit/shared";
import { sharedCatalog } from "../server/src/scenarios.ts";
import { ask, bootServer, Inbox, st, waitFor, type TestServer } from "../server/test/harness.ts";

const scenario = sharedCatalog.list().find((s) => s.kind === "competitive") ?? sharedCatalog.list()[0];
const ROUND = 120;

let t: TestServer;
beforeAll(async () => {
  if (scenario) t = await bootServer();
});
afterAll(async () => {
  await t?.close();
});

describe.skipIf(!scenario)("server world vs CLI re-simulation", () => {
  it("gives the same state hash", async () => {
    const sc = scenario!;
    const seed = 1234;
    const { body } = await t.api<any>("POST", "/api/classrooms", { scenario: sc.id, seed, speed: 16, length: ROUND });
    const host = await t.client().join("classroom", { code: body.code, hostKey: body.hostKey });
    const hostInbox = new Inbox(host);
    const student = await t.client().join("classroom", { code: body.code, nickname: "Player" });
    const inbox = new Inbox(student);
    // The student sends the greedy bot's opening moves as the round runs.
    const plan = runMatch(sc, seed, BOTS.greedy, ROUND).replay.log;
    await ask(host, hostInbox, "start");
    let next = 0;
    while (st(student).phase !== "ended") {
      const tick = st(student).tick as number;
      while (next < plan.length && plan[next]!.tick <= tick + 1)
        student.send("cmd", { seq: 100000 + next, cmd: plan[next++]!.cmd });
      await new Promise((r) => setTimeout(r, 15));
    }
    await waitFor(() => inbox.of("round-over").length === 1);
    expect(inbox.of("reply").filter((r) => r.ok).length).toBeGreaterThan(0);

    const report = await t.api<any>("GET", `/api/classrooms/${body.code}/report?key=${body.hostKey}`);
    const row = report.body.students[0];
    const bytes = new Uint8Array(
      await (
        await fetch(`${t.url}/api/classrooms/${body.code}/students/${row.seat}/replay?key=${body.hostKey}`)
      ).arrayBuffer(),
    );
    const file = join(mkdtempSync(join(tmpdir(), "overcommit-cli-")), "student.replay");
    writeFileSync(file, bytes);
    const cli = spawnSync("npm", ["run", "--silent", "sim", "--", "--replay", file, "--json"], {
      cwd: join(import.meta.dirname, ".."),
      encoding: "utf8",
    });
    expect(cli.status, cli.stderr).toBe(0);
    const out = JSON.parse(cli.stdout.trim().split("\n").at(-1)!);
    expect(out.stateHash).toBe(row.stateHash);
    expect(out.score).toBe(row.score);
    expect(out.ticks).toBe(ROUND);
  });
});
