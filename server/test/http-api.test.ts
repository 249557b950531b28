// The HTTP API: scenarios, solo-run verification (a tampered replay is refused),
// assignments and their results, leaderboards, /healthz and /metrics, bad requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOTS, encodeReplay, runMatch, type Replay } from "@overcommit/shared";
import { bootServer, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

const played = (seed: number, bot: keyof typeof BOTS = "greedy") => runMatch(TEST_SCENARIO, seed, BOTS[bot]).replay;

describe("scenarios and health", () => {
  it("lists scenarios", async () => {
    const r = await t.api<any>("GET", "/api/scenarios");
    expect(r.status).toBe(200);
    expect(r.body.scenarios[0]).toMatchObject({ id: TEST_SCENARIO.id, version: 1, length: 400 });
  });

  it("answers /healthz and /metrics", async () => {
    expect((await t.api<any>("GET", "/healthz")).body).toMatchObject({ status: "ok", db: "ok" });
    const m = await t.api("GET", "/metrics");
    expect(m.headers.get("content-type")).toMatch(/text\/plain/);
    for (const name of ["overcommit_rooms", "overcommit_clients", "overcommit_commands_total", "overcommit_room_tick_ms_bucket", "overcommit_refusals_total"]) expect(m.text).toContain(name);
    // The process: event-loop lag (sampled every 20 ms), CPU and memory.
    await new Promise((r) => setTimeout(r, 120));
    const again = (await t.api("GET", "/metrics")).text;
    expect(Number(/^overcommit_event_loop_lag_ms_count (\d+)$/m.exec(again)?.[1])).toBeGreaterThan(0);
    expect(Number(/^process_cpu_seconds_total ([\d.]+)$/m.exec(again)?.[1])).toBeGreaterThan(0);
    expect(Number(/^process_resident_memory_bytes (\d+)$/m.exec(again)?.[1])).toBeGreaterThan(1e6);
  });

  it("answers bad requests with a JSON code", async () => {
    const r = await fetch(`${t.url}/api/classrooms`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: "bad-json" });
    expect((await t.api<any>("POST", "/api/classrooms", { scenario: "nope" })).body.code).toBe("bad-field");
    expect((await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, speed: 99 })).status).toBe(400);
    expect((await t.api<any>("GET", "/api/nothing-here")).status).toBe(404);
    expect((await t.api<any>("GET", "/api/classrooms/AAAAAA")).status).toBe(404);
  });
});

describe("solo runs", () => {
  it("re-simulates a replay and records the server's own score", async () => {
    const replay = played(11);
    const r = await t.api<any>("POST", "/api/solo-runs?nickname=Ada", encodeReplay(replay));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ verified: true, score: replay.score, stateHash: replay.hash });
  });

  it("refuses a replay whose claimed score or hash is not what it gives", async () => {
    const replay = played(12);
    const liar: Replay = { ...replay, score: replay.score + 1000 };
    const r1 = await t.api<any>("POST", "/api/solo-runs?nickname=Liar", encodeReplay(liar));
    expect(r1.status).toBe(422);
    expect(r1.body.code).toBe("bad-replay");
    const forged: Replay = { ...replay, hash: "0123456789abcdef" };
    expect((await t.api<any>("POST", "/api/solo-runs?nickname=Liar", encodeReplay(forged))).status).toBe(422);
    // A command removed from the log changes the world, so the claim no longer holds.
    if (replay.log.length > 0) {
      const edited: Replay = { ...replay, log: replay.log.slice(1) };
      expect((await t.api<any>("POST", "/api/solo-runs?nickname=Liar", encodeReplay(edited))).status).toBe(422);
    }
    const bytes = encodeReplay(replay);
    expect((await t.api<any>("POST", "/api/solo-runs?nickname=Liar", bytes.slice(0, bytes.length - 3))).status).toBe(422);
    expect((await t.api<any>("POST", "/api/solo-runs?nickname=Liar", new Uint8Array([1, 2, 3]))).status).toBe(422);
  });

  it("refuses an unfinished run, an instructor command and a bad nickname", async () => {
    const short = runMatch(TEST_SCENARIO, 13, BOTS.greedy, 50).replay;
    expect((await t.api<any>("POST", "/api/solo-runs?nickname=Quick", encodeReplay(short))).body.code).toBe("bad-replay");
    const replay = played(14, "idle");
    const injected: Replay = { ...replay, log: [{ tick: 5, cmd: { type: "inject", incident: "spike", target: "web", size: 300 } }, ...replay.log] };
    const r = await t.api<any>("POST", "/api/solo-runs?nickname=Sneaky", encodeReplay(injected));
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/instructor/);
    expect((await t.api<any>("POST", "/api/solo-runs", encodeReplay(replay))).status).toBe(400);
    expect((await t.api<any>("POST", "/api/solo-runs?nickname=%07bell", encodeReplay(replay))).status).toBe(400);
  });

  it("ranks the best verified run per nickname", async () => {
    await t.api("POST", "/api/solo-runs?nickname=Idle", encodeReplay(played(21, "idle")));
    await t.api("POST", "/api/solo-runs?nickname=Greedy", encodeReplay(played(21, "greedy")));
    const r = await t.api<any>("GET", `/api/leaderboards/${TEST_SCENARIO.id}?limit=50`);
    expect(r.status).toBe(200);
    const scores = r.body.entries.map((e: any) => e.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(new Set(r.body.entries.map((e: any) => e.nickname)).size).toBe(r.body.entries.length);
    expect((await t.api("GET", "/api/leaderboards/unknown")).status).toBe(404);
  });
});

describe("assignments", () => {
  it("publishes a scenario, seed and deadline, and collects verified runs", async () => {
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    const a = await t.api<any>("POST", "/api/assignments", { scenario: TEST_SCENARIO.id, seed: 99, deadline });
    expect(a.status).toBe(201);
    const { code, hostKey } = a.body;
    expect((await t.api<any>("GET", `/api/assignments/${code}`)).body).toMatchObject({ scenario: TEST_SCENARIO.id, seed: 99, open: true });
    const good = played(99);
    expect((await t.api<any>("POST", `/api/solo-runs?nickname=Ada&assignment=${code}`, encodeReplay(good))).status).toBe(201);
    // Another seed is another game: refused for this assignment.
    expect((await t.api<any>("POST", `/api/solo-runs?nickname=Bob&assignment=${code}`, encodeReplay(played(98)))).status).toBe(422);
    const res = await t.api<any>("GET", `/api/assignments/${code}/results`, undefined, { authorization: `Bearer ${hostKey}` });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0]).toMatchObject({ nickname: "Ada", score: good.score, stateHash: good.hash });
    expect((await t.api("GET", `/api/assignments/${code}/results`)).status).toBe(403);
    expect((await t.api("POST", "/api/assignments", { scenario: TEST_SCENARIO.id, deadline: "2001-01-01T00:00:00Z" })).status).toBe(400);
  });
});
