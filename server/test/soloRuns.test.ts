// Solo runs: the server re-simulates a submitted replay and records its own numbers (a
// tampered replay is refused). Runs only from a player (issue 11): a run reaches a
// leaderboard or an assignment only with the one-use ticket the server issued when it
// started, of that ticket's scenario and seed, after at least the time the run takes to
// play. A replay made by the CLI (`npm run sim -- --out`) is refused on its own; boards are
// per scenario and seed, with a daily seed everyone shares; an assignment takes only runs
// started from its code.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOTS, encodeReplay, runMatch, type Bot, type Replay } from "@overcommit/shared";
import { bootServer, runTicket, sleep, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { sharedCatalog, type ScenarioCatalog } from "../src/scenarios.ts";
import { minimumPlayMs } from "../src/runTickets.ts";
import { dailySeed, dayOf } from "../src/daily.ts";

/** The shipped scenarios (for the CLI's replay) and the small test scenario (quick to play). */
const catalog: ScenarioCatalog = {
  list: () => [...testCatalog.list(), ...sharedCatalog.list()],
  get: (id) => testCatalog.get(id) ?? sharedCatalog.get(id),
};
const root = join(import.meta.dirname, "..", "..");
const replayOf = (seed: number, bot: keyof typeof BOTS = "greedy") => runMatch(TEST_SCENARIO, seed, BOTS[bot]).replay;
const played = (seed: number, bot: keyof typeof BOTS = "greedy") => encodeReplay(replayOf(seed, bot));
const PLAY_MS = minimumPlayMs(TEST_SCENARIO.length) + 100;

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({}, { scenarios: catalog });
});
afterAll(async () => {
  await t.close();
});

const submit = (query: string, bytes: Uint8Array) => t.api<any>("POST", `/api/solo-runs?${query}`, bytes);
const board = async (query = "") => (await t.api<any>("GET", `/api/leaderboards/${TEST_SCENARIO.id}${query}`)).body;

