// The planning phase that opens a classroom round, over real sockets: students buy and
// place while the clock stands still, the countdown runs into the round, and every command
// made while planning replays to the server's own state hash. Pausing keeps the planning
// time, ending it goes back to the lobby with nothing stored, and a server killed with
// SIGKILL during planning brings the class back with its purchases and the time left.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { COUNTDOWN_SECONDS, getScenario, replayWorld, stateHash, type Command } from "@overcommit/shared";
import { ask, bootServer, Inbox, replayOf, sleep, st, waitFor, joinClassroom, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { freePort, startServerProcess, type ServerProcess } from "./processes.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

const join = (options: Record<string, unknown>) => joinClassroom(t, options);

/** A class with planning, its host and two students in the lobby. */
async function classWithPlanning(over: Record<string, unknown> = {}) {
  const created = await t.api<any>("POST", "/api/classrooms", {
    scenario: TEST_SCENARIO.id,
    seed: 11,
    speed: 16,
    length: 60,
    planningSeconds: 30,
    ...over,
  });
  expect(created.status).toBe(201);
  expect(created.body.planningSeconds).toBe(over["planningSeconds"] ?? 30);
  const { code, hostKey } = created.body;
  const host = await join({ code, hostKey });
  const ada = await join({ code, nickname: "Ada" });
  const bob = await join({ code, nickname: "Bob" });
  await waitFor(() => Object.keys(st(host.room).seats ?? {}).length === 2, 5000, "two seats");
  return { code, hostKey, host, ada, bob };
}

/** What the students do while planning: buy, place on a ready node, buy an upgrade, and one the rules refuse. */
const PLAN: Command[] = [
  { type: "buy-node", nodeType: "small", mode: "container-host" },
  { type: "deploy", service: "web", runtime: "container", node: 0 },
  { type: "buy-upgrade", upgrade: "kubernetes" },
  { type: "deploy", service: "erp", runtime: "container", node: 0 },
];

describe("the planning phase", () => {
  it("lets students buy and place with the clock stopped, counts down into the round, and replays to the same hash", async () => {
    const { code, hostKey, host, ada, bob } = await classWithPlanning();
    expect(st(host.room).planning).toBe(30);
    expect((await ask(host.room, host.inbox, "start")).ok).toBe(true);
    await waitFor(
      () => st(ada.room).phase === "planning" && Object.keys(st(ada.room).clusters ?? {}).length === 1,
      5000,
      "planning with a cluster",
    );
    expect(st(ada.room).planningLeft).toBeGreaterThan(25);

    // Ada plans: every command is answered at tick 0, the engine's verdict included.
    const answers = [];
    for (const cmd of PLAN) answers.push(await ask(ada.room, ada.inbox, "cmd", { cmd }));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false]);
    expect(answers.map((a) => a.tick)).toEqual([0, 0, 0, 0]);
    expect(answers[3]!.code).toBe("runtime-not-allowed");
    // Bob plans too, then changes his mind (a stop applied between ticks as well).
    expect(
      (
        await ask(bob.room, bob.inbox, "cmd", {
          cmd: { type: "deploy", service: "web", runtime: "container", node: 0 },
        })
      ).ok,
    ).toBe(true);

    // Nothing runs: the clock stays at 0 while the purchases show at once.
    const cluster = Object.keys(st(ada.room).clusters)[0]!;
    await waitFor(
      () => Object.keys(st(ada.room).clusters[cluster].nodes).length === 3,
      3000,
      "the bought node in Ada's view",
    );
    await sleep(600);
    const view = st(ada.room).clusters[cluster];
    expect(view.tick).toBe(0);
    expect(st(ada.room).tick).toBe(0);
    expect(view.upgrades).toContain("kubernetes");
    expect(view.money).toBe(TEST_SCENARIO.startMoney - TEST_SCENARIO.upgrades.kubernetes!.price);
    expect(Object.values(view.nodes).find((n: any) => n.id === 2)).toMatchObject({ state: "provisioning" });
    const bobBefore = Object.keys(st(bob.room).clusters[Object.keys(st(bob.room).clusters)[0]!].instances).length;
    const bobStop = Math.max(
      ...Object.values(st(bob.room).clusters[Object.keys(st(bob.room).clusters)[0]!].instances).map((i: any) => i.id),
    );
    expect((await ask(bob.room, bob.inbox, "cmd", { cmd: { type: "stop", instance: bobStop } })).ok).toBe(true);
    expect(bobBefore).toBe(TEST_SCENARIO.start.instances.length + 1);

    // Incidents wait for the clock; the instructor cuts planning short: a countdown, then the round.
    expect((await ask(host.room, host.inbox, "inject", { incident: "crash" })).code).toBe("bad-state");
    expect((await ask(host.room, host.inbox, "start")).ok).toBe(true);
    await waitFor(
      () => st(ada.room).planningLeft <= COUNTDOWN_SECONDS && st(ada.room).planningLeft > 0,
      2000,
      "the countdown",
    );
    const seen = new Set<number>();
    await waitFor(
      () => {
        seen.add(st(ada.room).planningLeft);
        return st(ada.room).phase === "running";
      },
      (COUNTDOWN_SECONDS + 3) * 1000,
      "the round to start",
    );
    // The countdown went down second by second to the start.
    expect([...seen].filter((n) => n > 0).length).toBeGreaterThanOrEqual(COUNTDOWN_SECONDS - 1);
    expect(st(ada.room).planningLeft).toBe(0);
    // A command in the first running tick joins those of planning at tick 0 in the log.
    await ask(ada.room, ada.inbox, "cmd", { cmd: { type: "cordon", node: 2 } });

    await waitFor(() => st(host.room).phase === "ended", 15_000, "the end of the round");
    const report = await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}`);
    expect(report.body.students).toHaveLength(2);
    for (const s of report.body.students) {
      const { replay, world } = await replayOf(t.url, code, hostKey, s.seat, TEST_SCENARIO);
      expect(stateHash(world)).toBe(s.stateHash);
      expect(world.money).toBe(s.money);
      if (s.nickname === "Ada") expect(replay.log.slice(0, PLAN.length)).toEqual(PLAN.map((cmd) => ({ tick: 0, cmd })));
      if (s.nickname === "Bob")
        expect(replay.log.filter((e) => e.tick === 0).map((e) => e.cmd.type)).toEqual(["deploy", "stop"]);
    }
  }, 40_000);

  it("keeps the planning time through a pause, and refuses commands while paused", async () => {
    const { host, ada } = await classWithPlanning();
    await ask(host.room, host.inbox, "start");
    await waitFor(() => st(ada.room).phase === "planning", 5000, "planning");
    expect((await ask(host.room, host.inbox, "pause")).ok).toBe(true);
    await waitFor(() => st(ada.room).phase === "paused", 3000, "paused");
    const left = st(ada.room).planningLeft;
    expect(left).toBeGreaterThan(25);
    const refused = await ask(ada.room, ada.inbox, "cmd", { cmd: PLAN[0] });
    expect(refused).toMatchObject({ ok: false, code: "not-allowed" });
    await sleep(1500);
    expect(st(ada.room).planningLeft).toBe(left);
    expect((await ask(host.room, host.inbox, "resume")).ok).toBe(true);
    await waitFor(() => st(ada.room).phase === "planning", 3000, "planning again");
    expect(st(ada.room).planningLeft).toBeGreaterThanOrEqual(left - 1);
    expect(st(ada.room).tick).toBe(0);
    await ask(host.room, host.inbox, "end");
  });

  it("goes back to the lobby when ended before the clock starts, with nothing stored", async () => {
    const { code, hostKey, host, ada } = await classWithPlanning();
    await ask(host.room, host.inbox, "start");
    await waitFor(() => st(ada.room).phase === "planning", 5000, "planning");
    expect((await ask(ada.room, ada.inbox, "cmd", { cmd: PLAN[2] })).ok).toBe(true);
    expect((await ask(host.room, host.inbox, "end")).ok).toBe(true);
    await waitFor(() => st(ada.room).phase === "lobby", 3000, "the lobby");
    expect(Object.keys(st(host.room).rows ?? {})).toEqual([]);
    expect(Object.keys(st(ada.room).clusters ?? {})).toEqual([]);
    expect(Object.values(st(host.room).seats).map((s: any) => s.cluster)).toEqual(["", ""]);
    const report = await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}`);
    expect(report.body).toMatchObject({ phase: "lobby", students: [] });
    // The same class starts again from scratch: Ada's upgrade was not kept.
    await ask(host.room, host.inbox, "start");
    await waitFor(
      () => st(ada.room).phase === "planning" && Object.keys(st(ada.room).clusters ?? {}).length === 1,
      5000,
      "planning again",
    );
    expect(Object.values(st(ada.room).clusters)[0]).toMatchObject({ money: TEST_SCENARIO.startMoney, upgrades: [] });
    await ask(host.room, host.inbox, "end");
  });

  it("refuses planning times outside the rule", async () => {
    for (const planningSeconds of [10, 61, -1, 30.5, "45"]) {
      const r = await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, planningSeconds });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/planningSeconds/);
    }
    expect((await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id })).body.planningSeconds).toBe(0);
  });
});

