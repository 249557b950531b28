// Seats only through the code, rooms only from the server (issue 11): against a real server
// and real colyseus.js clients, a join without a proper code gets no seat and counts as a
// guess, no matchmaking route creates a classroom room or restores one, a live classroom
// keeps exactly one room whose storage nobody else writes, and seat reservations from one
// address cannot lock the instructor, the projector or a returning student out.
// Other client addresses are made by binding the request's source to 127.0.0.x.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import { CLASSROOM_ROOM, JOIN_ERRORS } from "@overcommit/shared";
import { ask, bootServer, Inbox, st, waitFor, type TestServer } from "./harness.ts";
import { testCatalog, TEST_SCENARIO } from "./scenario.ts";
import { issueRoomGrant } from "../src/rooms/roomGrant.ts";
import type { ClassroomRoom } from "../src/rooms/classroomRoom.ts";

let t: TestServer;

beforeAll(async () => {
  t = await bootServer({}, { scenarios: testCatalog });
});
afterAll(async () => {
  await t.close();
});

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly body: { code?: number; error?: string; sessionId?: string; room?: Record<string, unknown> };
}

/** A raw matchmaking request (what colyseus.js sends) from a chosen source address. */
function matchmake(from: string, method: string, room: string, options: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(options);
    const req = request(
      {
        host: "127.0.0.1",
        port: t.server.port,
        localAddress: from,
        method: "POST",
        path: `/matchmake/${method}/${room}`,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function classroom(): Promise<{
  classroomId: string;
  code: string;
  roomId: string;
  hostKey: string;
  projectorKey: string;
}> {
  return (await t.api<any>("POST", "/api/classrooms", { scenario: TEST_SCENARIO.id, seed: 9, speed: 16 })).body;
}

const joinError = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code?: number; message?: string }) => ({ code: e.code, message: e.message ?? "" }),
  );

/** What storage holds of a classroom: every row a room writes while it lives. */
function stored(classroomId: string): unknown {
  const db = t.server.storage.db;
  const of = (table: string) =>
    db.prepare(`SELECT * FROM ${table} WHERE classroom_id = ? ORDER BY 1, 2`).all(classroomId);
  return {
    classroom: t.server.storage.classrooms.byId(classroomId),
    seats: of("seats"),
    clusters: of("clusters"),
    commands: of("commands"),
    results: of("results"),
  };
}

describe("a join is checked against the classroom's own code", () => {
  it("without a code, or with one that is not a string, no seat is given, nothing is disclosed, and it counts as a guess", async () => {
    const c = await classroom();
    const from = "127.0.0.21";
    const bad: unknown[] = [
      { nickname: "Mallory" },
      { code: 123, nickname: "M" },
      { code: {}, nickname: "M" },
      { code: [c.code], nickname: "M" },
      { code: null },
      { code: "" },
      { code: "x".repeat(5000) },
      null,
      [],
      "code",
      42,
    ];
    for (const options of bad) {
      const a = await matchmake(from, "join", CLASSROOM_ROOM, options);
      expect(a.body, JSON.stringify(options)).toEqual({
        code: JOIN_ERRORS["bad-options"],
        error: expect.stringMatching(/code/),
      });
      expect(a.text).not.toContain(c.code);
      expect(a.text).not.toContain(c.roomId);
    }
    // A wrong code: Colyseus's own "no rooms found", nothing more.
    const wrong = await matchmake(from, "join", CLASSROOM_ROOM, {
      code: c.code === "AAAAAA" ? "CCCCCC" : "AAAAAA",
      nickname: "M",
    });
    expect(wrong.body).toEqual({ code: 4211, error: "no rooms found with provided criteria" });
    // colyseus.js's join without a code does not enter the lobby.
    expect(await joinError(t.client().join(CLASSROOM_ROOM, { nickname: "Eve" }))).toMatchObject({
      code: JOIN_ERRORS["bad-options"],
    });
    // All of these were guesses: a few more and this address is cooled down, even for the right code.
    for (let k = 0; k < 8; k++) await matchmake(from, "join", CLASSROOM_ROOM, { nickname: `M${k}` });
    expect((await matchmake(from, "join", CLASSROOM_ROOM, { code: c.code, nickname: "Late" })).body.code).toBe(
      JOIN_ERRORS["too-many-guesses"],
    );
    // Nobody got a seat.
    const host = await t.client().join(CLASSROOM_ROOM, { code: c.code, hostKey: c.hostKey });
    new Inbox(host);
    await waitFor(() => st(host).code === c.code, 3000, "the host's state");
    expect(Object.keys(st(host).seats ?? {})).toEqual([]);
    await host.leave();
  });

  it("the code is read forgivingly, and an accepted join's answer names only what connecting needs", async () => {
    const c = await classroom();
    const a = await matchmake("127.0.0.22", "join", CLASSROOM_ROOM, {
      code: ` ${c.code.slice(0, 3).toLowerCase()}-${c.code.slice(3)} `,
      nickname: "Ada",
      extra: "x".repeat(1000),
    });
    expect(a.body.sessionId).toBeTruthy();
    expect(Object.keys(a.body.room ?? {}).sort()).toEqual(["name", "processId", "roomId"]);
  });

  it("the room itself refuses a seat to anyone who did not come through the code, even past the front", async () => {
    const c = await classroom();
    const room = matchMaker.getLocalRoomById(c.roomId) as ClassroomRoom;
    // Judged in the room: another code, or none.
    expect(await room.admit("s-wrong", { code: "AAAAAA", nickname: "Nope" }, "127.0.0.1")).toMatchObject({
      ok: false,
      code: JOIN_ERRORS["bad-options"],
    });
    expect(await room.admit("s-none", { nickname: "Nope" }, "127.0.0.1")).toMatchObject({
      ok: false,
      code: JOIN_ERRORS["bad-options"],
    });
    // Colyseus's own join, called directly (no front at all), finds the room but gets no seat.
    await expect(matchMaker.join(CLASSROOM_ROOM, { nickname: "Bypass" })).rejects.toThrow();
    await expect(matchMaker.joinById(c.roomId, { nickname: "Bypass" })).rejects.toThrow();
    expect(Object.keys((room as unknown as { reservedSeats: object }).reservedSeats)).toEqual([]);
  });
});

