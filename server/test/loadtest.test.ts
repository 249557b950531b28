// The load test tool (issue 5) against a real server: 2 classes × 3 students for ~5 s at
// speed 8 with real colyseus.js clients in this process; every client connects, commands
// get replies, nothing fails, and the JSON has its fields. Non-loopback URLs and
// out-of-range arguments are refused, both by the parser and by runLoadTest itself. The
// capacity search's arguments (--find-capacity) likewise, and how it judges a step and
// places processes on CPUs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootServer, type TestServer } from "./harness.ts";
import {
  CAPACITY_DEFAULTS,
  checkServerUrl,
  DEFAULTS,
  isLoopbackHost,
  parseLoadTestArgs,
  type LoadTestOptions,
} from "../src/cli/loadtest/args.ts";
import { judge, pinPlan } from "../src/cli/loadtest/capacity.ts";
import { runLoadTest } from "../src/cli/loadtest/run.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(async () => {
  await t.close();
});

function options(over: Partial<LoadTestOptions> = {}): LoadTestOptions {
  return {
    classes: 2,
    students: 3,
    seconds: 5,
    speed: 8,
    url: t.url,
    scenario: DEFAULTS.scenario,
    seed: 7,
    bot: "mix",
    serverPid: null,
    json: true,
    ...over,
  };
}

