// Students cannot act as the instructor, cannot act on or see another cluster, and hostile
// messages (wrong types, huge numbers, unknown commands, oversized payloads, floods) are
// refused while the room keeps running for everyone else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { pino } from "pino";
import { ask, bootServer, Inbox, sleep, st, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

let t: TestServer;
let code: string;
let hostKey: string;
let host: { room: Room; inbox: Inbox };
let ada: { room: Room; inbox: Inbox };
let bob: { room: Room; inbox: Inbox };

async function join(options: Record<string, unknown>): Promise<{ room: Room; inbox: Inbox }> {
  const room = await t.client().join("classroom", options);
  return { room, inbox: new Inbox(room) };
}

/** The server's warnings and errors, one JSON line each. */
const logged: string[] = [];

beforeAll(async () => {
  t = await bootServer(
    {},
    { scenarios: testCatalog, logger: pino({ level: "warn" }, { write: (line: string) => void logged.push(line) }) },
  );
  const { body } = await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 7, speed: 8 });
  code = body.code;
  hostKey = body.hostKey;
  host = await join({ code, hostKey });
  ada = await join({ code, nickname: "Ada" });
  bob = await join({ code, nickname: "Bob" });
  await ask(host.room, host.inbox, "start");
  await waitFor(() => Object.keys(st(bob.room).clusters ?? {}).length === 1, 5000, "Bob's cluster");
  await waitFor(() => Object.keys(st(ada.room).clusters ?? {}).length === 1, 5000, "Ada's cluster");
});
afterAll(async () => {
  await t.close();
});

const tickOf = (r: Room) => st(r).tick as number;

describe("roles", () => {
  it("a student cannot send the instructor's messages", async () => {
    for (const type of [
      "start",
      "pause",
      "resume",
      "end",
      "lock",
      "kick",
      "rename",
      "speed",
      "inject",
      "team",
      "late-join",
    ]) {
      const r = await ask(ada.room, ada.inbox, type, {
        seat: "x",
        speed: 16,
        locked: true,
        incident: "crash",
        target: "web",
        size: 0,
      });
      expect([type, r.ok, r.code]).toEqual([type, false, "not-allowed"]);
    }
    const r = await ask(ada.room, ada.inbox, "cmd", {
      cmd: { type: "inject", incident: "node-failure", target: "any", size: 0 },
    });
    expect(r).toMatchObject({ ok: false, code: "not-allowed" });
    expect(
      await ask(ada.room, ada.inbox, "spectate", { cluster: Object.keys(st(bob.room).clusters)[0] }),
    ).toMatchObject({ ok: false, code: "not-allowed" });
    expect(st(host.room).phase).toBe("running");
  });

  it("the projector is read-only", async () => {
    const { body } = await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id });
    const projector = await join({ code: body.code, projectorKey: body.projectorKey });
    for (const type of ["start", "kick", "lock", "inject"])
      expect((await ask(projector.room, projector.inbox, type, { locked: true })).code).toBe("not-allowed");
    expect(
      (
        await ask(projector.room, projector.inbox, "cmd", {
          cmd: { type: "buy-node", nodeType: "small", mode: "hosted" },
        })
      ).code,
    ).toBe("not-allowed");
  });

  it("a student sees only their own cluster and cannot address another", async () => {
    const adaClusters = Object.keys(st(ada.room).clusters);
    const bobClusters = Object.keys(st(bob.room).clusters);
    expect(adaClusters).toHaveLength(1);
    expect(bobClusters).toHaveLength(1);
    expect(adaClusters[0]).not.toBe(bobClusters[0]);
    // Everyone sees every leaderboard row.
    expect(Object.keys(st(ada.room).rows).sort()).toEqual([...adaClusters, ...bobClusters].sort());
    // A command naming another cluster is malformed (commands carry no cluster).
    const r = await ask(ada.room, ada.inbox, "cmd", {
      cmd: { type: "buy-node", nodeType: "small", mode: "hosted", cluster: bobClusters[0] },
    });
    expect(r).toMatchObject({ ok: false, code: "bad-field" });
    // Ada's purchase lands in Ada's world only.
    const bobNodes = Object.keys(st(bob.room).clusters[bobClusters[0]!].nodes).length;
    expect(
      await ask(ada.room, ada.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } }),
    ).toMatchObject({ ok: true });
    await sleep(300);
    expect(Object.keys(st(ada.room).clusters[adaClusters[0]!].nodes).length).toBe(3);
    expect(Object.keys(st(bob.room).clusters[bobClusters[0]!].nodes).length).toBe(bobNodes);
  });
});