describe("run tickets", () => {
  it("a replay made by the CLI does not pass on its own, nor with a ticket handed in at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "overcommit-sim-"));
    const file = join(dir, "run.bin");
    const sim = spawnSync(
      "npm",
      [
        "run",
        "--silent",
        "sim",
        "--",
        "--scenario",
        "black-friday",
        "--seed",
        "7",
        "--bot",
        "autopilot",
        "--out",
        file,
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(sim.status, sim.stderr).toBe(0);
    const bytes = new Uint8Array(readFileSync(file));
    const alone = await submit("nickname=Bot", bytes);
    expect(alone).toMatchObject({
      status: 400,
      body: { code: "ticket-required", message: expect.stringMatching(/ticket/) },
    });
    expect((await submit("nickname=Bot&ticket=AAAAAAAAAAAAAAAAAAAAAAAA", bytes)).body.code).toBe("bad-ticket");
    expect((await submit("nickname=Bot&ticket=%00%FF", bytes)).body.code).toBe("bad-ticket");
    // With a real ticket for that game, at once: a 2400-tick round is not played in no time.
    const ticket = await runTicket(t, { scenario: "black-friday", seed: 7 });
    const fast = await submit(`nickname=Bot&ticket=${ticket}`, bytes);
    expect(fast).toMatchObject({ status: 422, body: { code: "too-fast" } });
    expect((await t.api<any>("GET", "/api/leaderboards/black-friday?seed=7")).body.entries).toEqual([]);
  });

  it("a ticket is for one game, used once, and the run needs its playing time", async () => {
    const [t5, t6] = [
      await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 5 }),
      await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 6 }),
    ];
    // Handed in before a run of this length could have been played.
    expect((await submit(`nickname=Ada&ticket=${t5}`, played(5))).body.code).toBe("too-fast");
    await sleep(PLAY_MS);
    // Another seed (or scenario) than the ticket's is another game: no shopping for a seed.
    expect((await submit(`nickname=Ada&ticket=${t5}`, played(6))).body).toMatchObject({
      code: "bad-replay",
      message: expect.stringMatching(/seed 5/),
    });
    const ok = await submit(`nickname=Ada&ticket=${t5}`, played(5));
    expect(ok).toMatchObject({ status: 201, body: { verified: true, seed: 5 } });
    // The same ticket again, even with another nickname or run of the same game.
    expect(await submit(`nickname=Ada2&ticket=${t5}`, played(5, "idle"))).toMatchObject({
      status: 409,
      body: { code: "ticket-used" },
    });
    expect((await submit(`nickname=Bob&ticket=${t6}`, played(6))).status).toBe(201);
    expect((await board("?seed=5")).entries.map((e: any) => e.nickname)).toEqual(["Ada"]);
  });

  it("boards are per seed, and the default board is today's daily seed", async () => {
    const day = (await t.api<any>("GET", "/api/daily")).body;
    expect(day).toMatchObject({ date: dayOf(Date.now()), seed: dailySeed(dayOf(Date.now())) });
    expect(day.seed).toBeGreaterThanOrEqual(1);
    expect(day.seed).toBeLessThanOrEqual(999_999);
    expect(Date.parse(day.endsAt) - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const dailyTicket = await t.api<any>("POST", "/api/run-tickets", { scenario: TEST_SCENARIO.id, daily: true });
    expect(dailyTicket).toMatchObject({
      status: 201,
      body: { seed: day.seed, daily: day.date, scenario: TEST_SCENARIO.id },
    });
    const other = await runTicket(t, { scenario: TEST_SCENARIO.id, seed: day.seed + 1 });
    await sleep(PLAY_MS);
    expect((await submit(`nickname=Daily&ticket=${dailyTicket.body.ticket}`, played(day.seed))).status).toBe(201);
    expect((await submit(`nickname=Other&ticket=${other}`, played(day.seed + 1))).status).toBe(201);
    const today = await board();
    expect(today).toMatchObject({ seed: day.seed, daily: day.date });
    expect(today.entries.map((e: any) => e.nickname)).toEqual(["Daily"]);
    expect(await board(`?seed=${day.seed + 1}`)).toMatchObject({
      daily: null,
      entries: [expect.objectContaining({ nickname: "Other" })],
    });
    for (const bad of ["?seed=-1", "?seed=abc", "?seed=99999999999", "?seed=1.5"])
      expect((await t.api<any>("GET", `/api/leaderboards/${TEST_SCENARIO.id}${bad}`)).status).toBe(400);
  });

  it("an assignment takes only runs started from its code, before its deadline", async () => {
    const create = (ms: number, seed: number) =>
      t.api<any>("POST", "/api/assignments", {
        scenario: TEST_SCENARIO.id,
        seed,
        deadline: new Date(Date.now() + ms).toISOString(),
      });
    const open = (await create(86_400_000, 41)).body;
    const closing = (await create(PLAY_MS / 2, 42)).body;
    const mine = await runTicket(t, { assignment: open.code });
    const plain = await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 41 });
    const late = await runTicket(t, { assignment: closing.code });
    await sleep(PLAY_MS);
    // A run of the right scenario and seed, but not started from the assignment, is not handed in.
    expect((await submit(`nickname=Eve&assignment=${open.code}&ticket=${plain}`, played(41))).body.code).toBe(
      "bad-ticket",
    );
    expect((await submit(`nickname=Ada&assignment=${open.code}&ticket=${mine}`, played(41))).status).toBe(201);
    expect((await submit(`nickname=Bob&ticket=${late}`, played(42))).body.code).toBe("past-deadline");
    expect((await t.api<any>("POST", "/api/run-tickets", { assignment: closing.code })).body.code).toBe(
      "past-deadline",
    );
    const results = await t.api<any>("GET", `/api/assignments/${open.code}/results`, undefined, {
      authorization: `Bearer ${open.hostKey}`,
    });
    expect(results.body.results.map((r: any) => r.nickname)).toEqual(["Ada"]);
    expect(results.body.results[0]).toMatchObject({ bailouts: 0 });
    // The plain ticket is still good for its own (non-assignment) board.
    expect((await submit(`nickname=Eve&ticket=${plain}`, played(41))).status).toBe(201);
  });

  it("refuses malformed ticket requests with a code", async () => {
    for (const body of [
      {},
      { scenario: "nope" },
      { scenario: TEST_SCENARIO.id, seed: -1 },
      { scenario: TEST_SCENARIO.id, seed: 2 ** 32 },
      { scenario: TEST_SCENARIO.id, seed: 1.5 },
      { scenario: TEST_SCENARIO.id, daily: "yes" },
      { scenario: TEST_SCENARIO.id, daily: true, seed: 3 },
    ]) {
      const r = await t.api<any>("POST", "/api/run-tickets", body);
      expect([JSON.stringify(body), r.status, r.body.code]).toEqual([JSON.stringify(body), 400, "bad-field"]);
    }
    expect((await t.api<any>("POST", "/api/run-tickets", { assignment: "AAAAAA" })).status).toBe(404);
    expect((await t.api<any>("POST", "/api/run-tickets", { assignment: 12 })).status).toBe(404);
    // Without a seed, the server picks one.
    expect((await t.api<any>("POST", "/api/run-tickets", { scenario: TEST_SCENARIO.id })).body.seed).toEqual(
      expect.any(Number),
    );
  });
});

