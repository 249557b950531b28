// A class plays several rounds under one code: after the end, "new-round" brings everyone
// back to the lobby with the same seats (another seed or length), each round's report and
// replays stay apart (?round=N), the class summary arrives at the end, the report JSON is
// pretty, and a restart in the lobby of a later round keeps its round number. Also: the
// instructor and projector are told the class address, students are not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateHash } from "@overcommit/shared";
import { ask, bootServer, replayOf, st, waitFor, joinClassroom, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { classUrls } from "../src/classAddress.ts";
import Database from "better-sqlite3";
import { migrate } from "../src/storage/db.ts";
import { MIGRATIONS } from "../src/storage/migrations.ts";
import { ResultStore } from "../src/storage/results.ts";

let t: TestServer;
beforeAll(async () => {
  // On every interface, as `npm start` listens: the class address is this machine's LAN address.
  t = await bootServer({ host: "0.0.0.0" }, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

const join = (options: Record<string, unknown>) => joinClassroom(t, options);

describe("a class's next round", () => {
  it("keeps the code and seats, stores each round apart, and sums the class up by concept", async () => {
    const { body } = await t.api<any>("POST", "/api/classrooms", {
      scenario: TEST_SCENARIO.id,
      seed: 1,
      speed: 16,
      length: 30,
    });
    const { code, hostKey, projectorKey } = body;
    const host = await join({ code, hostKey });
    const projector = await join({ code, projectorKey });
    const ada = await join({ code, nickname: "Ada" });
    const bob = await join({ code, nickname: "Bob" });
    // The class address goes to the instructor and the projector, not to students.
    const address = classUrls({ publicAddress: "", host: "0.0.0.0" }, t.server.port)[0] ?? "";
    expect((await host.inbox.first("welcome")).classUrl).toBe(address);
    expect((await projector.inbox.first("welcome")).classUrl).toBe(address);
    expect((await ada.inbox.first("welcome")).classUrl).toBe("");
    await waitFor(() => Object.keys(st(host.room).seats ?? {}).length === 2, 3000, "two seats");
    const seats = Object.keys(st(host.room).seats).sort();
    expect(st(host.room).round).toBe(1);

    // Not before the end.
    expect((await ask(host.room, host.inbox, "new-round")).code).toBe("bad-state");
    await ask(host.room, host.inbox, "start");
    await waitFor(() => Object.keys(st(ada.room).clusters ?? {}).length === 1, 5000, "Ada's cluster");
    await ask(host.room, host.inbox, "inject", { incident: "crash", target: "web" });
    await waitFor(() => st(host.room).phase === "ended", 10_000, "the end of round 1");
    const summary = await projector.inbox.first("summary");
    expect(summary).toMatchObject({ round: 1, clusters: 2 });
    const healing = summary.concepts.find((c: any) => c.concept === "self-healing");
    expect(healing.incidents).toBeGreaterThanOrEqual(4);
    expect(healing.term).toBe("Self-healing");
    expect(healing.text).toMatch(/^\d+ incidents in 2 of 2 datacenters/);
    expect(["well", "mixed", "badly"]).toContain(healing.verdict);
    expect((await ada.inbox.first("summary")).round).toBe(1);
    const round1 = await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}`);
    // Pretty JSON, with the summary the projector showed.
    expect(round1.text).toMatch(/^\{\n {2}"classroomId": /);
    expect(round1.body).toMatchObject({ round: 1, rounds: 1, seed: 1, phase: "ended", summary });

    // Refusals name the rule; nothing changes.
    for (const bad of [{ scenario: "nope" }, { seed: -1 }, { length: 5 }, { planningSeconds: 5 }]) {
      const r = await ask(host.room, host.inbox, "new-round", bad);
      expect(r).toMatchObject({ ok: false, code: "bad-field" });
      expect(r.message).toMatch(/"(scenario|seed|length|planningSeconds)"/);
    }
    expect(st(host.room).phase).toBe("ended");
    expect((await ask(ada.room, ada.inbox, "new-round")).code).toBe("not-allowed");

    // Round 2: same seats, back in the lobby, another seed and length.
    expect((await ask(host.room, host.inbox, "new-round", { seed: 2, length: 20 })).ok).toBe(true);
    await waitFor(() => st(ada.room).phase === "lobby" && st(ada.room).round === 2, 3000, "the lobby of round 2");
    expect(Object.keys(st(ada.room).seats).sort()).toEqual(seats);
    expect(Object.keys(st(host.room).rows)).toEqual([]);
    expect(Object.keys(st(ada.room).clusters ?? {})).toEqual([]);
    expect(st(ada.room)).toMatchObject({ length: 20, tick: 0 });
    // In the lobby the report is still the last round's.
    expect((await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}`)).body).toMatchObject({
      round: 1,
      rounds: 2,
      seed: 1,
    });
    // A newcomer may join the new round's lobby.
    const cy = await join({ code, nickname: "Cy" });
    await waitFor(() => Object.keys(st(host.room).seats).length === 3, 3000, "Cy's seat");

    await ask(host.room, host.inbox, "start");
    await waitFor(() => Object.keys(st(bob.room).clusters ?? {}).length === 1, 5000, "Bob's new cluster");
    await waitFor(() => st(host.room).phase === "ended", 10_000, "the end of round 2");
    const round2 = await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}`);
    expect(round2.body).toMatchObject({ round: 2, rounds: 2, seed: 2, phase: "ended" });
    expect(round2.body.students.map((s: any) => s.nickname).sort()).toEqual(["Ada", "Bob", "Cy"]);
    for (const s of round2.body.students) expect(s.ticks).toBe(20);
    const again1 = await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}&round=1`);
    expect(again1.body.students).toEqual(round1.body.students);
    expect((await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}&round=3`)).status).toBe(400);
    expect((await t.api<any>("GET", `/api/classrooms/${code}/report?key=${hostKey}&round=0x1`)).status).toBe(400);
    const csv1 = await t.api("GET", `/api/classrooms/${code}/report?key=${hostKey}&round=1&format=csv`);
    expect(csv1.headers.get("content-disposition")).toMatch(/round1-report\.csv/);
    expect(csv1.text.trim().split("\r\n")).toHaveLength(3);

    // Each round's replays are its own and re-simulate to its stored hashes.
    const adaSeat = round1.body.students.find((s: any) => s.nickname === "Ada");
    const r1 = await fetch(
      `${t.url}/api/classrooms/${code}/students/${adaSeat.seat}/replay?key=${hostKey}&round=1`,
    ).then((r) => r.arrayBuffer());
    const r2 = await fetch(`${t.url}/api/classrooms/${code}/students/${adaSeat.seat}/replay?key=${hostKey}`).then((r) =>
      r.arrayBuffer(),
    );
    expect(Buffer.from(r1).equals(Buffer.from(r2))).toBe(false);
    const { world } = await replayOf(t.url, code, hostKey, adaSeat.seat, TEST_SCENARIO);
    expect(stateHash(world)).toBe(round2.body.students.find((s: any) => s.nickname === "Ada").stateHash);
    expect(world.seed).toBe(2);
    void cy.room.leave();
  }, 40_000);
});

describe("a restart between rounds", () => {
  it("brings the class back in the lobby of its current round, the last round's report still there", async () => {
    const { body } = await t.api<any>("POST", "/api/classrooms", {
      scenario: TEST_SCENARIO.id,
      seed: 4,
      speed: 16,
      length: 12,
      planningSeconds: 45,
    });
    const host = await join({ code: body.code, hostKey: body.hostKey });
    const ada = await join({ code: body.code, nickname: "Ada" });
    const { seatToken } = await ada.inbox.first("welcome");
    await ask(host.room, host.inbox, "start");
    await waitFor(() => st(host.room).phase === "planning", 3000, "planning");
    await ask(host.room, host.inbox, "start");
    await waitFor(() => st(host.room).phase === "ended", 15_000, "the end of round 1");
    expect((await ask(host.room, host.inbox, "new-round", { seed: 9 })).ok).toBe(true);
    await waitFor(() => st(ada.room).round === 2, 3000, "round 2");
    const dataDir = t.server.storage.db.name.replace(/\/overcommit\.sqlite$/, "");
    await t.close();
    t = await bootServer({ dataDir }, { scenarios: testCatalog });
    const back = await join({ code: body.code, seatToken });
    const host2 = await join({ code: body.code, hostKey: body.hostKey });
    await waitFor(() => st(back.room).phase === "lobby" && st(back.room).round === 2, 5000, "the lobby of round 2");
    expect(st(back.room)).toMatchObject({ planning: 45, length: TEST_SCENARIO.length });
    await waitFor(() => Object.keys(st(host2.room).seats ?? {}).length === 1, 3000, "the seat on the host's side");
    expect(Object.values(st(host2.room).seats).map((s: any) => s.nickname)).toEqual(["Ada"]);
    expect((await t.api<any>("GET", `/api/classrooms/${body.code}/report?key=${body.hostKey}`)).body).toMatchObject({
      round: 1,
      rounds: 2,
      seed: 4,
      phase: "ended",
    });
  }, 30_000);
});

describe("migration 4", () => {
  it("moves a database's finished classrooms into round 1", () => {
    const db = new Database(":memory:");
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    db.prepare(
      `INSERT INTO classrooms (id, code, host_key_hash, projector_key_hash, scenario_id, scenario_version, seed, mode, team_size, speed, late_join, phase, created_at, ended_at, round_length)
      VALUES ('k1', 'AAAAAA', 'h', 'p', 'server-test', 1, 77, 'competitive', 1, 4, 1, 'ended', '2025-01-01', '2025-01-02', 400)`,
    ).run();
    db.prepare(`INSERT INTO results VALUES ('k1', 's1', 'c1', 'Ada', 0, 10, 9900, 5010, 0, 400, 'abc', '{}')`).run();
    db.prepare(`INSERT INTO replays VALUES ('k1', 'c1', x'01')`).run();
    migrate(db, MIGRATIONS);
    const results = new ResultStore(db);
    expect(results.results("k1", 1).map((r) => [r.nickname, r.score])).toEqual([["Ada", 10]]);
    expect(results.replay("k1", 1, "c1")).toEqual(new Uint8Array([1]));
    expect(results.rounds("k1")).toEqual([
      {
        round: 1,
        scenario_id: "server-test",
        scenario_version: 1,
        rules_version: 1,
        seed: 77,
        length: 400,
        ended_at: "2025-01-02",
      },
    ]);
    expect(db.prepare(`SELECT round, planning_seconds FROM classrooms`).get()).toEqual({
      round: 1,
      planning_seconds: 0,
    });
    db.close();
  });
});

describe("the class address", () => {
  it("is PUBLIC_ADDRESS, else the LAN address for a server on every interface, else none on loopback", () => {
    expect(classUrls({ publicAddress: "game.school.org:443", host: "0.0.0.0" }, 2567, ["10.0.0.5"])).toEqual([
      "https://game.school.org",
    ]);
    expect(classUrls({ publicAddress: "https://game.school.org/", host: "0.0.0.0" }, 2567)).toEqual([
      "https://game.school.org",
    ]);
    expect(classUrls({ publicAddress: "", host: "0.0.0.0" }, 2567, ["192.168.1.20", "172.17.0.1"])).toEqual([
      "http://192.168.1.20:2567",
      "http://172.17.0.1:2567",
    ]);
    expect(classUrls({ publicAddress: "", host: "127.0.0.1" }, 2567, ["192.168.1.20"])).toEqual([]);
    expect(classUrls({ publicAddress: "", host: "10.1.1.1" }, 3000, [])).toEqual(["http://10.1.1.1:3000"]);
  });
});