describe("no client creates a classroom room", () => {
  it("create, joinOrCreate and joinById are refused on every route, and the live classroom's room and storage are untouched", async () => {
    const c = await classroom();
    const host = await t.client().join(CLASSROOM_ROOM, { code: c.code, hostKey: c.hostKey });
    const hostInbox = new Inbox(host);
    const ada = await t.client().join(CLASSROOM_ROOM, { code: c.code, nickname: "Ada" });
    const adaInbox = new Inbox(ada);
    expect((await ask(host, hostInbox, "start")).ok).toBe(true);
    await waitFor(() => Object.keys(st(ada).clusters ?? {}).length === 1, 5000, "Ada's cluster");
    expect((await ask(ada, adaInbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } })).ok).toBe(
      true,
    );
    expect((await ask(host, hostInbox, "pause")).ok).toBe(true);
    const before = stored(c.classroomId);

    const forged = {
      classroomId: c.classroomId,
      code: c.code,
      restore: true,
      hostKey: c.hostKey,
      length: 10,
      grant: "A".repeat(24),
    };
    for (const method of ["create", "joinOrCreate"]) {
      for (const options of [forged, { ...forged, code: "AAAAAA" }, { classroomId: "made-up", code: "CCCCCC" }, {}]) {
        const a = await matchmake("127.0.0.23", method, CLASSROOM_ROOM, options);
        expect(a.body, `${method} ${JSON.stringify(options)}`).toEqual({
          code: JOIN_ERRORS["bad-options"],
          error: expect.stringMatching(/instructor/),
        });
        expect(a.text).not.toContain(c.roomId);
      }
    }
    expect((await matchmake("127.0.0.23", "joinById", c.roomId, { nickname: "ById" })).body.code).toBe(
      JOIN_ERRORS["bad-options"],
    );
    expect((await matchmake("127.0.0.23", "joinById", c.roomId, forged)).body.code).toBe(JOIN_ERRORS["bad-options"]);
    // The same through colyseus.js.
    expect(await joinError(t.client().create(CLASSROOM_ROOM, forged))).toMatchObject({
      code: JOIN_ERRORS["bad-options"],
    });
    expect(await joinError(t.client().joinOrCreate(CLASSROOM_ROOM, forged))).toMatchObject({
      code: JOIN_ERRORS["bad-options"],
    });
    expect(await joinError(t.client().joinById(c.roomId, { nickname: "ById" }))).toMatchObject({
      code: JOIN_ERRORS["bad-options"],
    });
    // Unknown methods and room names are refused too.
    expect((await matchmake("127.0.0.23", "restore", CLASSROOM_ROOM, forged)).body.code).toBeGreaterThan(0);
    expect((await matchmake("127.0.0.23", "create", "lobby", forged)).body.code).toBeGreaterThan(0);

    // Past the front, in the server's own process: without a grant no room is made, and a
    // grant for a classroom that has its room makes no second one.
    await expect(matchMaker.createRoom(CLASSROOM_ROOM, forged)).rejects.toMatchObject({
      code: JOIN_ERRORS["bad-options"],
    });
    const restore = await issueRoomGrant(matchMaker.presence, { classroomId: c.classroomId, restore: true });
    await expect(matchMaker.createRoom(CLASSROOM_ROOM, { code: c.code, grant: restore })).rejects.toMatchObject({
      message: expect.stringMatching(/already has its room/),
    });
    const fresh = await issueRoomGrant(matchMaker.presence, { classroomId: c.classroomId, restore: false });
    await expect(matchMaker.createRoom(CLASSROOM_ROOM, { code: c.code, grant: fresh })).rejects.toMatchObject({
      code: JOIN_ERRORS["bad-options"],
    });
    // A grant is used up by the room that takes it: the same one does not work twice.
    await expect(matchMaker.createRoom(CLASSROOM_ROOM, { code: c.code, grant: restore })).rejects.toMatchObject({
      message: expect.stringMatching(/instructor/),
    });

    // One room for the code, the same one, and storage exactly as it was.
    const listings = await matchMaker.query({ name: CLASSROOM_ROOM, code: c.code });
    expect(listings.map((l) => l.roomId)).toEqual([c.roomId]);
    expect(stored(c.classroomId)).toEqual(before);
    expect((await ask(host, hostInbox, "resume")).ok).toBe(true);
    expect((await ask(ada, adaInbox, "cmd", { cmd: { type: "buy-node", nodeType: "small", mode: "hosted" } })).ok).toBe(
      true,
    );
    await ada.leave();
    await host.leave();
  });
});