describe("hostile messages", () => {
  it("wrong types, huge numbers and unknown commands are refused with a code", async () => {
    const eve = await join({ code, nickname: "Eve" });
    const bad: [string, unknown, string][] = [
      ["cmd", "buy-node", "bad-command"],
      ["cmd", [1, 2, 3], "bad-command"],
      ["cmd", 12, "bad-command"],
      ["cmd", { cmd: null }, "bad-command"],
      ["cmd", { cmd: { type: "format-disk" } }, "unknown-command"],
      ["cmd", { cmd: { type: "__proto__" } }, "unknown-command"],
      ["cmd", { cmd: { type: "set-replicas", service: "web", replicas: 1e308 } }, "bad-field"],
      ["cmd", { cmd: { type: "set-replicas", service: "web", replicas: -1 } }, "bad-field"],
      ["cmd", { cmd: { type: "set-replicas", service: "web", replicas: 2.5 } }, "bad-field"],
      ["cmd", { cmd: { type: "remove-node", node: Number.MAX_SAFE_INTEGER } }, "bad-field"],
      ["cmd", { cmd: { type: "deploy", service: "x".repeat(500), runtime: "vm", node: 0 } }, "bad-field"],
      ["nonsense", { a: 1 }, "unknown-command"],
    ];
    for (const [type, body, code] of bad) {
      const seq = 9000 + bad.findIndex((b) => b[1] === body);
      const msg = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, seq } : body;
      eve.room.send(type, msg);
      if (typeof msg === "object" && msg !== null && !Array.isArray(msg)) {
        expect([type, JSON.stringify(body).slice(0, 60), (await eve.inbox.reply(seq)).code]).toEqual([
          type,
          JSON.stringify(body).slice(0, 60),
          code,
        ]);
      }
    }
    // The type "*" (Colyseus's catch-all) is an unknown type like any other, answered with its seq.
    eve.room.send("*", { seq: 9100, a: 1 });
    expect(await eve.inbox.reply(9100)).toMatchObject({ ok: false, code: "unknown-command" });
    // Non-object messages are answered with seq -1.
    await waitFor(
      () => eve.inbox.of("reply").filter((r) => r.seq === -1 && r.code === "bad-command").length >= 3,
      3000,
      "refusals of non-objects",
    );
    const before = tickOf(bob.room);
    await waitFor(() => tickOf(bob.room) > before + 2, 3000, "the room to keep ticking");
  });

  it("an oversized payload closes only the sender's socket", async () => {
    const mallory = await join({ code, nickname: "Mallory" });
    const left = new Promise<number>((resolve) => mallory.room.onLeave((c) => resolve(c)));
    mallory.room.send("cmd", {
      cmd: { type: "buy-node", nodeType: "small", mode: "hosted", pad: "x".repeat(64 * 1024) },
    });
    expect(await left).not.toBe(4000);
    const before = tickOf(ada.room);
    await waitFor(() => tickOf(ada.room) > before + 2, 3000, "the room to keep ticking");
    expect(
      await ask(ada.room, ada.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } }),
    ).toMatchObject({ ok: true });
  });

  it("a burst is rate-limited with a code, and a flood disconnects the flooder only", async () => {
    const flood = await join({ code, nickname: "Flooder" });
    const left = new Promise<number>((resolve) => flood.room.onLeave((c) => resolve(c)));
    for (let k = 0; k < 40; k++)
      flood.room.send("cmd", { seq: 20000 + k, cmd: { type: "set-scheduler", strategy: "LeastAllocated" } });
    await waitFor(() => flood.inbox.of("reply").some((r) => r.code === "rate-limited"), 3000, "a rate-limited refusal");
    expect(flood.inbox.of("reply").filter((r) => r.ok).length).toBeLessThanOrEqual(35);
    const floods = () => Number(/^overcommit_refusals_total\{code="flood"\} (\d+)$/m.exec(metricsText)?.[1] ?? 0);
    let metricsText = (await t.api("GET", "/metrics")).text;
    const floodsBefore = floods();
    const linesBefore = logged.filter((l) => l.includes("flood: disconnecting")).length;
    for (let k = 0; k < 600; k++)
      flood.room.send("cmd", { seq: 30000 + k, cmd: { type: "set-scheduler", strategy: "LeastAllocated" } });
    expect(await left).toBe(4429);
    // The hundreds of messages already on their way when it was cut off do not cut it off again.
    await sleep(300);
    metricsText = (await t.api("GET", "/metrics")).text;
    expect(floods() - floodsBefore).toBe(1);
    expect(logged.filter((l) => l.includes("flood: disconnecting")).length - linesBefore).toBe(1);
    const before = tickOf(bob.room);
    await waitFor(() => tickOf(bob.room) > before + 2, 3000, "the room to keep ticking");
    expect(
      await ask(bob.room, bob.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } }),
    ).toMatchObject({ ok: true });
  });

  it("the live report and the metrics reflect the running round", async () => {
    const report = await t.api<any>("GET", `/api/classrooms/${code}/report`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    expect(report.body.phase).toBe("running");
    expect(report.body.students.map((s: any) => s.nickname)).toEqual(expect.arrayContaining(["Ada", "Bob"]));
    const metrics = (await t.api("GET", "/metrics")).text;
    expect(Number(/^overcommit_rooms (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^overcommit_refusals_total\{code="rate-limited"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(Number(/^overcommit_room_tick_ms_count (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(10);
  });
});
