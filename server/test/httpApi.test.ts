// The HTTP API: scenarios, assignments and their results, /healthz and /metrics, bad
// requests. (Solo runs, their tickets and leaderboards: soloRuns.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootServer, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

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
    for (const name of [
      "overcommit_rooms",
      "overcommit_clients",
      "overcommit_commands_total",
      "overcommit_room_tick_ms_bucket",
      "overcommit_refusals_total",
    ])
      expect(m.text).toContain(name);
    // The process: event-loop lag (sampled every 20 ms), CPU and memory.
    await new Promise((r) => setTimeout(r, 120));
    const again = (await t.api("GET", "/metrics")).text;
    expect(Number(/^overcommit_event_loop_lag_ms_count (\d+)$/m.exec(again)?.[1])).toBeGreaterThan(0);
    expect(Number(/^process_cpu_seconds_total ([\d.]+)$/m.exec(again)?.[1])).toBeGreaterThan(0);
    expect(Number(/^process_resident_memory_bytes (\d+)$/m.exec(again)?.[1])).toBeGreaterThan(1e6);
  });

  it("answers bad requests with a JSON code", async () => {
    const r = await fetch(`${t.url}/api/classrooms`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: "bad-json" });
    expect((await t.api<any>("POST", "/api/classrooms", { scenario: "nope" })).body.code).toBe("bad-field");
    expect((await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, speed: 99 })).status).toBe(400);
    expect((await t.api<any>("GET", "/api/nothing-here")).status).toBe(404);
    expect((await t.api<any>("GET", "/api/classrooms/AAAAAA")).status).toBe(404);
  });
});

describe("assignments", () => {
  it("publishes a scenario, seed and deadline, and shows its results to the host key only", async () => {
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    const a = await t.api<any>("POST", "/api/assignments", { scenario: TEST_SCENARIO.id, seed: 99, deadline });
    expect(a.status).toBe(201);
    const { code, hostKey } = a.body;
    expect((await t.api<any>("GET", `/api/assignments/${code}`)).body).toMatchObject({
      scenario: TEST_SCENARIO.id,
      seed: 99,
      open: true,
    });
    // Runs are handed in with the assignment's run tickets (soloRuns.test.ts); none yet.
    const res = await t.api<any>("GET", `/api/assignments/${code}/results`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
    expect((await t.api("GET", `/api/assignments/${code}/results`)).status).toBe(403);
    expect(
      (await t.api("POST", "/api/assignments", { scenario: TEST_SCENARIO.id, deadline: "2001-01-01T00:00:00Z" }))
        .status,
    ).toBe(400);
  });
});