describe("seat reservations", () => {
  it("one address cannot lock a class: the host, the projector and a returning student still get in", async () => {
    const c = await classroom();
    // A real student took a seat earlier, from the attacker's own network.
    const from = "127.0.0.24";
    const first = await matchmake(from, "join", CLASSROOM_ROOM, { code: c.code, nickname: "Returning" });
    expect(first.body.sessionId).toBeTruthy();
    const early = await t.client().join(CLASSROOM_ROOM, { code: c.code, nickname: "Early" });
    const seatToken = (await new Inbox(early).first("welcome")).seatToken as string;
    await early.leave();
    // 200 reservations that never connect.
    const answers = [];
    for (let k = 0; k < 200; k++)
      answers.push(await matchmake(from, "join", CLASSROOM_ROOM, { code: c.code, nickname: `Res${k}` }));
    const granted = answers.filter((a) => a.body.sessionId).length;
    expect(granted).toBeLessThanOrEqual(40);
    const refused = answers.find((a) => !a.body.sessionId)!;
    expect(refused.body).toEqual({ code: JOIN_ERRORS["busy"], error: expect.stringMatching(/try again/) });
    expect(refused.text).not.toContain(c.roomId);
    // Three more addresses fill the room's allowance for new students.
    for (const other of ["127.0.0.25", "127.0.0.26", "127.0.0.27"])
      for (let k = 0; k < 45; k++)
        await matchmake(other, "join", CLASSROOM_ROOM, { code: c.code, nickname: `${other}-${k}` });
    expect(
      (await matchmake("127.0.0.28", "join", CLASSROOM_ROOM, { code: c.code, nickname: "Newcomer" })).body.code,
    ).toBe(JOIN_ERRORS["busy"]);
    // Those it must never keep out, from the attacker's address (a shared school NAT) too.
    const host = await t.client().join(CLASSROOM_ROOM, { code: c.code, hostKey: c.hostKey });
    const projector = await t.client().join(CLASSROOM_ROOM, { code: c.code, projectorKey: c.projectorKey });
    const back = await t.client().join(CLASSROOM_ROOM, { code: c.code, seatToken });
    const backInbox = new Inbox(back);
    expect(
      (await matchmake(from, "join", CLASSROOM_ROOM, { code: c.code, hostKey: c.hostKey })).body.sessionId,
    ).toBeTruthy();
    expect((await matchmake(from, "join", CLASSROOM_ROOM, { code: c.code, seatToken })).body.sessionId).toBeTruthy();
    const welcome = await backInbox.first("welcome");
    expect(welcome.role).toBe("student");
    for (const r of [host, projector, back]) await r.leave();
  });
});