describe("the load test", () => {
  it("drives real clients through real rounds and reports", async () => {
    const r = await runLoadTest(options({ serverPid: process.pid }));
    for (const key of [
      "clients_connected",
      "clients_failed",
      "commands_sent",
      "replies",
      "refusals",
      "errors",
      "cmd_rtt_p50_ms",
      "cmd_rtt_p99_ms",
      "bytes_per_client_per_s",
      "room_tick_p99_ms",
      "server_event_loop_p99_ms",
      "server_event_loop_p99_played_ms",
      "server_cpu_percent",
      "server_rss_mb",
      "shadow_mismatches",
      "students_starved",
      "state_gap_max_ms",
      "state_tick_share_min",
    ])
      expect(r, key).toHaveProperty(key);
    expect(r["clients_connected"]).toBe(2 + 2 * 3);
    expect(r["students_connected"]).toBe(6);
    expect(r["clients_failed"]).toBe(0);
    expect(r["errors"]).toBe(0);
    expect(r["first_error"]).toBeNull();
    expect(r["commands_sent"] as number).toBeGreaterThan(0);
    expect(r["replies"]).toBe(r["commands_sent"]);
    expect(r["cmd_rtt_p50_ms"] as number).toBeGreaterThan(0);
    expect(r["cmd_rtt_p99_ms"] as number).toBeGreaterThanOrEqual(r["cmd_rtt_p50_ms"] as number);
    expect(r["bytes_per_client_per_s"] as number).toBeGreaterThan(0);
    // The shadow worlds the bots look at are the server's clusters.
    expect(r["shadow_checked"]).toBe(6);
    expect(r["shadow_mismatches"]).toBe(0);
    // Every student kept up: patches at the tick rate, replies in time.
    expect(r["students_starved"]).toBe(0);
    expect(r["state_gap_max_ms"] as number).toBeGreaterThan(0);
    expect(r["state_gap_max_ms"] as number).toBeLessThan(2000);
    expect(r["state_tick_share_min"] as number).toBeGreaterThanOrEqual(0.9);
    expect(r["servers"]).toBe(1);
    // From /metrics: the two rooms ticked about 5 s × 8 ticks/s each.
    expect(r["room_ticks"] as number).toBeGreaterThan(2 * 30);
    expect(r["room_tick_p99_ms"]).not.toBeUndefined();
    expect(r["server_commands"] as number).toBeGreaterThanOrEqual(r["commands_sent"] as number);
    // The server's event-loop lag and CPU come from its /metrics.
    expect(r["server_event_loop_p99_ms"] as number).toBeGreaterThan(0);
    expect(r["server_cpu_percent"] as number).toBeGreaterThan(0);
    // Sampled from /proc for the given pid (here this process, which hosts the server).
    expect(r["server_rss_mb"] as number).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    for (const v of Object.values(r)) expect(v === null || typeof v !== "object").toBe(true);
    // It cleaned up: every round is over and nobody is left in a room.
    const metrics = await t.api("GET", "/metrics");
    expect(metrics.text).toMatch(/^overcommit_clients 0$/m);
  });

  it("refuses a server that is not on this machine", async () => {
    for (const url of [
      "http://10.0.0.5:2567",
      "http://example.com",
      "http://127.0.0.1.example.com:2567",
      "http://[::2]:2567",
      "ftp://127.0.0.1",
      "http://user:pw@127.0.0.1:2567",
      "not a url",
    ]) {
      expect(checkServerUrl(url).ok, url).toBe(false);
      await expect(runLoadTest(options({ url })), url).rejects.toThrow(/./);
    }
    const parsed = parseLoadTestArgs([
      "--classes",
      "1",
      "--students",
      "1",
      "--seconds",
      "1",
      "--url",
      "http://192.168.1.10:2567",
    ]);
    expect(parsed).toMatchObject({ ok: false });
    expect(!parsed.ok && parsed.error).toMatch(/only targets this machine.*not loopback/);
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "[::1]"]) expect(isLoopbackHost(host), host).toBe(true);
    expect(checkServerUrl("ws://localhost:2567")).toEqual({ ok: true, url: "http://localhost:2567" });
    expect(checkServerUrl("http://[::1]:2567/")).toEqual({ ok: true, url: "http://[::1]:2567" });
  });

  it("refuses out-of-range and malformed arguments in plain English", async () => {
    const base = ["--classes", "2", "--students", "3", "--seconds", "5"];
    const bad: [string[], RegExp][] = [
      [["--classes", "101", "--students", "3", "--seconds", "5"], /--classes must be a whole number from 1 to 100/],
      [["--classes", "0", "--students", "3", "--seconds", "5"], /--classes must be a whole number from 1 to 100/],
      [["--classes", "2", "--students", "151", "--seconds", "5"], /--students must be a whole number from 1 to 150/],
      [["--classes", "2", "--students", "3", "--seconds", "601"], /--seconds must be a whole number from 1 to 600/],
      [["--classes", "2", "--students", "3", "--seconds", "-1"], /--seconds needs a value|--seconds must be/],
      [[...base, "--speed", "17"], /--speed must be a whole number from 1 to 16/],
      [[...base, "--bot", "idle"], /--bot must be one of autopilot, greedy, mix/],
      [[...base, "--classes", "3"], /--classes is given twice/],
      [["--students", "3", "--seconds", "5"], /--classes is required/],
      [[...base, "--fast"], /Unknown argument "--fast"/],
      [[...base, "--url"], /--url needs a value/],
    ];
    for (const [argv, msg] of bad) {
      const p = parseLoadTestArgs(argv);
      expect(p.ok, argv.join(" ")).toBe(false);
      expect(!p.ok && p.error, argv.join(" ")).toMatch(msg);
    }
    const ok = parseLoadTestArgs([...base, "--speed", "8", "--json"]);
    expect(ok).toMatchObject({
      ok: true,
      args: {
        mode: "run",
        options: {
          classes: 2,
          students: 3,
          seconds: 5,
          speed: 8,
          url: DEFAULTS.url,
          scenario: "black-friday",
          json: true,
        },
      },
    });
    // runLoadTest checks its options too, before it touches the server.
    await expect(runLoadTest(options({ classes: 101 }))).rejects.toThrow(
      /--classes must be a whole number from 1 to 100/,
    );
    await expect(runLoadTest(options({ students: 151 }))).rejects.toThrow(
      /--students must be a whole number from 1 to 150/,
    );
    await expect(runLoadTest(options({ seconds: 601 }))).rejects.toThrow(/--seconds must be from 1 to 600/);
  });

  it("refuses capacity-search arguments that make no sense, in plain English", () => {
    const base = ["--find-capacity", "--students", "40"];
    const bad: [string[], RegExp][] = [
      [["--find-capacity"], /--students is required/],
      [[...base, "--classes", "10"], /--find-capacity chooses the number of classrooms itself/],
      [[...base, "--start-classes", "0"], /--start-classes must be a whole number from 1 to 100/],
      [[...base, "--max-classes", "101"], /--max-classes must be a whole number from 1 to 100/],
      [
        [...base, "--start-classes", "30", "--max-classes", "20"],
        /--start-classes \(30\) must not be more than --max-classes \(20\)/,
      ],
      [[...base, "--processes", "0"], /--processes must be a whole number from 1 to 4/],
      [[...base, "--processes", "5"], /--processes must be a whole number from 1 to 4/],
      [
        [...base, "--processes", "2", "--url", "http://127.0.0.1:2567"],
        /--processes needs the servers this tool starts itself/,
      ],
      [[...base, "--server-pid", "1234"], /--server-pid goes with --url/],
      [[...base, "--budget-seconds", "5"], /--budget-seconds must be a whole number from 10 to 7200/],
      [
        [...base, "--seconds", "60", "--budget-seconds", "30"],
        /--budget-seconds \(30\) must leave room for at least one step of --seconds \(60\)/,
      ],
      [[...base, "--loop-p99-ms", "0"], /--loop-p99-ms must be a whole number from 1 to 1000/],
      [[...base, "--loop-p99-ms", "fast"], /--loop-p99-ms must be a whole number from 1 to 1000/],
      [[...base, "--url", "http://10.0.0.5:2567"], /only targets this machine/],
      [[...base, "--speed", "0"], /--speed must be a whole number from 1 to 16/],
      [[...base, "--processes"], /--processes needs a value/],
      // Capacity flags without --find-capacity.
      [
        ["--classes", "2", "--students", "3", "--seconds", "5", "--max-classes", "9"],
        /--max-classes only goes with --find-capacity/,
      ],
      [["--classes", "2", "--students", "3", "--seconds", "5", "--no-pin"], /--no-pin only goes with --find-capacity/],
    ];
    for (const [argv, msg] of bad) {
      const p = parseLoadTestArgs(argv);
      expect(p.ok, argv.join(" ")).toBe(false);
      expect(!p.ok && p.error, argv.join(" ")).toMatch(msg);
    }
    expect(parseLoadTestArgs(base)).toEqual({
      ok: true,
      args: {
        mode: "capacity",
        capacity: {
          students: 40,
          seconds: CAPACITY_DEFAULTS.seconds,
          speed: DEFAULTS.speed,
          startClasses: CAPACITY_DEFAULTS.startClasses,
          maxClasses: CAPACITY_DEFAULTS.maxClasses,
          processes: 1,
          url: null,
          serverPid: null,
          scenario: DEFAULTS.scenario,
          seed: DEFAULTS.seed,
          bot: DEFAULTS.bot,
          budgetSeconds: null,
          loopP99Ms: 50,
          pin: true,
          json: false,
        },
      },
    });
    expect(
      parseLoadTestArgs([
        ...base,
        "--processes",
        "2",
        "--seconds",
        "20",
        "--start-classes",
        "10",
        "--max-classes",
        "80",
        "--budget-seconds",
        "600",
        "--no-pin",
        "--json",
      ]),
    ).toMatchObject({
      ok: true,
      args: {
        mode: "capacity",
        capacity: {
          processes: 2,
          seconds: 20,
          startClasses: 10,
          maxClasses: 80,
          budgetSeconds: 600,
          pin: false,
          json: true,
        },
      },
    });
    expect(parseLoadTestArgs([...base, "--url", "ws://localhost:2567", "--server-pid", "77"])).toMatchObject({
      ok: true,
      args: { capacity: { url: "http://localhost:2567", serverPid: 77 } },
    });
  });

  it("judges a capacity step by the event-loop target and starvation", () => {
    const fine = {
      clients_failed: 0,
      errors: 0,
      first_error: null,
      server_event_loop_p99_played_ms: 50,
      students_starved: 0,
    };
    expect(judge(fine, 50)).toEqual([]);
    expect(judge({ ...fine, server_event_loop_p99_played_ms: 75 }, 50)).toEqual([
      "server event-loop p99 75 ms > 50 ms",
    ]);
    expect(judge({ ...fine, server_event_loop_p99_played_ms: null }, 50)[0]).toMatch(/beyond 1000 ms/);
    expect(judge({ ...fine, students_starved: 3, state_gap_max_ms: 2400 }, 50)[0]).toMatch(
      /^3 students starved \(longest patch gap 2400 ms/,
    );
    expect(judge({ ...fine, clients_failed: 2, errors: 1, first_error: "boom" }, 50)).toEqual([
      "2 clients could not join",
      "1 errors (boom)",
    ]);
  });

  it("keeps the load tool off the server's CPU when there is one to spare", () => {
    expect(pinPlan(1, 2, true)).toMatchObject({ servers: [0], tool: "1" });
    expect(pinPlan(2, 4, true)).toMatchObject({ servers: [0, 1], tool: "2-3" });
    // Two processes on two CPUs: servers pinned, the load tool shares both (and says so).
    expect(pinPlan(2, 2, true)).toMatchObject({ servers: [0, 1], tool: null });
    expect(pinPlan(2, 2, true).note).toMatch(/shares all 2 CPUs/);
    expect(pinPlan(2, 1, true)).toMatchObject({ servers: [null, null], tool: null });
    expect(pinPlan(1, 8, false)).toMatchObject({ servers: [null], tool: null, note: "unpinned (--no-pin)" });
  });
});
