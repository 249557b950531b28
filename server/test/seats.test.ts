// Seats over a round: team mode (students of a team share one cluster), late join on and
// off, and reconnection (a dropped socket comes back to the same seat and cluster; the
// room survives its host's disconnection; the seat token finds the seat after the grace).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ask, bootServer, Inbox, sleep, st, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { JOIN_ERRORS } from "@overcommit/shared";

let t: TestServer;
beforeAll(async () => {
  t = await bootServer({ reconnectSeconds: 2 }, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

async function join(options: Record<string, unknown>): Promise<{ room: Room; inbox: Inbox }> {
  const room = await t.client().join("classroom", options);
  return { room, inbox: new Inbox(room) };
}

async function classroom(settings: Record<string, unknown>) {
  const { body } = await t.api<any>("POST", "/api/classrooms", {
    scenario: TEST_SCENARIO.id,
    seed: 3,
    speed: 16,
    ...settings,
  });
  const host = await join({ code: body.code, hostKey: body.hostKey });
  return { code: body.code as string, hostKey: body.hostKey as string, host };
}

const clusterOf = (r: Room) => Object.keys(st(r).clusters ?? {});

describe("team mode", () => {
  it("puts 2–4 students on one shared cluster per team", async () => {
    const { code, host } = await classroom({ mode: "teams", teamSize: 2 });
    const s = await Promise.all(["Ann", "Ben", "Cat", "Dan", "Eli"].map((nickname) => join({ code, nickname })));
    const seats = await Promise.all(s.map((x) => x.inbox.first("welcome")));
    // The host puts Ann and Eli together; the others are placed at the start.
    expect((await ask(host.room, host.inbox, "team", { seat: seats[0].seat, team: 1 })).ok).toBe(true);
    expect((await ask(host.room, host.inbox, "team", { seat: seats[4].seat, team: 1 })).ok).toBe(true);
    expect(await ask(host.room, host.inbox, "team", { seat: seats[1].seat, team: 1 })).toMatchObject({
      ok: false,
      code: "too-many",
    });
    expect((await ask(host.room, host.inbox, "start")).ok).toBe(true);
    await waitFor(() => s.every((x) => clusterOf(x.room).length === 1), 5000, "every student's cluster");
    const clusters = s.map((x) => clusterOf(x.room)[0]);
    expect(clusters[0]).toBe(clusters[4]);
    const sizes = new Map<string, number>();
    for (const c of clusters) sizes.set(c!, (sizes.get(c!) ?? 0) + 1);
    expect([...sizes.values()].sort()).toEqual([1, 2, 2]);
    expect(Object.keys(st(host.room).rows)).toHaveLength(3);
    // A teammate's command changes the shared world both of them see.
    expect(
      await ask(s[4]!.room, s[4]!.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "large", mode: "hypervisor" } }),
    ).toMatchObject({ ok: true });
    await waitFor(
      () => Object.keys(st(s[0]!.room).clusters[clusters[0]!].nodes).length === 3,
      3000,
      "the teammate's node",
    );
    expect(st(s[0]!.room).rows[clusters[0]!].name).toBe("Team 1");
  });

  it("refuses team sizes outside 2–4 at creation", async () => {
    expect(
      (await t.api("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, mode: "teams", teamSize: 5 })).status,
    ).toBe(400);
    expect(
      (await t.api("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, mode: "teams", teamSize: 1 })).status,
    ).toBe(400);
  });
});

describe("late join", () => {
  it("on: a late student gets a cluster at the round's tick", async () => {
    const { code, host } = await classroom({ lateJoin: true });
    const early = await join({ code, nickname: "Early" });
    await ask(host.room, host.inbox, "start");
    await waitFor(() => st(host.room).tick >= 10, 5000, "tick 10");
    const late = await join({ code, nickname: "Late" });
    await waitFor(() => clusterOf(late.room).length === 1, 3000, "the late cluster");
    // Created at tick 0 and caught up: its world is at the round's tick (clusters refresh at
    // least every 4 ticks, so the mirrored tick may trail the room's by a few).
    const lateCluster = st(late.room).clusters[clusterOf(late.room)[0]!];
    expect(lateCluster.tick).toBeGreaterThanOrEqual(10);
    expect(Math.abs(lateCluster.tick - st(late.room).tick)).toBeLessThanOrEqual(4);
    expect(
      await ask(late.room, late.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } }),
    ).toMatchObject({ ok: true });
  });

  it("off: a new student is refused once the round runs, a returning seat is not", async () => {
    const { code, host } = await classroom({ lateJoin: false });
    const early = await join({ code, nickname: "Early" });
    const { seatToken } = await early.inbox.first("welcome");
    await ask(host.room, host.inbox, "start");
    await expect(join({ code, nickname: "Late" })).rejects.toMatchObject({ code: JOIN_ERRORS["late-join-off"] });
    await waitFor(() => clusterOf(early.room).length === 1, 3000, "a cluster");
    const cluster = clusterOf(early.room)[0];
    await early.room.leave(true);
    const back = await join({ code, nickname: "ignored", seatToken });
    await waitFor(() => clusterOf(back.room).length === 1, 3000, "the returning cluster");
    expect(clusterOf(back.room)[0]).toBe(cluster);
    expect(st(back.room).seats[(await back.inbox.first("welcome")).seat].nickname).toBe("Early");
  });
});

describe("reconnection", () => {
  it("a dropped socket comes back to the same seat and cluster", async () => {
    const { code, host } = await classroom({ speed: 4 });
    const s = await join({ code, nickname: "Wobbly" });
    const welcome = await s.inbox.first("welcome");
    await ask(host.room, host.inbox, "start");
    await waitFor(() => clusterOf(s.room).length === 1, 3000, "a cluster");
    const cluster = clusterOf(s.room)[0];
    expect(
      await ask(s.room, s.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } }),
    ).toMatchObject({ ok: true });
    const token = s.room.reconnectionToken;
    await s.room.leave(false); // drop the socket without saying goodbye
    await waitFor(() => st(host.room).seats[welcome.seat]?.connected === false, 3000, "the seat to show disconnected");
    const again = await t.client().reconnect(token);
    const inbox = new Inbox(again);
    expect(again.sessionId).toBe(s.room.sessionId);
    await waitFor(() => clusterOf(again).length === 1, 3000, "the cluster after reconnecting");
    expect(clusterOf(again)[0]).toBe(cluster);
    expect(Object.keys(st(again).clusters[cluster!].nodes)).toHaveLength(3);
    await waitFor(() => st(host.room).seats[welcome.seat]?.connected === true, 3000, "the seat to show connected");
    expect(
      await ask(again, inbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } }),
    ).toMatchObject({ ok: true });
  });

  it("the room survives its host's disconnection, and the host comes back", async () => {
    const { code, hostKey, host } = await classroom({ speed: 8 });
    const s = await join({ code, nickname: "Steady" });
    await ask(host.room, host.inbox, "start");
    await host.room.leave(false);
    await waitFor(() => st(s.room).hostConnected === false, 3000, "the host to be gone");
    await sleep(2500); // past the reconnection grace period
    const tick = st(s.room).tick;
    await waitFor(() => st(s.room).tick > tick + 3, 3000, "the round to keep running");
    const back = await join({ code, hostKey });
    expect((await back.inbox.first("welcome")).role).toBe("host");
    await waitFor(() => st(s.room).hostConnected === true, 3000, "the host to be back");
    expect((await ask(back.room, back.inbox, "pause")).ok).toBe(true);
    await waitFor(() => st(s.room).phase === "paused");
    expect(
      await ask(s.room, s.inbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } }),
    ).toMatchObject({ ok: false, code: "not-allowed" });
    expect((await ask(back.room, back.inbox, "speed", { speed: 17 })).ok).toBe(false);
    expect((await ask(back.room, back.inbox, "speed", { speed: 16 })).ok).toBe(true);
    expect((await ask(back.room, back.inbox, "resume")).ok).toBe(true);
    expect((await ask(back.room, back.inbox, "end")).ok).toBe(true);
    await waitFor(() => st(s.room).phase === "ended");
  });

  it("after the grace period, the seat token finds the seat", async () => {
    const { code, host } = await classroom({ speed: 8 });
    const s = await join({ code, nickname: "Sleepy" });
    const { seatToken, seat } = await s.inbox.first("welcome");
    await ask(host.room, host.inbox, "start");
    await waitFor(() => clusterOf(s.room).length === 1);
    const cluster = clusterOf(s.room)[0];
    await s.room.leave(false);
    await sleep(2500);
    await expect(t.client().reconnect(s.room.reconnectionToken)).rejects.toBeTruthy();
    const back = await join({ code, seatToken });
    expect((await back.inbox.first("welcome")).seat).toBe(seat);
    await waitFor(() => clusterOf(back.room)[0] === cluster, 3000, "the same cluster");
  });

  it("a second tab with the same seat token takes the seat over", async () => {
    const { code } = await classroom({});
    const first = await join({ code, nickname: "Twin" });
    const { seatToken, seat } = await first.inbox.first("welcome");
    const closed = new Promise<number>((resolve) => first.room.onLeave((c) => resolve(c)));
    const second = await join({ code, seatToken });
    expect((await second.inbox.first("welcome")).seat).toBe(seat);
    expect(await closed).toBe(4409);
    await waitFor(() => st(second.room).seats?.[seat]?.connected === true, 3000, "the seat to stay connected");
    expect(Object.keys(st(second.room).seats)).toHaveLength(1);
  });
});

