// Rules versions on the server: a run, a ticket, a board entry or a classroom round made under
// other rules than the server plays is refused or shown as stale with a code and a sentence,
// never re-simulated and compared (its hash would differ for no fault of the player's). Old
// databases read as version 1, the rules before versions were recorded.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { pack, unpack } from "msgpackr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOTS, encodeReplay, MAX_RULES_VERSION, RULES_VERSION, runMatch } from "@overcommit/shared";
import { bootServer, roundsBeforeRestart, runTicket, sleep, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { minimumPlayMs } from "../src/runTickets.ts";
import { hashKey } from "../src/secrets.ts";
import { DB_FILE, migrate } from "../src/storage/db.ts";
import { MIGRATIONS } from "../src/storage/migrations.ts";
import { AssignmentStore } from "../src/storage/assignments.ts";
import { RunTicketStore } from "../src/storage/runTickets.ts";

const PLAY_MS = minimumPlayMs(TEST_SCENARIO.length) + 100;
const replayOf = (seed: number) => runMatch(TEST_SCENARIO, seed, BOTS.greedy).replay;
const OLDER = RULES_VERSION - 1;

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

const submit = (query: string, bytes: Uint8Array) => t.api<any>("POST", `/api/solo-runs?${query}`, bytes);
const ticketRequest = (body: Record<string, unknown>) => t.api<any>("POST", "/api/run-tickets", body);

describe("run tickets and rules versions", () => {
  it("tell the page the server's rules, and refuse a page of other rules before its run starts", async () => {
    const ok = await ticketRequest({ scenario: TEST_SCENARIO.id, seed: 1, rulesVersion: RULES_VERSION });
    expect(ok).toMatchObject({ status: 201, body: { rulesVersion: RULES_VERSION } });
    // Pages from before the field send none: still served, and told the version.
    expect(await ticketRequest({ scenario: TEST_SCENARIO.id, seed: 1 })).toMatchObject({
      status: 201,
      body: { rulesVersion: RULES_VERSION },
    });
    expect(await ticketRequest({ scenario: TEST_SCENARIO.id, seed: 1, rulesVersion: OLDER })).toMatchObject({
      status: 409,
      body: {
        code: "stale-rules",
        message: `This page plays rules version ${OLDER} and the server plays version ${RULES_VERSION}: reload the page to play the current game, or its run cannot be submitted.`,
      },
    });
    for (const rulesVersion of [String(RULES_VERSION), -1, 0, 1.5, MAX_RULES_VERSION + 1, 2 ** 53, 1e300, null, {}]) {
      const r = await ticketRequest({ scenario: TEST_SCENARIO.id, seed: 1, rulesVersion });
      expect([rulesVersion, r.status, r.body.code]).toEqual([rulesVersion, 400, "bad-field"]);
      expect(r.body.message).toMatch(/rulesVersion/);
    }
  });

  it("refuse a run played under other rules even when its hash would match, and the ticket stays good", async () => {
    const ticket = await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 31 });
    await sleep(PLAY_MS);
    const replay = replayOf(31);
    // The claimed hash and score are this engine's: a server comparing them would take the run.
    for (const rulesVersion of [OLDER, RULES_VERSION + 1]) {
      const r = await submit(`nickname=Old&ticket=${ticket}`, encodeReplay({ ...replay, rulesVersion }));
      expect(r).toMatchObject({ status: 409, body: { code: "stale-rules" } });
      expect(r.body.message).toContain(`This run was played under rules version ${rulesVersion}`);
    }
    // A replay from before versions were recorded (format 1) reads as version 1: stale, not corrupt.
    const [, , ...fields] = unpack(encodeReplay(replay)) as unknown[];
    const legacy = await submit(`nickname=Old&ticket=${ticket}`, pack([1, ...fields]));
    expect(legacy).toMatchObject({
      status: 409,
      body: {
        code: "stale-rules",
        message: `This run was played under rules version 1; the game now plays version ${RULES_VERSION}, so it cannot be replayed exactly.`,
      },
    });
    // Hostile rules versions in the bytes are malformed replays.
    for (const bad of ["2", -3, 0, 2 ** 53, null]) {
      const r = await submit(`nickname=Old&ticket=${ticket}`, pack([2, bad, ...fields]));
      expect([bad, r.status, r.body.code]).toEqual([bad, 422, "bad-replay"]);
    }
    expect((await submit(`nickname=Old&ticket=${ticket}`, pack([2, ...fields]))).body.code).toBe("bad-replay");
    // None of that used the ticket: the run played under these rules is taken.
    const good = await submit(`nickname=Now&ticket=${ticket}`, encodeReplay(replay));
    expect(good).toMatchObject({ status: 201, body: { verified: true, stateHash: replay.hash } });
  });

  it("refuse a run whose ticket was issued under other rules (the server was upgraded during the run)", async () => {
    const ticket = await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 32 });
    t.server.storage.db
      .prepare(`UPDATE run_tickets SET rules_version = ? WHERE token_hash = ?`)
      .run(OLDER, hashKey(ticket));
    await sleep(PLAY_MS);
    expect(await submit(`nickname=Mid&ticket=${ticket}`, encodeReplay(replayOf(32)))).toMatchObject({
      status: 409,
      body: {
        code: "stale-rules",
        message: `This run was started under rules version ${OLDER}; the server now plays version ${RULES_VERSION}, so it cannot be verified: reload the page and play the round again.`,
      },
    });
  });

  it("boards rank only runs verified under the server's rules; an assignment marks older ones stale", async () => {
    const a = (
      await t.api<any>("POST", "/api/assignments", {
        scenario: TEST_SCENARIO.id,
        seed: 33,
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      })
    ).body;
    const [first, second] = [await runTicket(t, { assignment: a.code }), await runTicket(t, { assignment: a.code })];
    await sleep(PLAY_MS);
    expect((await submit(`nickname=Before&ticket=${first}`, encodeReplay(replayOf(33)))).status).toBe(201);
    expect((await submit(`nickname=After&ticket=${second}`, encodeReplay(replayOf(33)))).status).toBe(201);
    // As if "Before" had been verified by the server before it was upgraded to these rules.
    t.server.storage.db.prepare(`UPDATE solo_runs SET rules_version = ? WHERE nickname = 'Before'`).run(OLDER);
    const board = (await t.api<any>("GET", `/api/leaderboards/${TEST_SCENARIO.id}?seed=33`)).body;
    expect(board.rulesVersion).toBe(RULES_VERSION);
    expect(board.entries.map((e: any) => e.nickname)).toEqual(["After"]);
    const results = (
      await t.api<any>("GET", `/api/assignments/${a.code}/results`, undefined, {
        authorization: `Bearer ${a.hostKey}`,
      })
    ).body;
    expect(results.rulesVersion).toBe(RULES_VERSION);
    expect(
      results.results.map((r: any) => [r.nickname, r.rulesVersion, r.stale]).sort((x: any, y: any) => (x < y ? -1 : 1)),
    ).toEqual([
      ["After", RULES_VERSION, false],
      ["Before", OLDER, true],
    ]);
  });
});