describe("verification", () => {
  /** Tickets for the runs below, issued up front and then aged past a full run's play time. */
  const tickets = new Map<string, string>();
  const ticket = (label: string) => tickets.get(label)!;
  beforeAll(async () => {
    for (const [label, seed] of [
      ["ada", 11],
      ["liar", 12],
      ["quick", 13],
      ["sneaky", 14],
      ["broke", 15],
    ] as const)
      tickets.set(label, await runTicket(t, { scenario: TEST_SCENARIO.id, seed }));
    await sleep(PLAY_MS);
  });

  it("re-simulates a replay and records the server's own score", async () => {
    const replay = replayOf(11);
    const r = await submit(`nickname=Ada&ticket=${ticket("ada")}`, encodeReplay(replay));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ verified: true, score: replay.score, stateHash: replay.hash });
  });

  it("verifies a run the bank bailed out: the server's score carries the loans and fees, and earns no star", async () => {
    // Eight large Type 1 hosts at once: 88 credits a second against 5000, bankrupt twice in 400 s.
    const spender: Bot = {
      name: "spender",
      act: (w) =>
        w.tick === 0
          ? Array.from({ length: 8 }, () => ({
              type: "buy-node" as const,
              nodeType: "large" as const,
              mode: "hypervisor" as const,
            }))
          : [],
    };
    const { world, replay } = runMatch(TEST_SCENARIO, 15, spender);
    expect(world.bailouts).toBeGreaterThanOrEqual(2);
    expect(replay.score).toBe(world.money - world.startMoney - world.debt);
    // A claim that leaves the debt out of the score is refused (and leaves the ticket unused).
    expect(
      (
        await submit(
          `nickname=Broke&ticket=${ticket("broke")}`,
          encodeReplay({ ...replay, score: world.money - world.startMoney }),
        )
      ).body.code,
    ).toBe("bad-replay");
    const r = await submit(`nickname=Broke&ticket=${ticket("broke")}`, encodeReplay(replay));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      verified: true,
      score: replay.score,
      stars: 0,
      bailouts: world.bailouts,
      stateHash: replay.hash,
    });
    // The seed's board says so beside the name.
    const entry = (await board("?seed=15")).entries.find((e: any) => e.nickname === "Broke");
    expect(entry).toMatchObject({ score: replay.score, stars: 0, bailouts: world.bailouts });
  });

  it("refuses a replay whose claimed score or hash is not what it gives", async () => {
    const replay = replayOf(12);
    const liar: Replay = { ...replay, score: replay.score + 1000 };
    const lie = (bytes: Uint8Array) => submit(`nickname=Liar&ticket=${ticket("liar")}`, bytes);
    const r1 = await lie(encodeReplay(liar));
    expect(r1.status).toBe(422);
    expect(r1.body.code).toBe("bad-replay");
    expect((await lie(encodeReplay({ ...replay, hash: "0123456789abcdef" }))).status).toBe(422);
    // A command removed from the log changes the world, so the claim no longer holds.
    if (replay.log.length > 0)
      expect((await lie(encodeReplay({ ...replay, log: replay.log.slice(1) }))).status).toBe(422);
    const bytes = encodeReplay(replay);
    expect((await lie(bytes.slice(0, bytes.length - 3))).status).toBe(422);
    expect((await lie(new Uint8Array([1, 2, 3]))).status).toBe(422);
  });

  it("refuses an unfinished run, an instructor command and a bad nickname", async () => {
    const short = runMatch(TEST_SCENARIO, 13, BOTS.greedy, 50).replay;
    expect((await submit(`nickname=Quick&ticket=${ticket("quick")}`, encodeReplay(short))).body.code).toBe(
      "bad-replay",
    );
    const replay = replayOf(14, "idle");
    const injected: Replay = {
      ...replay,
      log: [{ tick: 5, cmd: { type: "inject", incident: "spike", target: "web", size: 300 } }, ...replay.log],
    };
    const r = await submit(`nickname=Sneaky&ticket=${ticket("sneaky")}`, encodeReplay(injected));
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/instructor/);
    expect((await submit(`ticket=${ticket("sneaky")}`, encodeReplay(replay))).status).toBe(400);
    expect((await submit(`nickname=%07bell&ticket=${ticket("sneaky")}`, encodeReplay(replay))).status).toBe(400);
    expect(
      (
        await submit(
          `nickname=${encodeURIComponent("Ｔｅａｃｈｅｒ")}&ticket=${ticket("sneaky")}`,
          encodeReplay(replay),
        )
      ).status,
    ).toBe(400);
  });

  it("ranks the best verified run per nickname on the seed's board", async () => {
    const [idle, greedy, again] = [
      await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 21 }),
      await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 21 }),
      await runTicket(t, { scenario: TEST_SCENARIO.id, seed: 21 }),
    ];
    await sleep(PLAY_MS);
    expect((await submit(`nickname=Idle&ticket=${idle}`, played(21, "idle"))).status).toBe(201);
    expect((await submit(`nickname=Greedy&ticket=${greedy}`, played(21, "greedy"))).status).toBe(201);
    expect((await submit(`nickname=Idle&ticket=${again}`, played(21, "autopilot"))).status).toBe(201);
    const r = await board("?seed=21&limit=50");
    const scores = r.entries.map((e: any) => e.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(r.entries.map((e: any) => e.nickname).sort()).toEqual(["Greedy", "Idle"]);
    expect((await t.api("GET", "/api/leaderboards/unknown")).status).toBe(404);
  });
});