describe("nicknames that look alike or look empty", () => {
  it("are refused at the door and in the host's rename, whatever their Unicode form", async () => {
    const { code, host } = await classroom({});
    await join({ code, nickname: "José" });
    const refused = async (nickname: string) =>
      t
        .client()
        .join("classroom", { code, nickname })
        .then(
          () => null,
          (e: { code?: number; message?: string }) => e,
        );
    // Decomposed "José" beside the composed one, and its unaccented and fullwidth look-alikes.
    for (const nickname of ["Jose\u0301", "Jose", "ＪＯＳＥ"])
      expect(await refused(nickname)).toMatchObject({
        code: JOIN_ERRORS["bad-nickname"],
        message: expect.stringMatching(/already has that nickname/),
      });
    // A reserved name and a blocked word in fullwidth letters.
    for (const nickname of ["Ｔｅａｃｈｅｒ", "ｂａｄｗｏｒｄ"])
      expect(await refused(nickname)).toMatchObject({
        code: JOIN_ERRORS["bad-nickname"],
        message: expect.stringMatching(/not allowed/),
      });
    // Names that render blank.
    for (const nickname of ["\u3164", "\u2800\u2800\u2800", "\u115F\u1160", "\uFFA0", "A\u200B"])
      expect(await refused(nickname)).toMatchObject({ code: JOIN_ERRORS["bad-nickname"] });
    // A fullwidth name is shown in its ordinary form.
    const mary = await join({ code, nickname: "Ｍａｒｙ" });
    const seat = (await mary.inbox.first("welcome")).seat as string;
    await waitFor(() => st(host.room).seats?.[seat]?.nickname === "Mary", 3000, "Mary's seat");
    // The host's rename follows the same rules.
    expect(await ask(host.room, host.inbox, "rename", { seat, nickname: "JOSÉ" })).toMatchObject({
      ok: false,
      code: "not-allowed",
    });
    expect(await ask(host.room, host.inbox, "rename", { seat, nickname: "\u3164\u3164" })).toMatchObject({
      ok: false,
      code: "bad-field",
    });
    expect(await ask(host.room, host.inbox, "rename", { seat, nickname: "Ｍａｒｉｅ" })).toMatchObject({ ok: true });
    await waitFor(() => st(host.room).seats?.[seat]?.nickname === "Marie", 3000, "the renamed seat");
  });
});