describe("migration 8", () => {
  it("reads a database's runs and tickets from before rules versions as version 1", () => {
    const db = new Database(":memory:");
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 7),
    );
    db.prepare(
      `INSERT INTO solo_runs (scenario_id, scenario_version, seed, nickname, score, sla_bp, stars, money, ticks, state_hash, replay, submitted_at)
       VALUES ('server-test', 1, 9, 'Ada', 100, 9900, 2, 5100, 400, 'abc', x'01', '2025-01-01')`,
    ).run();
    db.prepare(
      `INSERT INTO run_tickets (token_hash, scenario_id, scenario_version, seed, issued_at) VALUES ('h', 'server-test', 1, 9, 1)`,
    ).run();
    migrate(db, MIGRATIONS);
    expect(new RunTicketStore(db).byHash("h")?.rules_version).toBe(1);
    const store = new AssignmentStore(db);
    const game = { scenarioId: "server-test", scenarioVersion: 1, seed: 9 };
    expect(store.leaderboard({ ...game, rulesVersion: 1 }, 10).map((r) => r.nickname)).toEqual(["Ada"]);
    expect(store.leaderboard({ ...game, rulesVersion: RULES_VERSION }, 10)).toEqual([]);
    db.close();
  });
});

describe("a classroom round across a rules change", () => {
  it("is not restored under other rules; a finished round's report says the rules it was played under", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "overcommit-rules-"));
    const { first, done, cut } = await roundsBeforeRestart(dataDir);
    await first.close();
    // As if the running round had been started by a server of older rules.
    const db = new Database(join(dataDir, DB_FILE));
    db.prepare(`UPDATE classrooms SET rules_version = ? WHERE code = ?`).run(OLDER, cut.code);
    db.close();

    const second = await bootServer({ dataDir }, { scenarios: testCatalog });
    try {
      const report = await second.api<any>("GET", `/api/classrooms/${done.code}/report?key=${done.hostKey}`);
      expect(report.body).toMatchObject({ phase: "ended", rulesVersion: RULES_VERSION });
      // The round cut short stays down rather than stepping on under rules it was not played under.
      expect((await second.api<any>("GET", `/api/classrooms/${cut.code}`)).body).toMatchObject({ live: false });
      const stale = await second.api<any>("GET", `/api/classrooms/${cut.code}/report?key=${cut.hostKey}`);
      expect(stale.body.rulesVersion).toBe(OLDER);
    } finally {
      await second.close();
    }
  }, 40_000);
});
