// The load test tool (issue 5) against a real server: 2 classes × 3 students for ~5 s at
// speed 8 with real colyseus.js clients in this process; every client connects, commands
// get replies, nothing fails, and the JSON has its fields. Non-loopback URLs and
// out-of-range arguments are refused, both by the parser and by runLoadTest itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootServer, type TestServer } from "./harness.ts";
import { checkServerUrl, DEFAULTS, isLoopbackHost, parseLoadTestArgs, type LoadTestOptions } from "../src/cli/loadtestArgs.ts";
import { runLoadTest } from "../src/cli/loadtestRun.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootServer();
});
afterAll(async () => {
  await t.close();
});

function options(over: Partial<LoadTestOptions> = {}): LoadTestOptions {
  return { classes: 2, students: 3, seconds: 5, speed: 8, url: t.url, scenario: DEFAULTS.scenario, seed: 7, bot: "mix", serverPid: null, json: true, ...over };
}

describe("the load test", () => {
  it("drives real clients through real rounds and reports", async () => {
    const r = await runLoadTest(options({ serverPid: process.pid }));
    for (const key of [
      "clients_connected", "clients_failed", "commands_sent", "replies", "refusals", "errors",
      "cmd_rtt_p50_ms", "cmd_rtt_p99_ms", "bytes_per_client_per_s", "room_tick_p99_ms",
      "server_event_loop_p99_ms", "server_cpu_percent", "server_rss_mb", "shadow_mismatches",
    ]) expect(r, key).toHaveProperty(key);
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
    for (const url of ["http://10.0.0.5:2567", "http://example.com", "http://127.0.0.1.example.com:2567", "http://[::2]:2567", "ftp://127.0.0.1", "http://user:pw@127.0.0.1:2567", "not a url"]) {
      expect(checkServerUrl(url).ok, url).toBe(false);
      await expect(runLoadTest(options({ url })), url).rejects.toThrow(/./);
    }
    const parsed = parseLoadTestArgs(["--classes", "1", "--students", "1", "--seconds", "1", "--url", "http://192.168.1.10:2567"]);
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
    expect(ok).toMatchObject({ ok: true, args: { mode: "run", options: { classes: 2, students: 3, seconds: 5, speed: 8, url: DEFAULTS.url, scenario: "black-friday", json: true } } });
    // runLoadTest checks its options too, before it touches the server.
    await expect(runLoadTest(options({ classes: 101 }))).rejects.toThrow(/--classes must be a whole number from 1 to 100/);
    await expect(runLoadTest(options({ students: 151 }))).rejects.toThrow(/--students must be a whole number from 1 to 150/);
    await expect(runLoadTest(options({ seconds: 601 }))).rejects.toThrow(/--seconds must be from 1 to 600/);
  });
});
