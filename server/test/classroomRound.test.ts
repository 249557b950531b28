// A full classroom round over real sockets: the host creates a classroom, three students
// join, one is kicked and cannot come back under another name, the others play, the round
// runs to its end, and the report's numbers are the engine's own (re-simulated replays).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { scoreOf, slaBp, stateHash, JOIN_ERRORS } from "@overcommit/shared";
import { ask, bootServer, Inbox, replayOf, st, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

async function join(options: Record<string, unknown>): Promise<{ room: Room; inbox: Inbox }> {
  const room = await t.client().join("classroom", options);
  return { room, inbox: new Inbox(room) };
}

describe("a classroom round", () => {
  it("runs from lobby to report, and a kicked student stays out", async () => {
    const created = await t.api<any>("POST", "/api/classrooms", {
      scenario: TEST_SCENARIO.id,
      seed: 42,
      speed: 16,
      length: 48,
    });
    expect(created.status).toBe(201);
    const { code, hostKey, projectorKey } = created.body;
    expect(code).toMatch(/^[ACDEFHJKMNPRTWXY]{6}$/);

    const host = await join({ code, hostKey });
    expect((await host.inbox.first("welcome")).role).toBe("host");
    const projector = await join({ code, projectorKey });
    expect((await projector.inbox.first("welcome")).role).toBe("projector");

    const ada = await join({ code, nickname: "  Ada  " });
    const bob = await join({ code, nickname: "Bob" });
    const eve = await join({ code, nickname: "Eve" });
    const eveWelcome = await eve.inbox.first("welcome");
    expect(eveWelcome.role).toBe("student");
    expect(eveWelcome.seatToken).not.toBe("");
    await waitFor(() => st(host.room).seats && Object.keys(st(host.room).seats).length === 3);
    expect(
      Object.values(st(host.room).seats)
        .map((s: any) => s.nickname)
        .sort(),
    ).toEqual(["Ada", "Bob", "Eve"]);

    // Same nickname (any case) is taken; a wrong host key makes no host.
    await expect(join({ code, nickname: "ada" })).rejects.toMatchObject({ code: JOIN_ERRORS["bad-nickname"] });
    await expect(join({ code, hostKey: "not-the-key" })).rejects.toMatchObject({ code: JOIN_ERRORS["bad-key"] });

    // Kick Eve; she cannot come back, not even under another name with her seat token.
    const eveLeft = new Promise<number>((resolve) => eve.room.onLeave((c) => resolve(c)));
    expect((await ask(host.room, host.inbox, "kick", { seat: eveWelcome.seat })).ok).toBe(true);
    expect(await eveLeft).toBe(4403);
    await expect(join({ code, nickname: "Mallory", seatToken: eveWelcome.seatToken })).rejects.toMatchObject({
      code: JOIN_ERRORS.kicked,
    });
    await waitFor(() => Object.keys(st(host.room).seats).length === 2);

    expect((await ask(host.room, host.inbox, "start")).ok).toBe(true);
    await waitFor(
      () => st(ada.room).clusters && Object.keys(st(ada.room).clusters).length === 1,
      5000,
      "Ada's cluster",
    );

    // Ada plays: buys a node; the reply says accepted at a tick.
    const bought = await ask(ada.room, ada.inbox, "cmd", {
      cmd: { type: "buy-node", nodeType: "small", mode: "container-host" },
    });
    expect(bought).toMatchObject({ ok: true });
    expect(bought.tick).toBeGreaterThanOrEqual(0);
    // A command the rules refuse comes back refused with the engine's code.
    const refused = await ask(bob.room, bob.inbox, "cmd", {
      cmd: { type: "deploy", service: "erp", runtime: "container", node: 0 },
    });
    expect(refused.ok).toBe(false);
    expect(refused.code).toBe("runtime-not-allowed");

    // The instructor injects an incident for one student and watches her cluster.
    const adaCluster = (await ada.inbox.first("welcome")).cluster || Object.keys(st(ada.room).clusters)[0];
    expect(
      (await ask(host.room, host.inbox, "inject", { incident: "crash", target: "web", cluster: adaCluster })).ok,
    ).toBe(true);
    expect((await ask(host.room, host.inbox, "spectate", { cluster: adaCluster })).ok).toBe(true);
    await waitFor(() => Object.keys(st(host.room).clusters ?? {}).length === 1, 3000, "spectated cluster");
    expect(Object.keys(st(host.room).clusters)).toEqual([adaCluster]);
    expect(Object.keys(st(host.room).rows).length).toBe(2);
    expect(Object.keys(st(projector.room).clusters ?? {}).length).toBe(0);

    await waitFor(() => st(ada.room).phase === "ended", 15000, "the end of the round");
    expect(ada.inbox.of("round-over").length).toBe(1);

    const report = await t.api<any>("GET", `/api/classrooms/${code}/report`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    expect(report.status).toBe(200);
    expect(report.body.phase).toBe("ended");
    expect(report.body.students.map((s: any) => s.nickname).sort()).toEqual(["Ada", "Bob"]);
    for (const s of report.body.students) {
      expect(s.ticks).toBe(48);
      const { world } = await replayOf(t.url, code, hostKey, s.seat, TEST_SCENARIO);
      expect({ score: s.score, slaBp: s.slaBp, money: s.money, hash: s.stateHash }).toEqual({
        score: scoreOf(world),
        slaBp: slaBp(world),
        money: world.money,
        hash: stateHash(world),
      });
      expect(s.incidents["self-healing"]?.count).toBeGreaterThanOrEqual(1);
    }
    const adaRow = report.body.students.find((s: any) => s.nickname === "Ada");
    // Ada got the injected crash on top of the scripted one.
    expect(adaRow.incidents["self-healing"].count).toBeGreaterThan(
      report.body.students.find((s: any) => s.nickname === "Bob").incidents["self-healing"].count,
    );

    const csv = await t.api("GET", `/api/classrooms/${code}/report?format=csv`, undefined, {
      authorization: `Bearer ${hostKey}`,
    });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.text.split("\r\n")[0]).toMatch(/^Rank,Nickname,Score \(¢\),SLA \(%\)/);
    expect(csv.text.trim().split("\r\n")).toHaveLength(3);

    // Without the host key there is no report.
    expect((await t.api("GET", `/api/classrooms/${code}/report`)).status).toBe(403);
    expect((await t.api("GET", `/api/classrooms/${code}/report?key=${projectorKey}`)).status).toBe(403);
  });

  it("refuses rooms created by clients instead of the HTTP API", async () => {
    await expect(t.client().create("classroom", { classroomId: "made-up" })).rejects.toBeTruthy();
    await expect(t.client().join("classroom", { code: "AAAAAA", nickname: "Zed" })).rejects.toBeTruthy();
  });

  it("lock keeps new students out and unlock lets them in", async () => {
    const { body } = await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id });
    const host = await join({ code: body.code, hostKey: body.hostKey });
    expect((await ask(host.room, host.inbox, "lock", { locked: true })).ok).toBe(true);
    await expect(join({ code: body.code, nickname: "Late" })).rejects.toMatchObject({ code: JOIN_ERRORS.locked });
    expect((await ask(host.room, host.inbox, "lock", { locked: false })).ok).toBe(true);
    const s = await join({ code: body.code, nickname: "Late" });
    expect((await s.inbox.first("welcome")).role).toBe("student");
    // The instructor renames; nickname rules apply to renames too.
    const seat = (await s.inbox.first("welcome")).seat;
    expect((await ask(host.room, host.inbox, "rename", { seat, nickname: "Grace" })).ok).toBe(true);
    expect((await ask(host.room, host.inbox, "rename", { seat, nickname: "bad\u0007name" })).ok).toBe(false);
    await waitFor(() => st(s.room).seats?.[seat]?.nickname === "Grace");
  });

  it("an incident injected for everyone reaches every cluster, and students are told", async () => {
    const { body } = await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, speed: 8 });
    const host = await join({ code: body.code, hostKey: body.hostKey });
    const students = await Promise.all(["Kim", "Lee", "Max"].map((nickname) => join({ code: body.code, nickname })));
    await ask(host.room, host.inbox, "start");
    await waitFor(() => students.every((s) => Object.keys(st(s.room).clusters ?? {}).length === 1), 5000, "clusters");
    const before = Object.values(st(host.room).rows).map((r: any) => r.incidents as number);
    const r = await ask(host.room, host.inbox, "inject", { incident: "node-failure", target: "any", cluster: "all" });
    expect(r.ok).toBe(true);
    const feed = await host.inbox.first("incident");
    expect(feed.length).toBeGreaterThanOrEqual(3);
    expect(feed[0]).toMatchObject({ kind: "node-failure", concept: "self-healing" });
    for (const s of students)
      await waitFor(
        () =>
          s.inbox
            .of("events")
            .flat()
            .some((e: any) => e.type === "node-failed"),
        3000,
        "the student's event",
      );
    // Events carry the ids of what they hit, so the student's screen can flash the node.
    const failed = students[0]!.inbox
      .of("events")
      .flat()
      .find((e: any) => e.type === "node-failed");
    expect(failed).toMatchObject({ node: expect.any(Number), cause: "hardware" });
    expect(failed.node).toBeGreaterThanOrEqual(0);
    expect(failed.text).toMatch(/failed/);
    await waitFor(
      () => Object.values(st(host.room).rows).every((row: any, k) => row.incidents > before[k]!),
      3000,
      "every row's incidents",
    );
    // A projector opened after the incidents still shows the class's incidents so far.
    const projector = await join({ code: body.code, projectorKey: body.projectorKey });
    const backlog = await projector.inbox.first("incident");
    expect(backlog.filter((i: any) => i.kind === "node-failure").length).toBeGreaterThanOrEqual(3);
    // Unknown incident kinds and clusters are refused.
    expect((await ask(host.room, host.inbox, "inject", { incident: "meteor", cluster: "all" })).code).toBe("bad-field");
    expect(
      (await ask(host.room, host.inbox, "inject", { incident: "crash", target: "web", cluster: "c999" })).code,
    ).toBe("bad-field");
  });
});