describe("kill -9 during planning", () => {
  const procs: ServerProcess[] = [];
  afterAll(() => {
    for (const p of procs) p.child.kill("SIGKILL");
  });

  it("brings the class back paused, with its purchases and the planning time left, and replays to the same hash", async () => {
    const SCENARIO = "campaign-1-packing";
    const scenario = getScenario(SCENARIO)!;
    const dataDir = mkdtempSync(joinPath(tmpdir(), "overcommit-planning-crash-"));
    const port = await freePort();
    const ws = `ws://127.0.0.1:${port}`;
    const first = await startServerProcess(port, { DATA_DIR: dataDir });
    procs.push(first);
    const created = (await (
      await fetch(`${first.url}/api/classrooms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: SCENARIO, seed: 3, speed: 16, length: 40, planningSeconds: 60 }),
      })
    ).json()) as { code: string; hostKey: string };
    const host = await new Client(ws).join("classroom", { code: created.code, hostKey: created.hostKey });
    const hostInbox = new Inbox(host);
    const student = await new Client(ws).join("classroom", { code: created.code, nickname: "Ada" });
    const inbox = new Inbox(student);
    const { seatToken } = await inbox.first("welcome");
    await ask(host, hostInbox, "start");
    await waitFor(
      () => st(student).phase === "planning" && Object.keys(st(student).clusters ?? {}).length === 1,
      5000,
      "planning",
    );
    const buy: Command = { type: "buy-node", nodeType: "small", mode: "hypervisor" };
    expect((await ask(student, inbox, "cmd", { cmd: buy })).ok).toBe(true);
    const before = st(student).clusters[Object.keys(st(student).clusters)[0]!];
    await sleep(1200);
    const leftBefore = st(student).planningLeft;

    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const second = await startServerProcess(port, { DATA_DIR: dataDir });
    procs.push(second);
    const host2 = await new Client(ws).join("classroom", { code: created.code, hostKey: created.hostKey });
    const hostInbox2 = new Inbox(host2);
    const back = await new Client(ws).join("classroom", { code: created.code, seatToken });
    const backInbox = new Inbox(back);
    await waitFor(
      () => st(back).phase === "paused" && Object.keys(st(back).clusters ?? {}).length === 1,
      5000,
      "the class back, paused",
    );
    const restored = st(back).clusters[Object.keys(st(back).clusters)[0]!];
    expect({ tick: restored.tick, money: restored.money, nodes: Object.keys(restored.nodes).length }).toEqual({
      tick: 0,
      money: before.money,
      nodes: Object.keys(before.nodes).length,
    });
    // What was left of planning (a whole countdown at least) is still ahead.
    expect(st(back).planningLeft).toBeGreaterThanOrEqual(Math.max(COUNTDOWN_SECONDS, leftBefore - 1));
    expect(st(back).planningLeft).toBeLessThanOrEqual(leftBefore);
    expect((await hostInbox2.first("notice")).message).toMatch(/restarted/);

    // Resumed, planning goes on, then the round runs to its end with the plan in its replay.
    expect((await ask(host2, hostInbox2, "resume")).ok).toBe(true);
    await waitFor(() => st(back).phase === "planning", 3000, "planning again");
    expect(
      (
        await ask(back, backInbox, "cmd", {
          cmd: { type: "deploy", service: scenario.services[0]!.id, runtime: "vm", node: 0 },
        })
      ).tick,
    ).toBe(0);
    expect((await ask(host2, hostInbox2, "start")).ok).toBe(true);
    await waitFor(() => st(host2).phase === "ended", 20_000, "the end of the round");
    const report = (await (
      await fetch(`${second.url}/api/classrooms/${created.code}/report?key=${created.hostKey}`)
    ).json()) as { students: { seat: string; stateHash: string }[] };
    const { replay } = await replayOf(second.url, created.code, created.hostKey, report.students[0]!.seat, scenario);
    expect(replay.log.filter((e) => e.tick === 0).map((e) => e.cmd.type)).toEqual(["buy-node", "deploy"]);
    const again = replayWorld(scenario, replay);
    expect(again.ok && stateHash(again.value)).toBe(report.students[0]!.stateHash);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 60_000);
});
